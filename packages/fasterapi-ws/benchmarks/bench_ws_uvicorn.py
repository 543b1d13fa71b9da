"""Websocket echo over a real uvicorn server on 127.0.0.1, driven by the ``websockets`` client.

The server runs in its own process (one uvicorn worker, the ``websockets-sansio`` protocol, uvloop
when installed); the client process opens ``CLIENTS`` connections and each sends ``MESSAGES`` text
messages, waiting for every echo. Rounds alternate between FasterAPI and Starlette (when installed);
the best round counts. Most of the time goes to the server's protocol code and the client, so the
gap here is smaller than in ``bench_ws_direct_asgi.py``.

Run from the repository root: ``uv run python packages/fasterapi-ws/benchmarks/bench_ws_uvicorn.py``.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
import time
from typing import Any

CLIENTS = 20
MESSAGES = 1_000
ROUNDS = 3


def fasterapi_app() -> Any:
    from fasterapi_core import Faster
    from fasterapi_ws import WebSocket

    app = Faster()

    @app.websocket("/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text)

    return app


def starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text)

    return Starlette(routes=[WebSocketRoute("/echo", echo)])


def serve(kind: str, port: int) -> None:
    import uvicorn

    app = fasterapi_app() if kind == "fasterapi" else starlette_app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def wait_listening(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        return
    raise TimeoutError(f"the server on port {port} did not start")


async def drive(port: int) -> float:
    from websockets.asyncio.client import connect

    async def client() -> None:
        async with connect(f"ws://127.0.0.1:{port}/echo", open_timeout=10) as ws:
            for i in range(MESSAGES):
                await ws.send(f"message {i}")
                assert await asyncio.wait_for(ws.recv(), 10) == f"message {i}"

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return time.perf_counter() - start


def main() -> None:
    kinds = ["fasterapi"]
    try:
        import starlette  # noqa: F401

        kinds.append("starlette")
    except ImportError:
        pass
    best = dict.fromkeys(kinds, float("inf"))
    for _ in range(ROUNDS):
        for kind in kinds:
            port = free_port()
            process = multiprocessing.Process(target=serve, args=(kind, port), daemon=True)
            process.start()
            try:
                asyncio.run(wait_listening(port))
                best[kind] = min(best[kind], asyncio.run(drive(port)))
            finally:
                process.terminate()
                process.join(10)
    total = CLIENTS * MESSAGES
    for kind in kinds:
        print(f"{kind:<10} {total / best[kind]:>10,.0f} round trips/s  ({CLIENTS} clients x {MESSAGES} messages)")


if __name__ == "__main__":
    main()
