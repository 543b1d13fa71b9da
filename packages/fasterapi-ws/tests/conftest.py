"""A raw ASGI websocket driver: the test plays the server, message by message, every wait bounded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest

TIMEOUT = 5.0


class RawSession:
    """The app runs in a task; ``send`` feeds its ``receive``, ``receive`` reads what it sent."""

    def __init__(self, scope: dict[str, Any]) -> None:
        self.scope = scope
        self._to_app_send, self._to_app_recv = anyio.create_memory_object_stream[dict[str, Any]](100)
        self._from_app_send, self._from_app_recv = anyio.create_memory_object_stream[dict[str, Any]](100)
        self.done = anyio.Event()
        self.error: BaseException | None = None

    async def run(self, app: Any) -> None:
        try:
            await app(self.scope, self._to_app_recv.receive, self._from_app_send.send)
        except Exception as exc:
            self.error = exc
        finally:
            self.done.set()

    async def send(self, message: dict[str, Any]) -> None:
        await self._to_app_send.send(message)

    async def receive(self) -> dict[str, Any]:
        """The next message the app sent (fails the test after a timeout)."""
        with anyio.fail_after(TIMEOUT):
            return await self._from_app_recv.receive()

    async def connect(self) -> dict[str, Any]:
        await self.send({"type": "websocket.connect"})
        return await self.receive()

    async def send_text(self, text: str) -> None:
        await self.send({"type": "websocket.receive", "text": text})

    async def send_bytes(self, data: bytes) -> None:
        await self.send({"type": "websocket.receive", "bytes": data})

    async def disconnect(self, code: int = 1000, reason: str = "") -> None:
        await self.send({"type": "websocket.disconnect", "code": code, "reason": reason})

    async def finished(self) -> BaseException | None:
        """Wait for the app to return; the exception it raised, if any."""
        with anyio.fail_after(TIMEOUT):
            await self.done.wait()
        return self.error

    def close(self) -> None:
        for stream in (self._to_app_send, self._to_app_recv, self._from_app_send, self._from_app_recv):
            stream.close()

    def pending(self) -> list[dict[str, Any]]:
        """Messages the app sent that the test has not read yet (without waiting)."""
        out = []
        while True:
            try:
                out.append(self._from_app_recv.receive_nowait())
            except (anyio.WouldBlock, anyio.EndOfStream):
                return out


def make_scope(
    path: str,
    *,
    query_string: bytes = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
    subprotocols: list[str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query_string,
        "headers": headers or [(b"host", b"testserver")],
        "subprotocols": subprotocols or [],
        "extensions": extensions if extensions is not None else {},
    }


Opener = Callable[..., Any]


@pytest.fixture
def ws_session() -> Opener:
    """``async with ws_session(app, "/path", **scope_options) as session: ...``."""

    @asynccontextmanager
    async def open_session(app: Any, path: str, **scope_options: Any) -> AsyncIterator[RawSession]:
        session = RawSession(make_scope(path, **scope_options))
        async with anyio.create_task_group() as tg:
            tg.start_soon(session.run, app)
            try:
                yield session
            finally:
                tg.cancel_scope.cancel()
        session.close()

    return open_session
