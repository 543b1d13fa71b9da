"""The ``WebSocket`` connection: a state machine over ASGI websocket messages.

``client_state`` follows what the server told us (connect, disconnect); ``application_state``
follows what we sent (accept, close, a denial response). Every method checks the state it needs and
raises a ``RuntimeError`` that names the mistake, instead of letting the server fail later.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import msgspec

from fasterapi_core.encoders import encode_json
from fasterapi_core.requests import HTTPConnection

from .exceptions import WebSocketDataError

__all__ = ["MAX_CLOSE_REASON_BYTES", "WebSocket", "WebSocketClose", "WebSocketDisconnect", "WebSocketState"]

#: A close frame carries at most 125 bytes: a 2-byte code and a UTF-8 reason of up to 123 bytes.
MAX_CLOSE_REASON_BYTES = 123


class WebSocketState(enum.IntEnum):
    """Where one side of the connection is; the int values match ``faster-api-web``'s constants."""

    CONNECTING = 0
    CONNECTED = 1
    DISCONNECTED = 2
    RESPONSE = 3


class WebSocketDisconnect(Exception):
    """The connection is over: the client closed it (``code``/``reason`` from its close frame)."""

    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""
        super().__init__(code, self.reason)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, reason={self.reason!r})"


_CONNECTING = WebSocketState.CONNECTING
_CONNECTED = WebSocketState.CONNECTED
_DISCONNECTED = WebSocketState.DISCONNECTED
_RESPONSE = WebSocketState.RESPONSE


def truncate_reason(reason: str | None) -> str:
    """``reason`` cut to what a close frame can carry, never splitting a UTF-8 character."""
    if not reason:
        return ""
    if len(reason) * 4 <= MAX_CLOSE_REASON_BYTES:
        return reason
    encoded = reason.encode("utf-8")
    if len(encoded) <= MAX_CLOSE_REASON_BYTES:
        return reason
    return encoded[:MAX_CLOSE_REASON_BYTES].decode("utf-8", "ignore")


def _raw_headers(headers: Mapping[str, str] | Iterable[tuple[Any, Any]] | None) -> list[tuple[bytes, bytes]]:
    if not headers:
        return []
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return [
        (
            key.lower().encode("latin-1") if isinstance(key, str) else bytes(key),
            value.encode("latin-1") if isinstance(value, str) else bytes(value),
        )
        for key, value in pairs
    ]


