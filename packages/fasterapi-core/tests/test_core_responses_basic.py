"""Response classes, cookies, the injected ``Response`` parameter and response_class options."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from fasterapi_core import (
    BackgroundTasks,
    Faster,
    FasterRouter,
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    UJSONResponse,
    status,
)


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", follow_redirects=False)


async def test_plain_response_sets_length_and_charset() -> None:
    app = Faster()

    @app.get("/")
    async def index() -> Response:
        return Response("héllo", media_type="text/plain", headers={"X-One": "1"})

    async with client(app) as c:
        r = await c.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.headers["content-length"] == str(len("héllo".encode()))
    assert r.headers["x-one"] == "1"
    assert r.text == "héllo"


def test_response_without_body_status_has_no_length() -> None:
    assert "content-length" not in Response(status_code=204).headers
    assert Response(status_code=200).headers["content-length"] == "0"


def test_response_rejects_non_text_content() -> None:
    with pytest.raises(TypeError, match="JSONResponse"):
        Response({"a": 1})


async def test_json_html_plaintext_and_aliases() -> None:
    app = Faster()

    @app.get("/json")
    async def as_json() -> JSONResponse:
        return JSONResponse({"when": datetime.date(2024, 1, 2), "n": [1, 2]}, status_code=201)

    @app.get("/raw")
    async def raw() -> JSONResponse:
        return ORJSONResponse(b'{"pre":"encoded"}')

    @app.get("/html")
    async def html() -> HTMLResponse:
        return HTMLResponse("<b>x</b>")

    @app.get("/text")
    async def text() -> PlainTextResponse:
        return PlainTextResponse("plain")

    assert UJSONResponse is JSONResponse
    async with client(app) as c:
        r = await c.get("/json")
        assert r.status_code == 201
        assert r.json() == {"when": "2024-01-02", "n": [1, 2]}
        assert r.headers["content-type"] == "application/json"
        assert r.headers["content-length"] == str(len(r.content))
        assert (await c.get("/raw")).content == b'{"pre":"encoded"}'
        r = await c.get("/html")
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.text == "<b>x</b>"
        assert (await c.get("/text")).headers["content-type"] == "text/plain; charset=utf-8"


async def test_redirect_defaults_to_307_and_quotes_crlf() -> None:
    response = RedirectResponse("/next?a=1")
    assert response.status_code == 307
    assert response.headers["location"] == "/next?a=1"
    assert RedirectResponse("https://example.com/ä").headers["location"] == "https://example.com/%C3%A4"
    # Starlette's quoting: CR/LF are percent-encoded, so user input never adds a header.
    response = RedirectResponse("/x\r\nSet-Cookie: evil=1")
    assert response.raw_headers[-1] == (b"location", b"/x%0D%0ASet-Cookie:%20evil=1")
    assert [name for name, _ in response.raw_headers].count(b"set-cookie") == 0


def test_set_cookie_adds_one_header_per_cookie() -> None:
    response = Response()
    response.set_cookie("a", "1", max_age=60, httponly=True, secure=True, samesite="strict", domain="example.com")
    response.set_cookie("b", "2", expires=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc), path="/p")
    cookies = response.headers.getlist("set-cookie")
    assert len(cookies) == 2
    first = cookies[0]
    assert first.startswith("a=1")
    for part in ("Max-Age=60", "HttpOnly", "Secure", "SameSite=strict", "Domain=example.com", "Path=/"):
        assert part in first
    assert "expires=Tue, 01 Jan 2030 00:00:00 GMT" in cookies[1]
    assert "Path=/p" in cookies[1]
    with pytest.raises(ValueError, match="samesite"):
        response.set_cookie("c", samesite="bogus")  # type: ignore[arg-type]


def test_delete_cookie_expires_it() -> None:
    response = Response()
    response.delete_cookie("session", path="/app")
    header = response.headers["set-cookie"]
    assert header.startswith('session="";') or header.startswith("session=;")
    assert "Max-Age=0" in header
    assert "Path=/app" in header


def test_mutable_headers_view_edits_the_raw_list() -> None:
    response = PlainTextResponse("x")
    response.headers["X-A"] = "1"
    response.headers.append("X-A", "2")
    assert response.headers.getlist("x-a") == ["1", "2"]
    response.headers["x-a"] = "3"
    assert response.headers.getlist("X-A") == ["3"]
    del response.headers["x-a"]
    assert "x-a" not in response.headers
    assert (b"content-type", b"text/plain; charset=utf-8") in response.raw_headers


async def test_response_parameter_sets_headers_cookies_and_status() -> None:
    app = Faster()

    @app.get("/implicit")
    async def implicit(response: Response) -> dict[str, str]:
        response.headers["X-Extra"] = "yes"
        response.set_cookie("a", "1")
        response.set_cookie("b", "2")
        response.status_code = 202
        return {"ok": "1"}

    @app.get("/explicit")
    async def explicit(response: Response) -> PlainTextResponse:
        response.set_cookie("c", "3")
        return PlainTextResponse("explicit")

    async with client(app) as c:
        r = await c.get("/implicit")
        assert r.status_code == 202
        assert r.json() == {"ok": "1"}
        assert r.headers["x-extra"] == "yes"
        assert r.headers.get_list("set-cookie") == ["a=1; Path=/; SameSite=lax", "b=2; Path=/; SameSite=lax"]
        assert r.headers["content-length"] == str(len(r.content))
        r = await c.get("/explicit")
        assert r.text == "explicit"
        assert r.headers["set-cookie"].startswith("c=3")


async def test_response_class_on_route_and_default_on_app() -> None:
    app = Faster(default_response_class=PlainTextResponse)
    router = FasterRouter(prefix="/r")

    @app.get("/default")
    async def default() -> str:
        return "plain text"

    @app.get("/html", response_class=HTMLResponse)
    async def html() -> str:
        return "<p>hi</p>"

    @router.get("/json", response_class=JSONResponse)
    async def json_route() -> dict[str, int]:
        return {"a": 1}

    app.include_router(router)
    async with client(app) as c:
        r = await c.get("/default")
        assert r.headers["content-type"] == "text/plain; charset=utf-8"
        assert r.text == "plain text"
        r = await c.get("/html")
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.text == "<p>hi</p>"
        assert (await c.get("/r/json")).json() == {"a": 1}


async def test_head_sends_headers_without_body() -> None:
    app = Faster()

    @app.get("/doc")
    async def doc() -> PlainTextResponse:
        return PlainTextResponse("0123456789")

    async with client(app) as c:
        r = await c.head("/doc")
    assert r.status_code == 200
    assert r.headers["content-length"] == "10"
    assert r.content == b""


async def test_background_on_response_and_tasks_param_share_one_run() -> None:
    app = Faster()
    ran: list[str] = []

    def sync_task(name: str) -> None:
        ran.append(name)

    @app.get("/")
    async def index(tasks: BackgroundTasks) -> Response:
        tasks.add_task(sync_task, "from-param")
        from fasterapi_core import BackgroundTask

        return PlainTextResponse("ok", background=BackgroundTask(sync_task, "from-response"))

    async with client(app) as c:
        r = await c.get("/")
    assert r.text == "ok"
    assert ran == ["from-response", "from-param"]


def test_status_constants() -> None:
    assert status.HTTP_200_OK == 200
    assert status.HTTP_404_NOT_FOUND == 404
    assert status.HTTP_422_UNPROCESSABLE_ENTITY == status.HTTP_422_UNPROCESSABLE_CONTENT == 422
    assert status.HTTP_413_REQUEST_ENTITY_TOO_LARGE == 413
    assert status.WS_1000_NORMAL_CLOSURE == 1000
    assert status.WS_1008_POLICY_VIOLATION == 1008
    assert all(getattr(status, name) for name in status.__all__)


def test_responses_without_extra_headers_still_get_their_own_header_list() -> None:
    first, second = PlainTextResponse("hi"), PlainTextResponse("hi")
    assert first.raw_headers == [(b"content-length", b"2"), (b"content-type", b"text/plain; charset=utf-8")]
    first.set_cookie("a", "1")
    first.headers["x-one"] = "1"
    assert second.raw_headers == [(b"content-length", b"2"), (b"content-type", b"text/plain; charset=utf-8")]
    latin = HTMLResponse("é")
    latin.charset = "latin-1"
    assert latin.init_headers()[-1] == (b"content-type", b"text/html; charset=latin-1")
    assert Response(b"x", media_type="text/csv; charset=ascii").raw_headers[-1] == (
        b"content-type",
        b"text/csv; charset=ascii",
    )
    given = PlainTextResponse("hi", headers={"Content-Type": "text/x-custom", "X-A": "b"})
    assert given.raw_headers == [(b"content-type", b"text/x-custom"), (b"x-a", b"b"), (b"content-length", b"2")]
