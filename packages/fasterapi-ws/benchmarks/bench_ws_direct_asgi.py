"""Framework overhead of websocket routes, called directly over ASGI (no network, no server).

Three scenarios, each timed as the best of several rounds:

- ``echo``: one connection, N text messages echoed back (receive_text + send_text per message);
- ``json``: one connection, N JSON documents echoed back (receive_json + send_json);
- ``handshakes``: N connections, each routed (``/rooms/{room_id:int}`` plus a query parameter),
  accepted, sent one message and closed.

Run from the repository root: ``uv run python packages/fasterapi-ws/benchmarks/bench_ws_direct_asgi.py``.
Starlette is measured too when it is installed (it is the websocket layer under FastAPI).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from typing import Any

MESSAGES = 100_000
HANDSHAKES = 20_000
ROUNDS = 7


def fasterapi_app() -> Any:
    from fasterapi_core import Faster
    from fasterapi_ws import WebSocket

    app = Faster()

    @app.websocket("/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text)

    @app.websocket("/json")
    async def json_echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for doc in websocket.iter_json():
            await websocket.send_json(doc)

    @app.websocket("/rooms/{room_id:int}")
    async def room(websocket: WebSocket, room_id: int, user: str = "anon") -> None:
        await websocket.accept()
        await websocket.send_text(user)
        await websocket.close()

    return app


def starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket, WebSocketDisconnect

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text)

    async def json_echo(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            while True:
                await websocket.send_json(await websocket.receive_json())
        except WebSocketDisconnect:
            pass

    async def room(websocket: WebSocket) -> None:
        int(websocket.path_params["room_id"])
        user = websocket.query_params.get("user", "anon")
        await websocket.accept()
        await websocket.send_text(user)
        await websocket.close()

    return Starlette(
        routes=[
            WebSocketRoute("/echo", echo),
            WebSocketRoute("/json", json_echo),
            WebSocketRoute("/rooms/{room_id:int}", room),
        ]
    )


def scope(path: str, query: bytes = b"") -> dict[str, Any]:
    return {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"127.0.0.1:8000")],
        "subprotocols": [],
    }


async def run_session(app: Any, path: str, incoming: list[dict[str, Any]], query: bytes = b"") -> int:
    queue = deque(incoming)
    sent = 0

    async def receive() -> dict[str, Any]:
        return queue.popleft()

    async def send(message: dict[str, Any]) -> None:
        nonlocal sent
        sent += 1

    await app(scope(path, query), receive, send)
    return sent


def stream(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": "websocket.connect"}, *messages, {"type": "websocket.disconnect", "code": 1000}]


async def echo(app: Any) -> None:
    sent = await run_session(app, "/echo", stream([{"type": "websocket.receive", "text": "hello"}] * MESSAGES))
    assert sent == MESSAGES + 1, sent


async def json(app: Any) -> None:
    doc = {"type": "websocket.receive", "text": '{"user": "ann", "n": [1, 2, 3], "ok": true}'}
    sent = await run_session(app, "/json", stream([doc] * MESSAGES))
    assert sent == MESSAGES + 1, sent


async def handshakes(app: Any) -> None:
    connect = [{"type": "websocket.connect"}]
    for _ in range(HANDSHAKES):
        sent = await run_session(app, "/rooms/42", connect, b"user=ann")
        assert sent == 3, sent


def best_of(apps: dict[str, Any], scenario: Callable[[Any], Any]) -> dict[str, float]:
    """Best time per app; rounds alternate between the apps so load from elsewhere hits both alike."""
    best = dict.fromkeys(apps, float("inf"))
    for _ in range(ROUNDS):
        for name, app in apps.items():
            start = time.perf_counter()
            asyncio.run(scenario(app))
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    apps: dict[str, Any] = {"fasterapi": fasterapi_app()}
    with contextlib.suppress(ImportError):
        apps["starlette"] = starlette_app()
    print(f"{'scenario':<12}" + "".join(f"{name:>22}" for name in apps))
    scenarios = ((echo, MESSAGES, "msg/s"), (json, MESSAGES, "msg/s"), (handshakes, HANDSHAKES, "conn/s"))
    for scenario, count, unit in scenarios:
        best = best_of(apps, scenario)
        print(f"{scenario.__name__:<12}" + "".join(f"{count / best[name]:>15,.0f} {unit:<6}" for name in apps))


if __name__ == "__main__":
    main()
