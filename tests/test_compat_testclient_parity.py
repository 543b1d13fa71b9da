"""FasterAPI apps under the test client as Starlette's TestClient users expect, on asyncio and trio."""

from __future__ import annotations

import contextvars
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import FasterAPI
from FasterAPI import BackgroundTasks, Faster, Request, WebSocket
from FasterAPI.responses import HTMLResponse, PlainTextResponse
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.templating import Jinja2Templates
from FasterAPI.testclient import TestClient

backends = pytest.mark.parametrize("backend", ["asyncio", "trio"])


@backends
@pytest.mark.parametrize("with_middleware", [False, True])
def test_template_response_exposes_template_and_context(tmp_path: Path, backend: str, with_middleware: bool) -> None:
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>")
    templates = Jinja2Templates(directory=str(tmp_path))
    app = Faster()
    if with_middleware:

        @app.middleware("http")
        async def passthrough(request: Request, call_next: object) -> object:
            return await call_next(request)  # type: ignore[operator]

    @app.get("/", response_class=HTMLResponse)
    async def page(request: Request) -> object:
        return templates.TemplateResponse(request, "page.html", {"title": "Home"})

    with TestClient(app, backend=backend) as client:
        response = client.get("/")
    assert response.text == "<p>Home</p>"
    assert response.template.name == "page.html"  # type: ignore[attr-defined]
    assert response.context["title"] == "Home"  # type: ignore[attr-defined]
    assert response.context["request"].url.path == "/"  # type: ignore[attr-defined]


@backends
def test_body_read_after_a_middleware_streamed_it_does_not_hang(backend: str) -> None:
    app = Faster()

    @app.middleware("http")
    async def peek(request: Request, call_next: object) -> object:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
        response = await call_next(request)  # type: ignore[operator]
        response.headers["x-peeked"] = str(size)
        return response

    @app.post("/")
    async def endpoint(request: Request) -> PlainTextResponse:
        return PlainTextResponse(repr(await request.body()))

    with TestClient(app, backend=backend) as client:
        response = client.post("/", content=b"abc", timeout=2)
    assert response.headers["x-peeked"] == "3"
    assert response.text == "b''"  # the stream was consumed upstream, as in Starlette


@backends
@pytest.mark.parametrize("where", ["before", "after"])
def test_middleware_exceptions_reach_the_test(backend: str, where: str) -> None:
    app = Faster()

    @app.middleware("http")
    async def failing(request: Request, call_next: object) -> object:
        if where == "before":
            raise ValueError("before call_next")
        await call_next(request)  # type: ignore[operator]
        raise ValueError("after call_next")

    @app.get("/")
    def index() -> str:
        return "ok"

    with TestClient(app, backend=backend) as client, pytest.raises(ValueError, match=f"{where} call_next"):
        client.get("/")
    with TestClient(app, backend=backend, raise_server_exceptions=False) as client:
        assert client.get("/").status_code == 500


@backends
def test_request_is_disconnected_once_the_response_is_sent(backend: str) -> None:
    seen: list[bool] = []

    async def check(request: Request) -> None:
        seen.append(await request.is_disconnected())

    app = Faster()

    @app.get("/")
    async def index(request: Request, tasks: BackgroundTasks) -> dict[str, bool]:
        tasks.add_task(check, request)
        return {"during": await request.is_disconnected()}

    with TestClient(app, backend=backend) as client:
        assert client.get("/").json() == {"during": False}
    assert seen == [True]


request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


@backends
def test_context_of_the_test_reaches_sync_endpoints_in_threads(backend: str) -> None:
    app = Faster()

    @app.get("/")
    def index() -> str:
        return request_id.get()

    token = request_id.set("set by the test")
    try:
        with TestClient(app, backend=backend) as client:
            assert client.get("/").json() == "set by the test"
    finally:
        request_id.reset(token)


@backends
def test_static_files(tmp_path: Path, backend: str) -> None:
    (tmp_path / "app.css").write_text("h1 {}")
    (tmp_path / "big.bin").write_bytes(bytes(range(256)) * 2048)
    app = Faster()
    app.mount("/static", StaticFiles(directory=tmp_path), name="static")
    with TestClient(app, backend=backend) as client:
        assert client.get("/static/app.css").text == "h1 {}"
        assert len(client.get("/static/big.bin").content) == 256 * 2048


def websocket_app() -> Faster:
    app = Faster()

    @app.websocket("/close")
    async def close(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close(code=4001, reason="bye")

    @app.websocket("/refuse")
    async def refuse(websocket: WebSocket) -> None:
        await websocket.close(code=1008)

    @app.websocket("/waits")
    async def waits(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.receive_text()  # the client's close raises WebSocketDisconnect here

    @app.websocket("/query")
    async def query(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_json(
            {
                "q": websocket.query_params.get("q"),
                "token": websocket.headers.get("x-token"),
                "session": websocket.cookies.get("session"),
            }
        )
        await websocket.close()

    return app


@backends
def test_facade_disconnect_class_catches_the_clients_disconnect(backend: str) -> None:
    with TestClient(websocket_app(), backend=backend) as client:
        with client.websocket_connect("/close") as websocket, pytest.raises(FasterAPI.WebSocketDisconnect) as info:
            websocket.receive_text()
        assert (info.value.code, info.value.reason) == (4001, "bye")
        with pytest.raises(FasterAPI.WebSocketDisconnect) as refused, client.websocket_connect("/refuse"):
            pytest.fail("must not be entered")
        assert refused.value.code == 1008


@backends
def test_timeout_is_not_hidden_by_the_endpoints_disconnect(backend: str) -> None:
    with (
        TestClient(websocket_app(), backend=backend) as client,
        pytest.raises(TimeoutError, match="ws_timeout"),
        client.websocket_connect("/waits") as websocket,
    ):
        websocket.receive_text(timeout=0.05)


@backends
def test_websocket_connect_request_keywords(backend: str) -> None:
    with (
        TestClient(websocket_app(), backend=backend) as client,
        client.websocket_connect(
            "/query", params={"q": "x"}, headers={"X-Token": "t"}, cookies={"session": "s"}
        ) as websocket,
    ):
        assert websocket.receive_json() == {"q": "x", "token": "t", "session": "s"}


@pytest.mark.parametrize("first", ["testclient", "facade"])
def test_disconnect_class_whatever_was_imported_first(first: str) -> None:
    """A fresh interpreter: the app is plain ASGI, so nothing but the test itself loads a framework."""
    imports = {
        "testclient": "from fasterapi_testclient import TestClient\nimport FasterAPI",
        "facade": "import FasterAPI\nfrom fasterapi_testclient import TestClient",
    }[first]
    script = imports + textwrap.dedent(
        """

        async def app(scope, receive, send):
            if scope["type"] != "websocket":
                return
            await receive()
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": 4000})

        with TestClient(app).websocket_connect("/") as websocket:
            try:
                websocket.receive_text()
            except FasterAPI.WebSocketDisconnect as exc:  # evaluated only after the raise
                print("caught", exc.code)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "caught 4000"
