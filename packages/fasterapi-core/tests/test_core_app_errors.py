"""HTTPException, exception handlers (by class, MRO, status code), defaults and unexpected errors."""

from __future__ import annotations

import logging
import sys
from typing import Any

import httpx
import pytest

from fasterapi_core import (
    Faster,
    HTTPException,
    JSONResponse,
    PlainTextResponse,
    Request,
    RequestValidationError,
    Response,
)
from fasterapi_core.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def quiet_client(app: Any) -> httpx.AsyncClient:
    """A client whose transport turns app exceptions into the response already sent (like a server)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test")


def test_http_exception_defaults_detail_to_reason_phrase() -> None:
    assert HTTPException(404).detail == "Not Found"
    assert HTTPException(418, headers={"X-A": "1"}).headers == {"X-A": "1"}
    assert HTTPException(599).detail == ""
    assert repr(HTTPException(400, "bad")) == "HTTPException(status_code=400, detail='bad')"


async def test_http_exception_answer_with_headers() -> None:
    app = Faster()

    @app.get("/")
    async def index() -> None:
        raise HTTPException(403, headers={"WWW-Authenticate": "Bearer"})

    @app.get("/detail")
    async def detail() -> None:
        raise HTTPException(400, {"why": ["a", "b"]})

    async with client(app) as c:
        r = await c.get("/")
        assert r.status_code == 403
        assert r.json() == {"detail": "Forbidden"}
        assert r.headers["www-authenticate"] == "Bearer"
        assert (await c.get("/detail")).json() == {"detail": {"why": ["a", "b"]}}
        r = await c.get("/missing")
        assert r.status_code == 404
        assert r.json() == {"detail": "Not Found"}
        r = await c.post("/")
        assert r.status_code == 405
        assert r.headers["allow"] == "GET, HEAD"


class AppError(Exception):
    pass


class SpecificError(AppError):
    pass


class Teapot(HTTPException):
    pass


async def test_handlers_by_class_mro_and_status_code() -> None:
    app = Faster()

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> JSONResponse:
        return JSONResponse({"handler": "app", "type": type(exc).__name__}, status_code=409)

    @app.exception_handler(SpecificError)
    def specific(request: Request, exc: SpecificError) -> PlainTextResponse:  # sync handler
        return PlainTextResponse("specific", status_code=410)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"nothing at": request.url.path}, status_code=404)

    async def teapot(request: Request, exc: Teapot) -> Response:
        return PlainTextResponse("short and stout", status_code=418)

    app.add_exception_handler(Teapot, teapot)

    class SubApp(AppError):
        pass

    @app.get("/app")
    async def raise_app() -> None:
        raise SubApp()

    @app.get("/specific")
    async def raise_specific() -> None:
        raise SpecificError()

    @app.get("/teapot")
    async def raise_teapot() -> None:
        raise Teapot(418)

    @app.get("/plain-http")
    async def plain_http() -> None:
        raise HTTPException(401)

    async with client(app) as c:
        r = await c.get("/app")
        assert (r.status_code, r.json()) == (409, {"handler": "app", "type": "SubApp"})
        r = await c.get("/specific")
        assert (r.status_code, r.text) == (410, "specific")
        r = await c.get("/teapot")
        assert (r.status_code, r.text) == (418, "short and stout")
        r = await c.get("/nowhere")
        assert r.json() == {"nothing at": "/nowhere"}
        assert (await c.get("/plain-http")).json() == {"detail": "Unauthorized"}


async def test_custom_handlers_delegate_to_the_defaults() -> None:
    app = Faster()
    seen: list[str] = []

    @app.exception_handler(HTTPException)
    async def logged_http(request: Request, exc: HTTPException) -> Response:
        seen.append(f"http {exc.status_code}")
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def logged_validation(request: Request, exc: RequestValidationError) -> Response:
        seen.append("validation")
        return await request_validation_exception_handler(request, exc)

    @app.get("/items/{item_id}")
    async def item(item_id: int) -> dict[str, int]:
        if item_id == 0:
            raise HTTPException(404, "no item zero")
        return {"item_id": item_id}

    async with client(app) as c:
        r = await c.get("/items/abc")
        assert r.status_code == 422
        assert r.json()["detail"][0]["loc"] == ["path", "item_id"]
        r = await c.get("/items/0")
        assert (r.status_code, r.json()) == (404, {"detail": "no item zero"})
    assert seen == ["validation", "http 404"]


async def test_validation_error_subclass_handler_wins() -> None:
    class MyValidation(RequestValidationError):
        pass

    app = Faster()

    @app.exception_handler(RequestValidationError)
    async def generic(request: Request, exc: RequestValidationError) -> Response:
        return PlainTextResponse("generic", status_code=400)

    @app.exception_handler(MyValidation)
    async def mine(request: Request, exc: MyValidation) -> Response:
        return PlainTextResponse("mine", status_code=400)

    @app.get("/")
    async def index() -> None:
        raise MyValidation([])

    async with client(app) as c:
        assert (await c.get("/")).text == "mine"


async def test_unexpected_error_is_answered_500_and_reraised_for_the_server_to_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = Faster()

    @app.get("/")
    async def index() -> None:
        raise ZeroDivisionError("division trouble")

    with caplog.at_level(logging.ERROR):
        async with client(app) as c:
            with pytest.raises(ZeroDivisionError) as raised:
                await c.get("/")
        async with quiet_client(app) as c:
            r = await c.get("/")
    assert r.status_code == 500
    assert r.text == "Internal Server Error"
    # Re-raised: the server logs it once; the app logging it as well printed every traceback twice.
    assert "division trouble" not in caplog.text
    if sys.version_info >= (3, 11):  # the server's traceback names the route
        assert getattr(raised.value, "__notes__", None) == ["while serving GET / (index())"]


async def test_an_error_not_reraised_is_logged_by_the_app(caplog: pytest.LogCaptureFixture) -> None:
    app = Faster(reraise_server_errors=False)

    @app.get("/")
    async def index() -> None:
        raise ZeroDivisionError("division trouble")

    with caplog.at_level(logging.ERROR):
        async with client(app) as c:
            r = await c.get("/")
    assert (r.status_code, r.text) == (500, "Internal Server Error")
    assert caplog.text.count("Exception in ASGI application while serving GET / (index())") == 1
    assert "ZeroDivisionError: division trouble" in caplog.text
    assert "Traceback" in caplog.text


async def test_reraise_can_be_turned_off_and_debug_shows_traceback() -> None:
    app = Faster(debug=True, reraise_server_errors=False)

    @app.get("/")
    def index() -> None:
        raise KeyError("missing key in debug")

    async with client(app) as c:
        r = await c.get("/")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("text/plain")
    assert "Traceback" in r.text
    assert "missing key in debug" in r.text


async def test_500_and_exception_handlers_answer_unexpected_errors() -> None:
    for key in (500, Exception):
        app = Faster(reraise_server_errors=False)
        app.add_exception_handler(key, lambda request, exc: JSONResponse({"oops": type(exc).__name__}, status_code=500))

        @app.get("/")
        async def index() -> None:
            raise RuntimeError("x")

        @app.get("/http")
        async def http_error() -> None:
            raise HTTPException(400)

        async with client(app) as c:
            assert (await c.get("/")).json() == {"oops": "RuntimeError"}
            # HTTPException keeps its own default answer.
            assert (await c.get("/http")).json() == {"detail": "Bad Request"}


async def test_exception_handlers_in_constructor() -> None:
    async def handler(request: Request, exc: AppError) -> Response:
        return PlainTextResponse("from ctor", status_code=400)

    app = Faster(exception_handlers={AppError: handler})

    @app.get("/")
    async def index() -> None:
        raise AppError()

    async with client(app) as c:
        assert (await c.get("/")).text == "from ctor"


async def test_error_in_dependency_reaches_handler() -> None:
    from fasterapi_core import Depends

    app = Faster()

    def needs_token(token: str | None = None) -> str:
        if token is None:
            raise HTTPException(401, "token required", headers={"WWW-Authenticate": "Bearer"})
        return token

    @app.get("/")
    async def index(token: str = Depends(needs_token)) -> dict[str, str]:
        return {"token": token}

    async with client(app) as c:
        r = await c.get("/")
        assert (r.status_code, r.json()) == (401, {"detail": "token required"})
        assert (await c.get("/?token=t")).json() == {"token": "t"}


def test_validation_errors_are_a_list_and_callable() -> None:
    exc = RequestValidationError([{"type": "missing", "loc": ["query", "q"], "msg": "Field required", "input": None}])
    # FastAPI's exc.errors() gives pydantic's tuple locs; the JSON answer has lists either way.
    assert exc.errors() == [{"type": "missing", "loc": ("query", "q"), "msg": "Field required", "input": None}]
    assert exc.errors[0]["type"] == "missing"  # faster-api-web reads it as an attribute
    assert len(exc.errors) == 1
    assert type(exc.errors()) is list


async def test_error_in_yield_dependency_teardown_after_the_response(caplog: pytest.LogCaptureFixture) -> None:
    from collections.abc import AsyncIterator

    from fasterapi_core import Depends

    app = Faster()

    async def resource() -> AsyncIterator[str]:
        yield "r"
        raise RuntimeError("teardown failed")

    @app.get("/")
    async def index(value: str = Depends(resource)) -> dict[str, str]:
        return {"value": value}

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/", "root_path": "", "query_string": b"", "headers": []}
    with pytest.raises(RuntimeError, match="teardown failed") as raised:
        await app(scope, receive, send)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[0]["status"] == 200
    assert "teardown failed" not in caplog.text  # raised to the server, which logs it once
    if sys.version_info >= (3, 11):
        assert getattr(raised.value, "__notes__", None) == ["while serving GET / (index())"]


async def test_debug_traceback_is_html_for_browsers() -> None:
    app = Faster(debug=True, reraise_server_errors=False)

    @app.get("/")
    async def index() -> None:
        raise ValueError("<script>not run</script>")

    async with client(app) as c:
        r = await c.get("/", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 500
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "&lt;script&gt;not run&lt;/script&gt;" in r.text
    assert "<script>" not in r.text
