"""Tiny hand-written ASGI apps shared by the test client's tests."""

from __future__ import annotations

import json
import threading
from typing import Any

import anyio
import pytest


def _text(value: Any) -> Any:
    return value.decode("latin-1") if isinstance(value, bytes) else value


async def read_body(receive: Any) -> tuple[bytes, list[dict[str, Any]]]:
    """Collect the request body and the raw messages it came in."""
    body = b""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        body += message.get("body", b"")
        if not message.get("more_body", False):
            return body, messages


async def send_json(send: Any, data: Any, status: int = 200, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    payload = json.dumps(data).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": payload})


class RawApp:
    """A raw ASGI 3 app covering lifespan, HTTP routes and a WebSocket echo; records what it saw."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.loop_threads: dict[str, int] = {}
        self.disconnects: list[dict[str, Any]] = []
        self.background_done = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.loop_threads[scope["type"]] = threading.get_ident()
        if scope["type"] == "lifespan":
            await self.lifespan(scope, receive, send)
        elif scope["type"] == "http":
            await self.http(scope, receive, send)
        else:
            await self.websocket(scope, receive, send)

    async def lifespan(self, scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.events.append("startup")
                scope["state"]["greeting"] = "hello"
                scope["state"]["lock"] = anyio.Lock()
                await send({"type": "lifespan.startup.complete"})
            else:
                self.events.append("shutdown")
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def http(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope["path"]
        if path == "/boom":
            raise ValueError("boom from the app")
        if path == "/boom-after-response":
            await send_json(send, {"ok": True})
            raise ValueError("boom after the response")
        if path == "/no-response":
            return
        if path == "/redirect":
            await send({"type": "http.response.start", "status": 307, "headers": [(b"location", b"/scope")]})
            await send({"type": "http.response.body", "body": b""})
            return
        if path == "/set-cookie":
            await send_json(send, {}, headers=[(b"set-cookie", b"session=abc; Path=/")])
            return
        if path == "/chunks":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            for part in (b"one,", b"two,", b"three"):
                await send({"type": "http.response.body", "body": part, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
            return
        if path == "/endless":
            await self.endless(receive, send)
            return
        if path == "/background":
            await send_json(send, {"ok": True})
            await anyio.sleep(0)
            self.background_done = True
            return
        if path == "/lock":
            async with scope["state"]["lock"]:
                await send_json(send, {"locked": True})
            return
        if path == "/wait-disconnect":
            body, _ = await read_body(receive)
            await send_json(send, {"body": body.decode()})
            self.disconnects.append(await receive())
            return
        body, messages = await read_body(receive)
        await send_json(send, self.describe(scope, body, messages))

    async def endless(self, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
        number = 0
        async with anyio.create_task_group() as tg:

            async def watch() -> None:
                while (message := await receive())["type"] != "http.disconnect":
                    pass
                self.disconnects.append(message)
                tg.cancel_scope.cancel()

            tg.start_soon(watch)
            while True:
                await send({"type": "http.response.body", "body": f"data: {number}\n\n".encode(), "more_body": True})
                number += 1

    @staticmethod
    def describe(scope: Any, body: bytes, messages: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "type": scope["type"],
            "asgi": scope["asgi"],
            "http_version": scope["http_version"],
            "method": scope["method"],
            "scheme": scope["scheme"],
            "path": scope["path"],
            "raw_path": _text(scope["raw_path"]),
            "query_string": _text(scope["query_string"]),
            "root_path": scope["root_path"],
            "headers": [[_text(k), _text(v)] for k, v in scope["headers"]],
            "client": list(scope["client"]) if scope["client"] else None,
            "server": list(scope["server"]),
            "state": {k: v for k, v in scope.get("state", {}).items() if isinstance(v, str)},
            "body": body.decode(),
            "chunks": [[_text(m.get("body", b"")), m.get("more_body", False)] for m in messages],
            "types": {k: type(v).__name__ for k, v in scope.items()},
        }

    async def websocket(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope["path"]
        first = await receive()
        assert first["type"] == "websocket.connect"
        if path == "/ws/deny":
            await send({"type": "websocket.close", "code": 1008, "reason": "go away"})
            return
        if path == "/ws/deny-http":
            await send(
                {
                    "type": "websocket.http.response.start",
                    "status": 401,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "websocket.http.response.body", "body": b'{"detail": "no token"}'})
            return
        if path == "/ws/crash-before-accept":
            raise ValueError("crashed before accept")
        subprotocols = scope["subprotocols"]
        await send(
            {
                "type": "websocket.accept",
                "subprotocol": subprotocols[-1] if subprotocols else None,
                "headers": [(b"x-extra", b"yes")],
            }
        )
        if path == "/ws/scope":
            await send({"type": "websocket.send", "text": json.dumps(self.ws_describe(scope))})
        elif path == "/ws/close":
            await send({"type": "websocket.close", "code": 4000, "reason": "bye"})
            return
        elif path == "/ws/return":
            return
        elif path == "/ws/crash":
            await receive()
            raise RuntimeError("crashed in the websocket handler")
        elif path == "/ws/silent":
            pass
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                self.disconnects.append(message)
                return
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"]})

    @staticmethod
    def ws_describe(scope: Any) -> dict[str, Any]:
        return {
            "type": scope["type"],
            "scheme": scope["scheme"],
            "path": scope["path"],
            "raw_path": _text(scope["raw_path"]),
            "query_string": _text(scope["query_string"]),
            "headers": [[_text(k), _text(v)] for k, v in scope["headers"]],
            "subprotocols": scope["subprotocols"],
            "extensions": scope.get("extensions"),
            "state": {k: v for k, v in scope.get("state", {}).items() if isinstance(v, str)},
        }


@pytest.fixture
def raw_app() -> RawApp:
    return RawApp()


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every test of the package runs on both backends: async tests through anyio's plugin."""
    return str(request.param)


@pytest.fixture
def backend(anyio_backend: str) -> str:
    """The backend a sync ``TestClient`` runs its portal loop on (same parameter as the async tests)."""
    return anyio_backend