class WebSocket(HTTPConnection):
    """One WebSocket connection: ``await accept()`` first, then send and receive, then ``close()``."""

    __slots__ = ("_receive", "_send", "application_state", "client_state", "max_message_size")

    def __init__(self, scope: dict[str, Any], receive: Any, send: Any, *, max_message_size: int | None = None) -> None:
        if scope.get("type") != "websocket":
            raise ValueError(f"WebSocket needs a 'websocket' scope, got {scope.get('type')!r}")
        super().__init__(scope)
        self._receive = receive
        self._send = send
        self.client_state = _CONNECTING
        self.application_state = _CONNECTING
        #: Largest accepted message in bytes (text counted as UTF-8); larger ones close with 1009.
        self.max_message_size = max_message_size

    # -- raw messages ----------------------------------------------------------------------------

    async def receive(self) -> dict[str, Any]:
        """The next raw ASGI message (``websocket.connect`` first, if ``accept`` has not read it)."""
        state = self.client_state
        if state is _DISCONNECTED:
            raise RuntimeError(
                "cannot receive: the client has already disconnected (a 'websocket.disconnect' was received)"
            )
        message: dict[str, Any] = await self._receive()
        kind = message["type"]
        if kind == "websocket.receive":
            if state is _CONNECTING:
                raise RuntimeError("expected 'websocket.connect' as the first message, got 'websocket.receive'")
            if self.max_message_size is not None:
                await self._check_size(message)
        elif kind == "websocket.disconnect":
            self.client_state = _DISCONNECTED
        elif kind == "websocket.connect":
            if state is not _CONNECTING:
                raise RuntimeError("received a second 'websocket.connect' on the same connection")
            self.client_state = _CONNECTED
        else:
            raise RuntimeError(f"unexpected ASGI message {kind!r} on a websocket connection")
        return message

    async def _check_size(self, message: dict[str, Any]) -> None:
        limit = self.max_message_size
        assert limit is not None
        data = message.get("bytes")
        if data is not None:
            size = len(data)
        else:
            text = message.get("text") or ""
            # UTF-8 needs 1 to 4 bytes a character: encode only when the character count cannot decide.
            if len(text) * 4 <= limit:
                return
            size = len(text.encode("utf-8"))
        if size > limit:
            reason = f"message of {size} bytes is larger than the limit of {limit}"
            if self.application_state is _CONNECTED:
                await self.send({"type": "websocket.close", "code": 1009, "reason": truncate_reason(reason)})
            raise WebSocketDisconnect(1009, reason)

    async def send(self, message: dict[str, Any]) -> None:
        """Send a raw ASGI message, refusing ones that are invalid in the current state."""
        kind = message["type"]
        state = self.application_state
        if state is _CONNECTED:
            if kind == "websocket.send":
                if self.client_state is _DISCONNECTED:
                    raise WebSocketDisconnect(1006, "the client has disconnected")
            elif kind == "websocket.close":
                self.application_state = _DISCONNECTED
            else:
                raise RuntimeError(f"cannot send {kind!r} on an accepted connection: use send_*() or close()")
        elif state is _CONNECTING:
            if kind == "websocket.accept":
                self.application_state = _CONNECTED
            elif kind == "websocket.close":
                self.application_state = _DISCONNECTED
            elif kind == "websocket.http.response.start":
                self.application_state = _RESPONSE
            else:
                raise RuntimeError(
                    f"cannot send {kind!r} before the connection is accepted: call 'await websocket.accept()' first"
                )
        elif state is _RESPONSE:
            if kind != "websocket.http.response.body":
                raise RuntimeError(f"cannot send {kind!r} while a denial response is being sent")
            if not message.get("more_body", False):
                self.application_state = _DISCONNECTED
        else:
            raise RuntimeError(f"cannot send {kind!r}: this websocket was already closed")
        try:
            await self._send(message)
        except OSError as exc:
            # The server reports a vanished client this way (uvicorn's ClientDisconnected); close()
            # becomes a no-op, as after a received disconnect.
            self.client_state = _DISCONNECTED
            raise WebSocketDisconnect(1006, "the client has disconnected") from exc

    # -- handshake -------------------------------------------------------------------------------

    async def accept(
        self,
        subprotocol: str | None = None,
        headers: Mapping[str, str] | Iterable[tuple[Any, Any]] | None = None,
    ) -> None:
        """Complete the handshake, choosing ``subprotocol`` and adding response ``headers``."""
        if self.application_state is not _CONNECTING:
            raise RuntimeError(
                f"accept() can only be called once, before anything else is sent "
                f"(the connection is {self.application_state.name})"
            )
        if self.client_state is _CONNECTING:
            message = await self.receive()
            if message["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))
        elif self.client_state is _DISCONNECTED:
            raise WebSocketDisconnect(1006, "the client disconnected before the handshake")
        await self.send({"type": "websocket.accept", "subprotocol": subprotocol, "headers": _raw_headers(headers)})

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Close the connection (before ``accept`` this refuses the handshake: HTTP 403).

        A no-op once the connection is over (closed already, for instance with 1009 by
        ``max_message_size``, or left by the client), so ``finally: await websocket.close()`` is safe.
        """
        if self.application_state is _DISCONNECTED:
            return
        if self.client_state is _DISCONNECTED and self.application_state is _CONNECTED:
            # The client is gone; there is nobody to send a close frame to.
            self.application_state = _DISCONNECTED
            return
        await self.send({"type": "websocket.close", "code": code, "reason": truncate_reason(reason)})

    async def send_denial_response(self, response: Any) -> None:
        """Refuse the handshake with an HTTP ``response`` (or close with 1008 if the server cannot)."""
        if self.application_state is not _CONNECTING:
            raise RuntimeError("send_denial_response() must be called before accept() and before anything is sent")
        extensions = self.scope.get("extensions") or {}
        if "websocket.http.response" not in extensions:
            await self.close(1008)
            return

        async def send_prefixed(message: dict[str, Any]) -> None:
            await self.send({**message, "type": "websocket." + message["type"]})

        await response(self.scope, self._receive, send_prefixed)

    # -- data ------------------------------------------------------------------------------------

    async def _receive_data(self) -> dict[str, Any]:
        """The next data message (the per-message path: ``receive()``'s checks, inlined)."""
        state = self.application_state
        if state is not _CONNECTED:
            if state is _CONNECTING:
                raise RuntimeError("cannot receive data before the connection is accepted: call accept() first")
            raise RuntimeError("cannot receive data: this websocket was already closed")
        message: dict[str, Any]
        if self.client_state is not _CONNECTED:
            message = await self.receive()  # raises the clear error once the client is gone
        else:
            message = await self._receive()
            kind = message["type"]
            if kind == "websocket.receive":
                if self.max_message_size is not None:
                    await self._check_size(message)
                return message
            if kind != "websocket.disconnect":
                raise RuntimeError(f"unexpected ASGI message {kind!r} on an accepted websocket")
            self.client_state = _DISCONNECTED
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))
        return message

    async def receive_text(self) -> str:
        """The next text message; ``WebSocketDisconnect`` when the client leaves, ``WebSocketDataError`` (1003)
        for a binary one."""
        message = await self._receive_data()
        text = message.get("text")
        if text is None:
            raise WebSocketDataError(1003, "expected a text message, got binary data")
        return str(text)

    async def receive_bytes(self) -> bytes:
        """The next binary message; ``WebSocketDisconnect`` when the client leaves, ``WebSocketDataError`` (1003)
        for a text one."""
        message = await self._receive_data()
        data = message.get("bytes")
        if data is None:
            raise WebSocketDataError(1003, "expected a binary message, got text")
        return bytes(data)

    async def receive_json(self, mode: str = "text") -> Any:
        """The next message decoded as JSON (from a text frame, or a binary one with ``mode="binary"``);
        ``WebSocketDataError`` (1007) when it is not valid JSON."""
        if mode != "text" and mode != "binary":
            raise RuntimeError('receive_json() mode must be "text" or "binary"')
        message = await self._receive_data()
        first, second = ("text", "bytes") if mode == "text" else ("bytes", "text")
        raw = message.get(first)
        if raw is None:
            raw = message.get(second)
        try:
            return msgspec.json.decode(raw if raw is not None else b"")
        except msgspec.DecodeError as exc:
            raise WebSocketDataError(1007, f"invalid JSON: {exc}") from exc

    async def _send_data(self, message: dict[str, Any]) -> None:
        """Send a ``websocket.send`` (the per-message path: ``send()``'s checks, inlined)."""
        if self.application_state is not _CONNECTED or self.client_state is not _CONNECTED:
            await self.send(message)  # raises the error that fits the state
            return
        try:
            await self._send(message)
        except OSError as exc:
            self.client_state = _DISCONNECTED
            raise WebSocketDisconnect(1006, "the client has disconnected") from exc

    async def send_text(self, data: str) -> None:
        await self._send_data({"type": "websocket.send", "text": data})

    async def send_bytes(self, data: bytes) -> None:
        await self._send_data({"type": "websocket.send", "bytes": data})

    async def send_json(self, data: Any, mode: str = "text") -> None:
        """Send ``data`` encoded with msgspec, in a text frame or (``mode="binary"``) a binary one."""
        if mode != "text" and mode != "binary":
            raise RuntimeError('send_json() mode must be "text" or "binary"')
        encoded = encode_json(data)
        if mode == "text":
            await self._send_data({"type": "websocket.send", "text": encoded.decode("utf-8")})
        else:
            await self._send_data({"type": "websocket.send", "bytes": encoded})

    async def iter_text(self) -> AsyncIterator[str]:
        """Text messages until the client disconnects."""
        try:
            while True:
                yield await self.receive_text()
        except WebSocketDisconnect:
            pass

    async def iter_bytes(self) -> AsyncIterator[bytes]:
        """Binary messages until the client disconnects."""
        try:
            while True:
                yield await self.receive_bytes()
        except WebSocketDisconnect:
            pass

    async def iter_json(self, mode: str = "text") -> AsyncIterator[Any]:
        """JSON messages until the client disconnects."""
        try:
            while True:
                yield await self.receive_json(mode)
        except WebSocketDisconnect:
            pass

    def __repr__(self) -> str:
        return (
            f"WebSocket(path={self.scope.get('path')!r}, client_state={self.client_state.name}, "
            f"application_state={self.application_state.name})"
        )


class WebSocketClose:
    """An ASGI app that closes the websocket (before accept: refuses it, HTTP 403); for middleware."""

    __slots__ = ("code", "reason")

    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        self.code = code
        self.reason = truncate_reason(reason)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "websocket.close", "code": self.code, "reason": self.reason})
