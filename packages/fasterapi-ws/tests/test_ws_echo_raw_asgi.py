"""A websocket route driven with raw ASGI messages (no test client needed)."""

from typing import Any

import anyio

from fasterapi_core import Faster
from fasterapi_ws import WebSocket, WebSocketDisconnect


async def run_session(app: Any, path: str, incoming: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    queue = list(incoming)

    async def receive() -> dict[str, Any]:
        if queue:
            return queue.pop(0)
        await anyio.sleep(3600)
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": path, "headers": [], "query_string": b"", "root_path": ""}
    with anyio.fail_after(5):
        await app(scope, receive, send)
    return sent


async def test_echo_until_the_client_leaves() -> None:
    app = Faster()
    closed: list[int] = []

    @app.websocket("/ws/{room}")
    async def echo(websocket: WebSocket, room: str) -> None:
        await websocket.accept()
        try:
            while True:
                text = await websocket.receive_text()
                await websocket.send_text(f"{room}: {text}")
        except WebSocketDisconnect as exc:
            closed.append(exc.code)

    sent = await run_session(
        app,
        "/ws/lobby",
        [
            {"type": "websocket.connect"},
            {"type": "websocket.receive", "text": "hello"},
            {"type": "websocket.disconnect", "code": 1001},
        ],
    )
    assert sent[0]["type"] == "websocket.accept"
    assert sent[1] == {"type": "websocket.send", "text": "lobby: hello"}
    assert closed == [1001]


async def test_unknown_path_is_refused() -> None:
    app = Faster()
    sent = await run_session(app, "/nowhere", [{"type": "websocket.connect"}])
    assert sent == [{"type": "websocket.close", "code": 1000, "reason": ""}]
