"""FastAPI tutorial "Handling Errors", with FasterAPI (msgspec.Struct for the body model): HTTPException, custom
and overridden handlers, reusing the defaults, 404/405 and unhandled errors.

``from starlette.exceptions import HTTPException as StarletteHTTPException`` becomes the same import
from ``FasterAPI.exceptions``.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from FasterAPI import Faster, HTTPException, Request
from FasterAPI.encoders import jsonable_encoder
from FasterAPI.exception_handlers import http_exception_handler, request_validation_exception_handler
from FasterAPI.exceptions import HTTPException as StarletteHTTPException, RequestValidationError
from FasterAPI.responses import JSONResponse, PlainTextResponse
from FasterAPI.testclient import TestClient

ITEMS = {"foo": "The Foo Wrestlers"}


class UnicornException(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def _basic_app() -> Faster:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read_item(item_id: str) -> dict[str, str]:
        if item_id not in ITEMS:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"item": ITEMS[item_id]}

    @app.get("/items-header/{item_id}")
    async def read_item_header(item_id: str) -> dict[str, str]:
        if item_id not in ITEMS:
            raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "There goes my error"})
        return {"item": ITEMS[item_id]}

    @app.exception_handler(UnicornException)
    async def unicorn_exception_handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(
            status_code=418,
            content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."},
        )

    @app.get("/unicorns/{name}")
    async def read_unicorn(name: str) -> dict[str, str]:
        if name == "yolo":
            raise UnicornException(name=name)
        return {"unicorn_name": name}

    return app


@pytest.fixture(scope="module")
def basic() -> TestClient:
    return TestClient(_basic_app())


def test_http_exception(basic: TestClient) -> None:
    response = basic.get("/items/foo")
    assert response.status_code == 200
    assert response.json() == {"item": "The Foo Wrestlers"}
    response = basic.get("/items/bar")
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found"}
    assert response.headers["content-type"] == "application/json"


def test_http_exception_with_headers(basic: TestClient) -> None:
    assert basic.get("/items-header/foo").json() == {"item": "The Foo Wrestlers"}
    response = basic.get("/items-header/bar")
    assert response.status_code == 404
    assert response.headers.get("x-error") == "There goes my error"
    assert response.json() == {"detail": "Item not found"}


def test_custom_exception_handler(basic: TestClient) -> None:
    response = basic.get("/unicorns/shinzo")
    assert response.status_code == 200
    assert response.json() == {"unicorn_name": "shinzo"}
    response = basic.get("/unicorns/yolo")
    assert response.status_code == 418
    assert response.json() == {"message": "Oops! yolo did something. There goes a rainbow..."}


def _override_app() -> Faster:
    app = Faster()

    @app.exception_handler(StarletteHTTPException)
    async def custom_http_exception_handler(request: Request, exc: StarletteHTTPException) -> PlainTextResponse:
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_exception_handler(request: Request, exc: RequestValidationError) -> PlainTextResponse:
        message = "Validation errors:"
        for error in exc.errors():
            message += f"\nField: {error['loc']}, Error: {error['msg']}"
        return PlainTextResponse(message, status_code=400)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id == 3:
            raise HTTPException(status_code=418, detail="Nope! I don't like 3.")
        return {"item_id": item_id}

    return app


def test_override_default_handlers() -> None:
    client = TestClient(_override_app())
    response = client.get("/items/2")
    assert response.status_code == 200
    assert response.json() == {"item_id": 2}
    response = client.get("/items/foo")
    assert response.status_code == 400
    assert response.text == (
        "Validation errors:\nField: ('path', 'item_id'), "
        "Error: Input should be a valid integer, unable to parse string as an integer"
    )
    response = client.get("/items/3")
    assert response.status_code == 418
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "Nope! I don't like 3."


def test_not_found_goes_through_the_overridden_handler() -> None:
    response = TestClient(_override_app()).get("/nowhere")
    assert response.status_code == 404
    assert response.text == "Not Found"


class Item(msgspec.Struct):
    title: str
    size: int


def _body_app() -> Faster:
    app = Faster()

    @app.exception_handler(RequestValidationError)
    async def validation_exception_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content=jsonable_encoder({"detail": exc.errors(), "body": exc.body}))

    @app.post("/items/")
    async def create_item(item: Item) -> Item:
        return item

    return app


def test_validation_handler_sees_errors_and_body() -> None:
    client = TestClient(_body_app())
    response = client.post("/items/", json={"title": "towel", "size": "XL"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["body", "size"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "XL",
            }
        ],
        "body": {"title": "towel", "size": "XL"},
    }
    response = client.post("/items/", json={"title": "towel", "size": 5})
    assert response.status_code == 200
    assert response.json() == {"title": "towel", "size": 5}


def _reuse_app(seen: list[Any]) -> Faster:
    app = Faster()

    @app.exception_handler(StarletteHTTPException)
    async def custom_http_exception_handler(request: Request, exc: StarletteHTTPException) -> Any:
        seen.append(f"OMG! An HTTP error!: {exc!r}")
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_exception_handler(request: Request, exc: RequestValidationError) -> Any:
        seen.append(f"OMG! The client sent invalid data!: {exc}")
        return await request_validation_exception_handler(request, exc)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id == 3:
            raise HTTPException(status_code=418, detail="Nope! I don't like 3.")
        return {"item_id": item_id}

    return app


def test_reuse_default_handlers() -> None:
    seen: list[Any] = []
    client = TestClient(_reuse_app(seen))
    assert client.get("/items/2").json() == {"item_id": 2}
    response = client.get("/items/foo")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["path", "item_id"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "foo",
            }
        ]
    }
    response = client.get("/items/3")
    assert response.status_code == 418
    assert response.json() == {"detail": "Nope! I don't like 3."}
    assert [entry.split(":")[0] for entry in seen] == ["OMG! The client sent invalid data!", "OMG! An HTTP error!"]
    assert seen[0].startswith("OMG! The client sent invalid data!: 1 validation error:\n  {'type': 'int_parsing'")
    assert "'loc': ('path', 'item_id')" in seen[0]


# -- beyond the tutorial's own examples: the rest of the chapter's behaviour ----------------------------


def test_http_exception_detail_can_be_any_json() -> None:
    app = Faster()

    @app.get("/x")
    async def x() -> None:
        raise HTTPException(status_code=400, detail={"msg": "bad", "codes": [1, 2]})

    assert TestClient(app).get("/x").json() == {"detail": {"msg": "bad", "codes": [1, 2]}}


def test_http_exception_without_detail_uses_reason_phrase() -> None:
    app = Faster()

    @app.get("/x")
    async def x() -> None:
        raise HTTPException(status_code=403)

    r = TestClient(app).get("/x")
    assert r.status_code == 403
    assert r.json() == {"detail": "Forbidden"}


def test_add_exception_handler_method() -> None:
    app = Faster()

    def handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(status_code=418, content={"name": exc.name})

    app.add_exception_handler(UnicornException, handler)

    @app.get("/u")
    def u() -> None:
        raise UnicornException("x")

    assert TestClient(app).get("/u").json() == {"name": "x"}


def test_unknown_route_404_and_wrong_method_405() -> None:
    app = Faster()

    @app.get("/items/")
    async def items() -> list[int]:
        return []

    client = TestClient(app)
    r = client.get("/nothing")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}
    r = client.post("/items/")
    assert r.status_code == 405
    assert r.json() == {"detail": "Method Not Allowed"}
    assert "GET" in r.headers["allow"]


def test_unhandled_exception_is_500_when_server_exceptions_disabled() -> None:
    app = Faster()

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500


def test_unhandled_exception_raises_in_test_client() -> None:
    app = Faster()

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        TestClient(app).get("/boom")


def test_catch_all_exception_handler() -> None:
    app = Faster()

    @app.exception_handler(Exception)
    async def catch_all(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=500, content={"error": type(exc).__name__})

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("x")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500
    assert r.json() == {"error": "ValueError"}


def test_exception_handler_for_status_code() -> None:
    app = Faster()

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=404, content={"missing": request.url.path})

    assert TestClient(app).get("/zzz").json() == {"missing": "/zzz"}


def test_exception_handlers_constructor_kwarg() -> None:
    async def handler(request: Request, exc: UnicornException) -> JSONResponse:
        return JSONResponse(status_code=418, content={"n": exc.name})

    app = Faster(exception_handlers={UnicornException: handler})

    @app.get("/u")
    async def u() -> None:
        raise UnicornException("z")

    assert TestClient(app).get("/u").json() == {"n": "z"}


def test_a_failing_background_task_or_yield_exit_raises_in_the_test_client_after_the_answer() -> None:
    """As with Starlette's TestClient: errors after the response went out reach the client's caller too."""
    from collections.abc import Iterator

    from FasterAPI import BackgroundTasks, Depends

    app = Faster()
    ran: list[str] = []

    def failing_task() -> None:
        ran.append("task")
        raise RuntimeError("task failed")

    def session() -> Iterator[str]:
        yield "s"
        raise RuntimeError("exit failed")

    @app.post("/jobs")
    async def create(tasks: BackgroundTasks) -> dict[str, bool]:
        tasks.add_task(failing_task)
        return {"queued": True}

    @app.get("/session")
    async def with_session(value: str = Depends(session)) -> dict[str, str]:
        return {"value": value}

    with pytest.raises(RuntimeError, match="task failed"):
        TestClient(app).post("/jobs")
    assert ran == ["task"]
    with pytest.raises(RuntimeError, match="exit failed"):
        TestClient(app).get("/session")
    quiet = TestClient(app, raise_server_exceptions=False)
    assert quiet.post("/jobs").json() == {"queued": True}  # the answer the client already had
    assert quiet.get("/session").json() == {"value": "s"}
