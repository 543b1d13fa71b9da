"""FastAPI parity: response_model and friends, status codes, response classes, cookies/headers,
the Response parameter (docs: tutorial/response-model, response-status-code, advanced/custom-response,
additional-status-codes, response-directly, response-cookies, response-headers, response-change-status-code)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import AsyncIterator, Iterator

import msgspec

from FasterAPI import Faster, HTTPException, Response, status
from FasterAPI.encoders import jsonable_encoder
from FasterAPI.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    StreamingResponse,
)
from FasterAPI.testclient import TestClient


class UserIn(msgspec.Struct):
    username: str
    password: str
    email: str
    full_name: str | None = None


class UserOut(msgspec.Struct):
    username: str
    email: str
    full_name: str | None = None


class Item(msgspec.Struct):
    name: str
    price: float
    description: str | None = None
    tax: float = 10.5
    tags: list[str] = []


ITEMS = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}


def make_app() -> Faster:
    app = Faster()

    @app.post("/user/", response_model=UserOut)
    async def create_user(user: UserIn) -> UserIn:
        return user

    @app.get("/annotated/")
    async def annotated() -> UserOut:
        return UserOut(username="a", email="a@x")

    @app.get("/filter-by-annotation/")
    async def filter_by_annotation() -> UserOut:
        return UserIn(username="a", password="secret", email="a@x")  # type: ignore[return-value]

    @app.get("/items/{item_id}/name", response_model=Item, response_model_include={"name", "description"})
    async def read_item_name(item_id: str) -> dict[str, object]:
        return ITEMS[item_id]

    @app.get("/items/{item_id}/public", response_model=Item, response_model_exclude={"tax"})
    async def read_item_public(item_id: str) -> dict[str, object]:
        return ITEMS[item_id]

    @app.get("/items/{item_id}/nonone", response_model=Item, response_model_exclude_none=True)
    async def read_item_nonone(item_id: str) -> dict[str, object]:
        return ITEMS[item_id]

    @app.get("/itemlist/", response_model=list[Item])
    async def read_items() -> list[dict[str, object]]:
        return [ITEMS["foo"], ITEMS["bar"]]

    @app.get("/nomodel/", response_model=None)
    async def no_model() -> Response:
        return PlainTextResponse("plain")

    @app.post("/created/", status_code=201)
    async def created(name: str) -> dict[str, str]:
        return {"name": name}

    @app.post("/created-const/", status_code=status.HTTP_201_CREATED)
    async def created_const() -> dict[str, bool]:
        return {"ok": True}

    @app.delete("/nocontent/", status_code=204)
    async def no_content() -> None:
        return None

    @app.put("/upsert/{item_id}")
    async def upsert(item_id: str, name: str | None = None) -> object:
        if item_id in ITEMS:
            return {"updated": item_id}
        return JSONResponse(status_code=status.HTTP_201_CREATED, content={"created": item_id, "name": name})

    @app.get("/legacy/", response_class=Response)
    def legacy() -> Response:
        data = "<?xml version='1.0'?><shampoo>x</shampoo>"
        return Response(content=data, media_type="application/xml")

    @app.get("/html/", response_class=HTMLResponse)
    async def html() -> str:
        return "<html><body><h1>Look ma! HTML!</h1></body></html>"

    @app.get("/plain/", response_class=PlainTextResponse)
    async def plain() -> str:
        return "Hello World"

    @app.get("/typer")
    async def redirect_typer() -> RedirectResponse:
        return RedirectResponse("https://typer.tiangolo.com")

    @app.get("/pydantic", response_class=RedirectResponse, status_code=302)
    async def redirect_pydantic() -> str:
        return "https://docs.pydantic.dev/"

    @app.get("/stream/")
    async def stream() -> StreamingResponse:
        async def gen() -> AsyncIterator[bytes]:
            for i in range(3):
                yield b"some fake video bytes %d;" % i

        return StreamingResponse(gen(), media_type="video/mp4")

    @app.get("/stream-sync/")
    def stream_sync() -> StreamingResponse:
        def gen() -> Iterator[str]:
            yield "a"
            yield "b"

        return StreamingResponse(gen(), media_type="text/plain")

    @app.get("/cookie-direct/")
    def cookie_direct() -> JSONResponse:
        resp = JSONResponse(content={"message": "Come to the dark side, we have cookies"})
        resp.set_cookie(key="fakesession", value="fake-cookie-session-value")
        return resp

    @app.post("/cookie-param/")
    def cookie_param(response: Response) -> dict[str, str]:
        response.set_cookie(key="fakesession", value="fake-cookie-session-value")
        return {"message": "Come to the dark side, we have cookies"}

    @app.get("/headers-direct/")
    def headers_direct() -> JSONResponse:
        content = {"message": "Hello World"}
        headers = {"X-Cat-Dog": "alone in the world", "Content-Language": "en-US"}
        return JSONResponse(content=content, headers=headers)

    @app.get("/headers-param/")
    def headers_param(response: Response) -> dict[str, str]:
        response.headers["X-Cat-Dog"] = "alone in the world"
        return {"message": "Hello World"}

    @app.put("/get-or-create-task/{task_id}", status_code=200)
    def get_or_create_task(task_id: str, response: Response) -> dict[str, str]:
        if task_id not in ("foo", "bar"):
            response.status_code = status.HTTP_201_CREATED
            return {"task": "created"}
        return {"task": task_id}

    @app.get("/two-cookies/")
    def two_cookies(response: Response) -> dict[str, bool]:
        response.set_cookie("a", "1")
        response.set_cookie("b", "2", httponly=True, max_age=60)
        return {"ok": True}

    @app.get("/delete-cookie/")
    def delete_cookie(response: Response) -> dict[str, bool]:
        response.delete_cookie("a")
        return {"ok": True}

    @app.get("/when/")
    def when() -> dict[str, object]:
        return {"at": dt.datetime(2024, 1, 2, 3, 4, 5), "d": dt.date(2024, 1, 2)}

    @app.get("/str/")
    def a_string() -> str:
        return "hello"

    @app.get("/nope/")
    def nope() -> None:
        raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "There goes my error"})

    return app


client = TestClient(make_app())


def test_response_model_filters_input_model() -> None:
    r = client.post("/user/", json={"username": "u", "password": "p", "email": "e@x"})
    assert r.status_code == 200
    assert r.json() == {"username": "u", "email": "e@x", "full_name": None}


def test_return_annotation_used_as_response_model() -> None:
    assert client.get("/annotated/").json() == {"username": "a", "email": "a@x", "full_name": None}


def test_return_annotation_filters_extra_fields() -> None:
    assert client.get("/filter-by-annotation/").json() == {"username": "a", "email": "a@x", "full_name": None}


def test_response_model_include() -> None:
    assert client.get("/items/bar/name").json() == {"name": "Bar", "description": "The bartenders"}


def test_response_model_exclude() -> None:
    assert client.get("/items/bar/public").json() == {
        "name": "Bar",
        "description": "The bartenders",
        "price": 62,
        "tags": [],
    }


def test_response_model_exclude_none() -> None:
    assert client.get("/items/foo/nonone").json() == {"name": "Foo", "price": 50.2, "tax": 10.5, "tags": []}


def test_response_model_list_fills_defaults() -> None:
    assert client.get("/itemlist/").json() == [
        {"name": "Foo", "price": 50.2, "description": None, "tax": 10.5, "tags": []},
        {"name": "Bar", "price": 62, "description": "The bartenders", "tax": 20.2, "tags": []},
    ]


def test_response_model_none_allows_response() -> None:
    r = client.get("/nomodel/")
    assert r.text == "plain"
    assert r.headers["content-type"].startswith("text/plain")


def test_status_code_201() -> None:
    r = client.post("/created/?name=x")
    assert r.status_code == 201
    assert r.json() == {"name": "x"}
    assert client.post("/created-const/").status_code == 201


def test_status_code_204_has_no_body() -> None:
    r = client.delete("/nocontent/")
    assert r.status_code == 204
    assert r.content == b""


def test_additional_status_code_via_jsonresponse() -> None:
    assert client.put("/upsert/foo").json() == {"updated": "foo"}
    r = client.put("/upsert/new?name=n")
    assert r.status_code == 201
    assert r.json() == {"created": "new", "name": "n"}


def test_response_with_media_type() -> None:
    r = client.get("/legacy/")
    assert r.headers["content-type"] == "application/xml"
    assert r.text.startswith("<?xml")


def test_html_response_class() -> None:
    r = client.get("/html/")
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Look ma! HTML!</h1>" in r.text


def test_plain_text_response_class() -> None:
    r = client.get("/plain/")
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.text == "Hello World"


def test_redirect_response_default_307() -> None:
    r = client.get("/typer", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "https://typer.tiangolo.com"


def test_redirect_response_class_with_returned_url() -> None:
    r = client.get("/pydantic", follow_redirects=False)
    assert r.status_code == 302
    assert r.headers["location"] == "https://docs.pydantic.dev/"


def test_streaming_response() -> None:
    r = client.get("/stream/")
    assert r.headers["content-type"] == "video/mp4"
    assert r.content == b"some fake video bytes 0;some fake video bytes 1;some fake video bytes 2;"
    assert client.get("/stream-sync/").text == "ab"


def test_file_response() -> None:
    fd, path = tempfile.mkstemp(suffix=".txt")
    os.write(fd, b"hello file")
    os.close(fd)
    try:
        app = Faster()

        @app.get("/file")
        def get_file() -> FileResponse:
            return FileResponse(path)

        @app.get("/download")
        def download() -> FileResponse:
            return FileResponse(path, filename="report.txt")

        c = TestClient(app)
        r = c.get("/file")
        assert r.status_code == 200
        assert r.content == b"hello file"
        assert r.headers["content-type"].startswith("text/plain")
        assert r.headers["content-length"] == "10"
        d = c.get("/download")
        assert d.headers["content-disposition"] == 'attachment; filename="report.txt"'
    finally:
        os.unlink(path)


def test_set_cookie_on_returned_response() -> None:
    r = client.get("/cookie-direct/")
    assert r.json() == {"message": "Come to the dark side, we have cookies"}
    assert r.cookies["fakesession"] == "fake-cookie-session-value"


def test_set_cookie_via_response_parameter() -> None:
    r = client.post("/cookie-param/")
    assert r.json() == {"message": "Come to the dark side, we have cookies"}
    assert r.cookies["fakesession"] == "fake-cookie-session-value"


def test_headers_on_returned_response() -> None:
    r = client.get("/headers-direct/")
    assert r.headers["x-cat-dog"] == "alone in the world"
    assert r.headers["content-language"] == "en-US"


def test_headers_via_response_parameter() -> None:
    r = client.get("/headers-param/")
    assert r.headers["x-cat-dog"] == "alone in the world"
    assert r.json() == {"message": "Hello World"}


def test_change_status_via_response_parameter() -> None:
    assert client.put("/get-or-create-task/foo").status_code == 200
    r = client.put("/get-or-create-task/new")
    assert r.status_code == 201
    assert r.json() == {"task": "created"}


def test_two_set_cookie_headers() -> None:
    r = client.get("/two-cookies/")
    cookies = r.headers.get_list("set-cookie")
    assert len(cookies) == 2
    assert any(c.startswith("a=1") for c in cookies)
    b = next(c for c in cookies if c.startswith("b=2"))
    assert "HttpOnly" in b
    assert "Max-Age=60" in b


def test_delete_cookie() -> None:
    r = client.get("/delete-cookie/")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("a=")
    assert "Max-Age=0" in cookie


def test_datetimes_serialised_iso() -> None:
    assert client.get("/when/").json() == {"at": "2024-01-02T03:04:05", "d": "2024-01-02"}


def test_str_return_is_json_string() -> None:
    r = client.get("/str/")
    assert r.headers["content-type"] == "application/json"
    assert r.json() == "hello"


def test_http_exception_with_headers() -> None:
    r = client.get("/nope/")
    assert r.status_code == 404
    assert r.json() == {"detail": "Item not found"}
    assert r.headers["x-error"] == "There goes my error"


def test_jsonable_encoder() -> None:
    class Model(msgspec.Struct):
        title: str
        timestamp: dt.datetime
        description: str | None = None

    out = jsonable_encoder(Model(title="t", timestamp=dt.datetime(2024, 1, 2, 3, 4, 5)))
    assert out == {"title": "t", "timestamp": "2024-01-02T03:04:05", "description": None}
    assert jsonable_encoder({"a": dt.date(2024, 1, 2), "b": [1, 2]}) == {"a": "2024-01-02", "b": [1, 2]}
