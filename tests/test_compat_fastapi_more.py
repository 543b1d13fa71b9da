"""FastAPI parity, second pass: parameter models, extra types, dataclasses, settings overrides, the thread
pool for sync code, additional status codes, constructor options (docs: tutorial/query-param-models,
header-param-models, cookie-param-models, request-form-models, advanced/dataclasses, advanced/settings,
advanced/additional-status-codes, async concurrency notes, advanced/testing-events)."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

import msgspec

from FasterAPI import (
    BackgroundTasks,
    Body,
    Cookie,
    Depends,
    Faster,
    File,
    Form,
    Header,
    Path,
    Query,
    Request,
    UploadFile,
    WebSocket,
    WebSocketException,
    status,
)
from FasterAPI.responses import HTMLResponse, JSONResponse, StreamingResponse
from FasterAPI.testclient import TestClient, WebSocketDisconnect


class FilterParams(msgspec.Struct):
    limit: Annotated[int, msgspec.Meta(gt=0, le=100)] = 100
    offset: Annotated[int, msgspec.Meta(ge=0)] = 0
    order_by: Literal["created_at", "updated_at"] = "created_at"
    tags: list[str] = []


class CommonHeaders(msgspec.Struct):
    host: str
    save_data: bool
    x_tag: list[str] = []


class Cookies(msgspec.Struct):
    session_id: str
    fatebook_tracker: str | None = None


class FormModel(msgspec.Struct):
    username: str
    password: str


def test_query_parameter_model() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(filter_query: Annotated[FilterParams, Query()]) -> FilterParams:
        return filter_query

    c = TestClient(app)
    assert c.get("/items/?limit=5&tags=a&tags=b").json() == {
        "limit": 5,
        "offset": 0,
        "order_by": "created_at",
        "tags": ["a", "b"],
    }
    r = c.get("/items/?limit=500")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "limit"]
    assert r.json()["detail"][0]["type"] == "less_than_equal"


def test_header_parameter_model() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(headers: Annotated[CommonHeaders, Header()]) -> CommonHeaders:
        return headers

    r = TestClient(app).get("/items/", headers={"save-data": "true", "x-tag": "a"})
    assert r.json() == {"host": "testserver", "save_data": True, "x_tag": ["a"]}


def test_cookie_parameter_model() -> None:
    app = Faster()

    @app.get("/items/")
    async def read_items(cookies: Annotated[Cookies, Cookie()]) -> Cookies:
        return cookies

    assert TestClient(app, cookies={"session_id": "s"}).get("/items/").json() == {
        "session_id": "s",
        "fatebook_tracker": None,
    }
    r = TestClient(app).get("/items/")
    assert r.status_code == 422
    assert r.json()["detail"] == [
        {"type": "missing", "loc": ["cookie", "session_id"], "msg": "Field required", "input": {}}
    ]


def test_form_model() -> None:
    app = Faster()

    @app.post("/login/")
    async def login(data: Annotated[FormModel, Form()]) -> FormModel:
        return data

    c = TestClient(app)
    assert c.post("/login/", data={"username": "u", "password": "p"}).json() == {"username": "u", "password": "p"}
    r = c.post("/login/", data={"username": "u"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "password"]


def test_literal_uuid_and_path_converter_params() -> None:
    app = Faster()

    @app.get("/lit")
    async def lit(mode: Literal["a", "b"] = "a") -> str:
        return mode

    @app.get("/uuid/{u}")
    async def get_uuid(u: uuid.UUID) -> dict[str, uuid.UUID]:
        return {"u": u}

    @app.get("/conv/{item_id:int}")
    async def conv(item_id: int) -> int:
        return item_id

    c = TestClient(app)
    assert c.get("/lit?mode=b").json() == "b"
    bad = c.get("/lit?mode=c")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["type"] == "literal_error"
    uid = "12345678-1234-5678-1234-567812345678"
    assert c.get(f"/uuid/{uid}").json() == {"u": uid}
    assert c.get("/uuid/xx").json()["detail"][0]["type"] == "uuid_parsing"
    assert c.get("/conv/12").json() == 12
    assert c.get("/conv/ab").status_code == 404


def test_old_style_default_markers() -> None:
    app = Faster()

    @app.get("/old/{item_id}")
    async def old(
        item_id: int = Path(..., gt=0),
        q: str | None = Query(None, max_length=3),
        r: str = Query(...),
        count: int = Header(0),
    ) -> dict[str, object]:
        return {"item_id": item_id, "q": q, "r": r, "count": count}

    c = TestClient(app)
    assert c.get("/old/1?r=x", headers={"count": "4"}).json() == {"item_id": 1, "q": None, "r": "x", "count": 4}
    assert c.get("/old/0?r=x").json()["detail"][0]["type"] == "greater_than"
    assert c.get("/old/1?r=x&q=abcd").json()["detail"][0]["type"] == "string_too_long"
    assert c.get("/old/1").json()["detail"] == [
        {"type": "missing", "loc": ["query", "r"], "msg": "Field required", "input": None}
    ]


def test_dataclasses_in_body_and_response_model() -> None:
    @dataclass
    class Item:
        name: str
        price: float
        tags: list[str] = field(default_factory=list)
        description: str | None = None

    app = Faster()

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    @app.get("/items/next", response_model=Item)
    async def read_next_item() -> dict[str, object]:
        return {"name": "Island In The Moon", "price": 12.99, "description": "A place", "tags": ["b"], "extra": 1}

    c = TestClient(app)
    assert c.post("/items/", json={"name": "x", "price": 1, "description": "d"}).json() == {
        "name": "x",
        "price": 1.0,
        "tags": [],
        "description": "d",
    }
    bad = c.post("/items/", json={"name": "x", "price": "a"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "price"]
    assert c.get("/items/next").json() == {
        "name": "Island In The Moon",
        "price": 12.99,
        "tags": ["b"],
        "description": "A place",
    }


def test_settings_dependency_with_lru_cache_and_override() -> None:
    class Settings(msgspec.Struct):
        app_name: str = "Awesome API"
        admin_email: str = "admin@example.com"

    @lru_cache
    def get_settings() -> Settings:
        return Settings()

    app = Faster()

    @app.get("/info")
    async def info(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
        return {"app_name": settings.app_name, "admin_email": settings.admin_email}

    c = TestClient(app)
    assert c.get("/info").json() == {"app_name": "Awesome API", "admin_email": "admin@example.com"}
    app.dependency_overrides[get_settings] = lambda: Settings(admin_email="testing_admin@example.com")
    assert c.get("/info").json() == {"app_name": "Awesome API", "admin_email": "testing_admin@example.com"}


def test_sync_code_runs_off_the_event_loop_thread() -> None:
    ids: dict[str, int] = {}
    app = Faster()

    @app.get("/a")
    async def a() -> int:
        ids["loop"] = threading.get_ident()
        return 1

    def dep() -> int:
        ids["dep"] = threading.get_ident()
        return 1

    @app.get("/s")
    def s(x: Annotated[int, Depends(dep)]) -> int:
        ids["sync"] = threading.get_ident()
        return x

    @app.get("/bg")
    async def bg(tasks: BackgroundTasks) -> int:
        tasks.add_task(lambda: ids.__setitem__("bg", threading.get_ident()))
        return 1

    with TestClient(app) as c:
        c.get("/a")
        c.get("/s")
        c.get("/bg")
    assert ids["sync"] != ids["loop"]
    assert ids["dep"] != ids["loop"]
    assert ids["bg"] != ids["loop"]


def test_additional_status_codes_upsert_with_body_params() -> None:
    items = {"foo": {"name": "Fighters", "size": 6}}
    app = Faster()

    @app.put("/items/{item_id}")
    async def upsert_item(
        item_id: str,
        name: Annotated[str | None, Body()] = None,
        size: Annotated[int | None, Body()] = None,
    ) -> object:
        if item_id in items:
            item = items[item_id]
            item["name"] = name
            item["size"] = size
            return item
        item = {"name": name, "size": size}
        items[item_id] = item
        return JSONResponse(status_code=status.HTTP_201_CREATED, content=item)

    c = TestClient(app)
    r = c.put("/items/foo", json={"name": "Wrestlers", "size": 4})
    assert (r.status_code, r.json()) == (200, {"name": "Wrestlers", "size": 4})
    r = c.put("/items/red", json={"name": "Chillies", "size": 5})
    assert (r.status_code, r.json()) == (201, {"name": "Chillies", "size": 5})


def test_upload_file_methods_and_optional_bytes_file() -> None:
    app = Faster()

    @app.post("/u")
    async def u(file: UploadFile) -> dict[str, object]:
        first = await file.read(2)
        await file.seek(0)
        whole = await file.read()
        return {"size": file.size, "first": first.decode(), "all": whole.decode(), "ct": file.headers["content-type"]}

    @app.post("/files/")
    async def create_file(file: Annotated[bytes | None, File()] = None) -> dict[str, object]:
        return {"message": "No file sent"} if not file else {"file_size": len(file)}

    c = TestClient(app)
    assert c.post("/u", files={"file": ("a.txt", b"hello", "text/plain")}).json() == {
        "size": 5,
        "first": "he",
        "all": "hello",
        "ct": "text/plain",
    }
    assert c.post("/files/").json() == {"message": "No file sent"}
    assert c.post("/files/", files={"file": ("a", b"xyz")}).json() == {"file_size": 3}


def test_websocket_exception_closes_with_code_and_reason() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION, reason="nope")

    try:
        with TestClient(app).websocket_connect("/ws") as session:
            session.receive_text()
    except WebSocketDisconnect as exc:
        assert exc.code == 1008
        assert exc.reason == "nope"
    else:
        raise AssertionError("the socket should have been closed")


def test_constructor_options() -> None:
    events: list[str] = []
    app = Faster(
        default_response_class=HTMLResponse,
        on_startup=[lambda: events.append("start")],
        on_shutdown=[lambda: events.append("stop")],
    )

    @app.get("/d")
    async def d() -> str:
        return "<p>x</p>"

    with TestClient(app) as c:
        r = c.get("/d")
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert r.text == "<p>x</p>"
    assert events == ["start", "stop"]


def test_debug_mode_shows_traceback_on_500() -> None:
    app = Faster(debug=True)

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("kaboom")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500
    assert "ValueError" in r.text


def test_app_level_helpers() -> None:
    app = Faster()

    def read_main() -> dict[str, int]:
        return {"m": 1}

    app.add_api_route("/added", read_main, methods=["GET"], name="added")

    @app.get("/ap")
    async def ap(request: Request) -> dict[str, object]:
        return {"url": request.app.url_path_for("added"), "disconnected": await request.is_disconnected()}

    c = TestClient(app)
    assert c.get("/added").json() == {"m": 1}
    assert c.get("/ap").json() == {"url": "/added", "disconnected": False}
    assert "/added" in app.openapi()["paths"]


def test_aliases_on_cookie_header_and_body() -> None:
    class Item(msgspec.Struct):
        name: str

    app = Faster()

    @app.get("/c")
    async def c_(
        sid: Annotated[str | None, Cookie(alias="session-id")] = None,
        h: Annotated[str | None, Header(alias="X-H", description="d")] = None,
    ) -> dict[str, object]:
        return {"sid": sid, "h": h}

    @app.post("/b")
    async def b(item: Annotated[Item, Body(alias="the-item")], n: Annotated[int, Body(alias="count")]) -> object:
        return {"item": item, "n": n}

    c = TestClient(app, cookies={"session-id": "x"})
    assert c.get("/c", headers={"X-H": "y"}).json() == {"sid": "x", "h": "y"}
    assert c.post("/b", json={"the-item": {"name": "a"}, "count": 2}).json() == {"item": {"name": "a"}, "n": 2}


def test_test_client_stream_and_request() -> None:
    app = Faster()

    @app.get("/s")
    async def s() -> StreamingResponse:
        async def gen():  # type: ignore[no-untyped-def]
            yield b"1"
            yield b"2"

        return StreamingResponse(gen())

    c = TestClient(app)
    with c.stream("GET", "/s") as r:
        assert b"".join(r.iter_bytes()) == b"12"
    assert c.request("GET", "/s").content == b"12"
