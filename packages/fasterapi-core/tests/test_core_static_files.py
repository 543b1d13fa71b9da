"""StaticFiles: content types, caching headers, ranges, html mode, and path traversal always 404."""

from __future__ import annotations

import email.utils
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from fasterapi_core import Faster, HTTPException, JSONResponse, Request
from fasterapi_core.staticfiles import StaticFiles


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "hello.txt").write_text("hello world")
    (root / "data.json").write_text('{"a": 1}')
    (root / "blob.bin").write_bytes(bytes(range(256)) * 1024)
    (root / "empty.txt").write_bytes(b"")
    (root / "sub").mkdir()
    (root / "sub" / "index.html").write_text("<h1>sub</h1>")
    (root / "nodir").mkdir()
    (root / "index.html").write_text("<h1>root</h1>")
    (root / "404.html").write_text("<h1>missing</h1>")
    (tmp_path / "secret.txt").write_text("top secret")
    os.symlink(tmp_path / "secret.txt", root / "link-out.txt")
    os.symlink(root / "hello.txt", root / "link-in.txt")
    return root


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def _mounted(**kwargs: Any) -> Faster:
    app = Faster()
    app.mount("/static", StaticFiles(**kwargs))
    return app


async def _raw(
    app: Any, path: str, method: str = "GET", headers: list[tuple[bytes, bytes]] | None = None
) -> tuple[int, dict[bytes, bytes], bytes]:
    """Call the ASGI app with an exact (already decoded) path, as a server would."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("latin-1", "replace"),
        "root_path": "",
        "query_string": b"",
        "headers": headers or [],
        "server": ("test", 80),
        "client": ("127.0.0.1", 1234),
    }
    await app(scope, receive, send)
    start = messages[0]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], dict(start["headers"]), body


async def test_serves_files_with_headers(site: Path) -> None:
    async with _client(_mounted(directory=site)) as client:
        response = await client.get("/static/hello.txt")
        assert response.status_code == 200
        assert response.text == "hello world"
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert response.headers["content-length"] == "11"
        assert response.headers["accept-ranges"] == "bytes"
        assert response.headers["etag"].startswith('"')
        mtime = (site / "hello.txt").stat().st_mtime
        assert response.headers["last-modified"] == email.utils.formatdate(mtime, usegmt=True)
        assert (await client.get("/static/data.json")).headers["content-type"] == "application/json"
        blob = await client.get("/static/blob.bin")
        assert blob.content == bytes(range(256)) * 1024
        assert blob.headers["content-type"] == "application/octet-stream"
        empty = await client.get("/static/empty.txt")
        assert empty.status_code == 200
        assert empty.content == b""
        head = await client.head("/static/hello.txt")
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["content-length"] == "11"


async def test_missing_and_methods(site: Path) -> None:
    async with _client(_mounted(directory=site)) as client:
        missing = await client.get("/static/nope.txt")
        assert missing.status_code == 404
        assert missing.json() == {"detail": "Not Found"}
        assert (await client.get("/static/sub")).status_code == 404, "directories need html=True"
        post = await client.post("/static/hello.txt")
        assert post.status_code == 405
        assert post.headers["allow"] == "GET, HEAD"


async def test_conditional_requests(site: Path) -> None:
    async with _client(_mounted(directory=site)) as client:
        first = await client.get("/static/hello.txt")
        etag = first.headers["etag"]
        for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            response = await client.get("/static/hello.txt", headers={"if-none-match": header})
            assert response.status_code == 304, header
            assert response.content == b""
            assert response.headers["etag"] == etag
            assert "content-length" not in response.headers
        assert (await client.get("/static/hello.txt", headers={"if-none-match": '"other"'})).status_code == 200
        since = first.headers["last-modified"]
        assert (await client.get("/static/hello.txt", headers={"if-modified-since": since})).status_code == 304
        old = "Mon, 01 Jan 1990 00:00:00 GMT"
        assert (await client.get("/static/hello.txt", headers={"if-modified-since": old})).status_code == 200
        bad = await client.get("/static/hello.txt", headers={"if-modified-since": "garbage"})
        assert bad.status_code == 200


async def test_ranges(site: Path) -> None:
    async with _client(_mounted(directory=site)) as client:
        response = await client.get("/static/hello.txt", headers={"range": "bytes=0-4"})
        assert response.status_code == 206
        assert response.content == b"hello"
        assert response.headers["content-range"] == "bytes 0-4/11"
        assert response.headers["content-length"] == "5"
        assert (await client.get("/static/hello.txt", headers={"range": "bytes=-5"})).content == b"world"
        assert (await client.get("/static/hello.txt", headers={"range": "bytes=6-"})).content == b"world"
        assert (await client.get("/static/hello.txt", headers={"range": "bytes=6-100"})).content == b"world"
        multi = await client.get("/static/hello.txt", headers={"range": "bytes=0-1,6-7"})
        assert multi.status_code == 206
        assert multi.headers["content-type"].startswith("multipart/byteranges; boundary=")
        assert int(multi.headers["content-length"]) == len(multi.content)
        assert b"Content-Range: bytes 0-1/11\r\n\r\nhe\r\n" in multi.content
        assert b"Content-Range: bytes 6-7/11\r\n\r\nwo\r\n" in multi.content
        merged = await client.get("/static/hello.txt", headers={"range": "bytes=0-3,2-5"})
        assert merged.content == b"hello "
        unsatisfiable = await client.get("/static/hello.txt", headers={"range": "bytes=50-60"})
        assert unsatisfiable.status_code == 416
        assert unsatisfiable.headers["content-range"] == "bytes */11"
        for header in ("items=0-1", "bytes=a-b", "bytes=5-2", "bytes=5"):
            assert (await client.get("/static/hello.txt", headers={"range": header})).status_code == 400, header
        etag = (await client.get("/static/hello.txt")).headers["etag"]
        same = await client.get("/static/hello.txt", headers={"range": "bytes=0-1", "if-range": etag})
        assert same.status_code == 206
        changed = await client.get("/static/hello.txt", headers={"range": "bytes=0-1", "if-range": '"old"'})
        assert changed.status_code == 200
        assert changed.text == "hello world"
        big = await client.get("/static/blob.bin", headers={"range": "bytes=100000-200000"})
        assert big.content == (bytes(range(256)) * 1024)[100000:200001]


async def test_html_mode(site: Path) -> None:
    async with _client(_mounted(directory=site, html=True)) as client:
        root = await client.get("/static/")
        assert root.status_code == 200
        assert root.text == "<h1>root</h1>"
        assert root.headers["content-type"] == "text/html; charset=utf-8"
        sub = await client.get("/static/sub/")
        assert sub.text == "<h1>sub</h1>"
        redirect = await client.get("/static/sub")
        assert redirect.status_code == 307
        assert redirect.headers["location"] == "/static/sub/"
        missing = await client.get("/static/nowhere")
        assert missing.status_code == 404
        assert missing.text == "<h1>missing</h1>"
        no_index = await client.get("/static/nodir/")
        assert no_index.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/..",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/hello.txt\x00.png",
        "/..\\secret.txt",
        "/link-out.txt",
    ],
)
async def test_traversal_is_always_404(site: Path, path: str) -> None:
    app = StaticFiles(directory=site)
    status, _, body = await _raw(app, path)
    assert status == 404
    assert b"secret" not in body
    assert b"root:" not in body


async def test_symlinks(site: Path) -> None:
    status, _, body = await _raw(StaticFiles(directory=site), "/link-in.txt")
    assert (status, body) == (200, b"hello world")
    status, _, body = await _raw(StaticFiles(directory=site, follow_symlink=True), "/link-out.txt")
    assert (status, body) == (200, b"top secret")
    status, _, _ = await _raw(StaticFiles(directory=site, follow_symlink=True), "/../secret.txt")
    assert status == 404


def test_constructor_checks(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="does not exist"):
        StaticFiles(directory=tmp_path / "missing")
    StaticFiles(directory=tmp_path / "missing", check_dir=False)
    with pytest.raises(RuntimeError):
        StaticFiles(packages=["surely_not_a_real_package_name"])


async def test_missing_directory_without_check_is_404(tmp_path: Path) -> None:
    status, _, _ = await _raw(StaticFiles(directory=tmp_path / "missing", check_dir=False), "/x.txt")
    assert status == 404


async def test_packages_statics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "mypkg_static_test"
    (package / "statics").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "statics" / "a.css").write_text("body{}")
    monkeypatch.syspath_prepend(str(tmp_path))
    status, headers, body = await _raw(StaticFiles(packages=["mypkg_static_test"]), "/a.css")
    assert (status, body) == (200, b"body{}")
    assert headers[b"content-type"] == b"text/css; charset=utf-8"


class SinglePageApp(StaticFiles):
    """The fallback people write for Starlette: ``index.html`` for every path that is not a file."""

    async def get_response(self, path: str, scope: Any) -> Any:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            return await super().get_response("index.html", scope)


async def test_single_page_app_fallback_subclass(site: Path) -> None:
    app = Faster()
    app.mount("/app", SinglePageApp(directory=site))
    async with _client(app) as client:
        assert (await client.get("/app/hello.txt")).text == "hello world"
        for path in ("/app/settings/profile", "/app/nowhere.js", "/app/"):
            response = await client.get(path)
            assert (response.status_code, response.text) == (200, "<h1>root</h1>"), path
        assert (await client.post("/app/settings")).status_code == 405
    status, _, body = await _raw(SinglePageApp(directory=site), "/deep/link")
    assert (status, body) == (200, b"<h1>root</h1>")


async def test_missing_files_reach_the_apps_exception_handlers(site: Path) -> None:
    app = Faster()
    app.mount("/static", StaticFiles(directory=site))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"missing": request.url.path}, status_code=404)

    @app.exception_handler(405)
    async def wrong_method(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"method": request.method, "allow": (exc.headers or {}).get("Allow")}, status_code=405)

    async with _client(app) as client:
        missing = await client.get("/static/nope.txt")
        assert (missing.status_code, missing.json()) == (404, {"missing": "/static/nope.txt"})
        wrong = await client.delete("/static/hello.txt")
        assert (wrong.status_code, wrong.json()) == (405, {"method": "DELETE", "allow": "GET, HEAD"})
        assert (await client.get("/static/hello.txt")).text == "hello world"


@pytest.mark.parametrize("mounted", [True, False])
async def test_head_of_a_missing_file_has_no_body(site: Path, mounted: bool) -> None:
    app: Any = _mounted(directory=site) if mounted else StaticFiles(directory=site)
    status, headers, body = await _raw(app, "/static/nope.txt" if mounted else "/nope.txt", method="HEAD")
    assert (status, body) == (404, b"")
    assert headers[b"content-length"] == b"22"  # the GET's length: HEAD answers what GET would, without it


async def test_lookup_steps_can_be_overridden(site: Path) -> None:
    class Versioned(StaticFiles):
        """``/v2/hello.txt`` serves ``hello.txt``: a cache-busting prefix dropped before the lookup."""

        def get_path(self, scope: Any) -> str:
            path = super().get_path(scope)
            return path.split(os.sep, 1)[1] if path.startswith("v2" + os.sep) else path

    status, _, body = await _raw(Versioned(directory=site), "/v2/hello.txt")
    assert (status, body) == (200, b"hello world")
    static = StaticFiles(directory=site)
    full_path, stat_result = static.lookup_path("hello.txt")
    assert (full_path, stat_result is not None) == (str((site / "hello.txt").resolve()), True)
    assert static.lookup_path("../secret.txt") == ("", None)
    assert static.lookup_path("hello.txt\x00.png") == ("", None)
