"""faster-api-web parity: the `FasterAPI.response` module, response classes and their documented forms,
implicit serialisation (anchor inventory 1.1 "Responses", 1.2, 2.13, 2.14)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import msgspec

from FasterAPI import Faster
from FasterAPI.response import (
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    UJSONResponse,
    encode_json,
)
from FasterAPI.responses import EventSourceResponse, FileResponse, StreamingResponse
from FasterAPI.testclient import TestClient


class User(msgspec.Struct):
    name: str
    email: str


def serve(response: object) -> TestClient:
    app = Faster()

    @app.get("/")
    async def root() -> object:
        return response

    return TestClient(app)


def test_response_module_names() -> None:
    assert ORJSONResponse is JSONResponse or issubclass(ORJSONResponse, JSONResponse)
    assert UJSONResponse is JSONResponse or issubclass(UJSONResponse, JSONResponse)
    assert encode_json({"a": 1}) == b'{"a":1}'


def test_response_basic_forms() -> None:
    r = serve(Response(content="hi", status_code=201, headers={"X-A": "1"}, media_type="text/plain")).get("/")
    assert r.status_code == 201
    assert r.text == "hi"
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.headers["x-a"] == "1"
    assert serve(Response(content=b"\x00\x01", media_type="application/octet-stream")).get("/").content == b"\x00\x01"
    assert serve(Response()).get("/").content == b""


def test_json_response_encodes_extra_types() -> None:
    uid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    content = {
        "when": dt.datetime(2024, 1, 2, 3, 4, 5),
        "day": dt.date(2024, 1, 2),
        "id": uid,
        "amount": Decimal("1.5"),
    }
    body = serve(JSONResponse(content)).get("/").json()
    assert body["when"] == "2024-01-02T03:04:05"
    assert body["day"] == "2024-01-02"
    assert body["id"] == str(uid)
    assert body["amount"] in ("1.5", 1.5)


def test_json_response_struct_content() -> None:
    r = serve(JSONResponse(User(name="a", email="b"), status_code=201)).get("/")
    assert r.status_code == 201
    assert r.json() == {"name": "a", "email": "b"}
    assert r.headers["content-type"] == "application/json"


def test_html_and_plain_text() -> None:
    h = serve(HTMLResponse("<b>x</b>", status_code=200, headers={"X-B": "2"})).get("/")
    assert h.headers["content-type"] == "text/html; charset=utf-8"
    assert h.headers["x-b"] == "2"
    p = serve(PlainTextResponse("ok")).get("/")
    assert p.headers["content-type"] == "text/plain; charset=utf-8"


def test_redirect_response() -> None:
    r = serve(RedirectResponse("/elsewhere")).get("/", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "/elsewhere"
    r = serve(RedirectResponse("/x", status_code=301)).get("/", follow_redirects=False)
    assert r.status_code == 301


def test_custom_response_subclass_media_type() -> None:
    class XMLResponse(Response):
        media_type = "application/xml"

    r = serve(XMLResponse("<a/>")).get("/")
    assert r.headers["content-type"].startswith("application/xml")
    assert r.text == "<a/>"


def test_streaming_response_sync_async_and_str_chunks() -> None:
    async def agen() -> AsyncIterator[str]:
        yield "hello "
        yield "world"

    def gen() -> Iterator[bytes]:
        yield b"a"
        yield b"b"

    assert serve(StreamingResponse(agen(), media_type="text/plain")).get("/").text == "hello world"
    assert serve(StreamingResponse(gen())).get("/").content == b"ab"


def test_event_source_response_framing_and_headers() -> None:
    async def events() -> AsyncIterator[object]:
        yield {"id": "1", "event": "tick", "data": "one"}
        yield "plain"
        yield {"data": "line1\nline2", "retry": 1000}

    r = serve(EventSourceResponse(events())).get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["x-accel-buffering"] == "no"
    text = r.text.replace("\r\n", "\n")
    assert "id: 1\nevent: tick\ndata: one\n\n" in text
    assert "data: plain\n\n" in text
    assert "data: line1\ndata: line2\n" in text
    assert "retry: 1000" in text


def test_event_source_response_non_str_data_is_json() -> None:
    async def events() -> AsyncIterator[object]:
        yield {"data": {"count": 1}}

    text = serve(EventSourceResponse(events())).get("/").text
    assert 'data: {"count":1}' in text or 'data: {"count": 1}' in text


def test_file_response(tmp_path: Path) -> None:
    f = tmp_path / "report.csv"
    f.write_text("a,b\n1,2\n")
    r = serve(FileResponse(str(f), filename="report.csv")).get("/")
    assert r.status_code == 200
    assert r.text == "a,b\n1,2\n"
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="report.csv"' in r.headers["content-disposition"]
    assert r.headers["content-length"] == str(len("a,b\n1,2\n"))


def test_file_response_missing_file_is_not_a_crash(tmp_path: Path) -> None:
    app = Faster()

    @app.get("/")
    async def root() -> FileResponse:
        return FileResponse(str(tmp_path / "nope.txt"))

    r = TestClient(app, raise_server_exceptions=False).get("/")
    assert r.status_code in (404, 500)


def test_implicit_serialisation_of_return_values() -> None:
    app = Faster()

    @app.get("/dict")
    async def d() -> dict[str, int]:
        return {"a": 1}

    @app.get("/list")
    async def lst() -> list[int]:
        return [1, 2]

    @app.get("/struct")
    async def s() -> User:
        return User(name="n", email="e")

    @app.get("/int")
    async def i() -> int:
        return 3

    @app.get("/none")
    async def n() -> None:
        return None

    @app.post("/created", status_code=201)
    async def c() -> dict[str, bool]:
        return {"ok": True}

    client = TestClient(app)
    assert client.get("/dict").json() == {"a": 1}
    assert client.get("/list").json() == [1, 2]
    assert client.get("/struct").json() == {"name": "n", "email": "e"}
    assert client.get("/int").json() == 3
    assert client.get("/none").json() is None
    r = client.post("/created")
    assert r.status_code == 201
    assert r.headers["content-type"] == "application/json"
    assert r.headers["content-length"] == str(len(r.content))


def test_response_model_filters_and_include_exclude() -> None:
    class Public(msgspec.Struct):
        name: str
        email: str

    app = Faster()

    @app.get("/u", response_model=Public)
    async def u() -> dict[str, str]:
        return {"name": "n", "email": "e", "password": "secret"}

    @app.get("/i", response_model=Public, response_model_include={"name"})
    async def i() -> dict[str, str]:
        return {"name": "n", "email": "e"}

    @app.get("/e", response_model=Public, response_model_exclude={"email"})
    async def e() -> dict[str, str]:
        return {"name": "n", "email": "e"}

    @app.get("/list", response_model=list[Public])
    async def lst() -> list[dict[str, str]]:
        return [{"name": "n", "email": "e", "password": "p"}]

    c = TestClient(app)
    assert c.get("/u").json() == {"name": "n", "email": "e"}
    assert c.get("/i").json() == {"name": "n"}
    assert c.get("/e").json() == {"name": "n"}
    assert c.get("/list").json() == [{"name": "n", "email": "e"}]


def test_status_code_ignored_for_returned_response_objects() -> None:
    app = Faster()

    @app.post("/x", status_code=201)
    async def x() -> JSONResponse:
        return JSONResponse({"a": 1}, status_code=202)

    assert TestClient(app).post("/x").status_code == 202
