"""The ``WebSocket`` connection: a state machine over ASGI websocket messages."""

from __future__ import annotations

import enum
from typing import Any

import msgspec

from fasterapi_core._encoding import encode_json
from fasterapi_core.requests import HTTPConnection

__all__ = ["WebSocket", "WebSocketDisconnect", "WebSocketState"]


class WebSocketState(enum.IntEnum):
    CONNECTING = 0
    CONNECTED = 1
    DISCONNECTED = 2
    RESPONSE = 3


class WebSocketDisconnect(Exception):
    """The client closed the connection (``code``/``reason`` from its close frame)."""

    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""
        super().__init__(code, self.reason)


class WebSocket(HTTPConnection):
    """One WebSocket connection; ``accept`` first, then send and receive."""

    __slots__ = ("_receive", "_send", "application_state", "client_state")

    def __init__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        super().__init__(scope)
        self._receive = receive
        self._send = send
        self.client_state = WebSocketState.CONNECTING
        self.application_state = WebSocketState.CONNECTING

    async def receive(self) -> dict[str, Any]:
        """The next raw ASGI message from the client."""
        if self.client_state is WebSocketState.DISCONNECTED:
            raise RuntimeError('cannot receive: the client has disconnected (a "websocket.disconnect" was received)')
        message: dict[str, Any] = await self._receive()
        kind = message["type"]
        if self.client_state is WebSocketState.CONNECTING:
            if kind != "websocket.connect":
                raise RuntimeError(f'expected "websocket.connect", got {kind!r}')
            self.client_state = WebSocketState.CONNECTED
        elif kind == "websocket.disconnect":
            self.client_state = WebSocketState.DISCONNECTED
        return message

    async def send(self, message: dict[str, Any]) -> None:
        """Send a raw ASGI message, refusing ones that are invalid in the current state."""
        kind = message["type"]
        state = self.application_state
        if state is WebSocketState.CONNECTING:
            if kind not in ("websocket.accept", "websocket.close", "websocket.http.response.start"):
                raise RuntimeError(f"cannot send {kind!r} before the connection is accepted: call accept() first")
            if kind == "websocket.accept":
                self.application_state = WebSocketState.CONNECTED
            elif kind == "websocket.close":
                self.application_state = WebSocketState.DISCONNECTED
            else:
                self.application_state = WebSocketState.RESPONSE
        elif state is WebSocketState.CONNECTED:
            if kind not in ("websocket.send", "websocket.close"):
                raise RuntimeError(f"cannot send {kind!r} on an accepted connection")
            if kind == "websocket.close":
                self.application_state = WebSocketState.DISCONNECTED
        elif state is WebSocketState.RESPONSE:
            if kind != "websocket.http.response.body":
                raise RuntimeError(f"cannot send {kind!r} while sending a denial response")
            if not message.get("more_body", False):
                self.application_state = WebSocketState.DISCONNECTED
        else:
            raise RuntimeError(f"cannot send {kind!r}: the connection is closed")
        await self._send(message)

    async def accept(self, subprotocol: str | None = None, headers: Any = None) -> None:
        if self.application_state is not WebSocketState.CONNECTING:
            raise RuntimeError("accept() was already called on this connection")
        if self.client_state is WebSocketState.CONNECTING:
            await self.receive()
        raw_headers = [
            (k.lower().encode("latin-1") if isinstance(k, str) else k, v.encode("latin-1") if isinstance(v, str) else v)
            for k, v in (headers.items() if hasattr(headers, "items") else headers or ())
        ]
        await self.send({"type": "websocket.accept", "subprotocol": subprotocol, "headers": raw_headers})

    def _raise_on_disconnect(self, message: dict[str, Any]) -> None:
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))

    async def receive_text(self) -> str:
        self._require_accepted()
        message = await self.receive()
        self._raise_on_disconnect(message)
        text = message.get("text")
        if text is None:
            raise RuntimeError("expected a text message, got bytes")
        return str(text)

    async def receive_bytes(self) -> bytes:
        self._require_accepted()
        message = await self.receive()
        self._raise_on_disconnect(message)
        data = message.get("bytes")
        if data is None:
            raise RuntimeError("expected a binary message, got text")
        return bytes(data)

    async def receive_json(self, mode: str = "text") -> Any:
        if mode not in ("text", "binary"):
            raise ValueError('mode must be "text" or "binary"')
        self._require_accepted()
        message = await self.receive()
        self._raise_on_disconnect(message)
        raw = message.get("text") if mode == "text" else message.get("bytes")
        if raw is None:
            raw = message.get("bytes") if mode == "text" else message.get("text")
        return msgspec.json.decode(raw if raw is not None else b"")

    async def send_text(self, data: str) -> None:
        await self.send({"type": "websocket.send", "text": data})

    async def send_bytes(self, data: bytes) -> None:
        await self.send({"type": "websocket.send", "bytes": data})

    async def send_json(self, data: Any, mode: str = "text") -> None:
        if mode not in ("text", "binary"):
            raise ValueError('mode must be "text" or "binary"')
        encoded = encode_json(data)
        if mode == "text":
            await self.send({"type": "websocket.send", "text": encoded.decode("utf-8")})
        else:
            await self.send({"type": "websocket.send", "bytes": encoded})

    async def iter_text(self) -> Any:
        try:
            while True:
                yield await self.receive_text()
        except WebSocketDisconnect:
            pass

    async def iter_bytes(self) -> Any:
        try:
            while True:
                yield await self.receive_bytes()
        except WebSocketDisconnect:
            pass

    async def iter_json(self) -> Any:
        try:
            while True:
                yield await self.receive_json()
        except WebSocketDisconnect:
            pass

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        await self.send({"type": "websocket.close", "code": code, "reason": reason or ""})

    def _require_accepted(self) -> None:
        if self.application_state is not WebSocketState.CONNECTED:
            raise RuntimeError('WebSocket is not connected: call "accept" first')
