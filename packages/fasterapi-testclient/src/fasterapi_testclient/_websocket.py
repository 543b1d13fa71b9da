"""WebSocket test sessions: an async core that runs the app as a task, and sync/async faces over it."""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal

import anyio
import anyio.lowlevel
import httpx
from anyio.from_thread import BlockingPortal

from ._config import default_ws_timeout
from ._disconnect import make_disconnect, with_framework_bases
from ._errors import is_disconnect_echo
from ._tasks import AppTask, spawn
from ._types import ASGIApp, Message, Scope
from .exceptions import ClientDisconnected, WebSocketDisconnect

__all__ = ["AsyncWebSocketTestSession", "WebSocketChannel", "WebSocketDenialResponse", "WebSocketTestSession"]

Mode = Literal["text", "binary"]
_EXIT_GRACE = 1.0


class WebSocketDenialResponse(httpx.Response, WebSocketDisconnect):  # type: ignore[misc]
    """The app refused the WebSocket: it closed before accepting (403) or sent an HTTP denial response.

    It is an ``httpx.Response`` (``.status_code``, ``.headers``, ``.content``, ``.json()``) and also a
    ``WebSocketDisconnect`` (``.code``, ``.reason``).
    """

    def __init__(
        self,
        status_code: int,
        *,
        headers: list[tuple[bytes, bytes]] | None = None,
        content: bytes = b"",
        request: httpx.Request | None = None,
        code: int = 1008,
        reason: str | None = None,
    ) -> None:
        httpx.Response.__init__(self, status_code, headers=headers, content=content, request=request)
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        detail = f": {self.content[:200]!r}" if self.content else ""
        return f"The app denied the WebSocket connection with HTTP {self.status_code}{detail}"

    def __repr__(self) -> str:
        return f"<WebSocketDenialResponse [{self.status_code}]>"


def _denial(status_code: int, **options: Any) -> WebSocketDenialResponse:
    """A denial that is also the loaded framework's ``WebSocketDisconnect``, as Starlette's client raises."""
    cls = with_framework_bases(WebSocketDenialResponse)
    return cls(status_code, **options)  # type: ignore[return-value]


class _AppExited:
    """Marker put on the app-to-client stream when the app's call returns or raises."""


_EXITED = _AppExited()


class WebSocketChannel:
    """The app side of one WebSocket session, driven from the loop the app runs in."""

    __slots__ = (
        "_app",
        "_app_state",
        "_client_closed",
        "_close_code",
        "_close_reason",
        "_error",
        "_error_raised",
        "_from_app_rx",
        "_from_app_tx",
        "_raise_server_exceptions",
        "_request",
        "_scope",
        "_server_closed",
        "_task",
        "_to_app_rx",
        "_to_app_tx",
        "accepted",
        "accepted_subprotocol",
        "extra_headers",
        "timeout",
    )

    def __init__(
        self,
        app: ASGIApp,
        scope: Scope,
        request: httpx.Request,
        raise_server_exceptions: bool,
        timeout: float | None,
    ) -> None:
        self._app = app
        self._scope = scope
        self._request = request
        self._raise_server_exceptions = raise_server_exceptions
        self.timeout = timeout
        self._to_app_tx, self._to_app_rx = anyio.create_memory_object_stream[Message](math.inf)
        self._from_app_tx, self._from_app_rx = anyio.create_memory_object_stream[Message | _AppExited](math.inf)
        self._task: AppTask | None = None
        self._error: BaseException | None = None
        self._error_raised = False
        self._client_closed = False
        self._server_closed = False
        self._close_code = 1006
        self._close_reason = "The app returned without sending 'websocket.close'"
        self._app_state = "connecting"
        self.accepted = False
        self.accepted_subprotocol: str | None = None
        self.extra_headers: list[tuple[bytes, bytes]] = []

    # -- connection ---------------------------------------------------------------------------

    async def connect(self) -> None:
        """Send ``websocket.connect`` and wait for ``websocket.accept``; raise the denial otherwise."""
        self._task = spawn(self._run_app, name=f"asgi-websocket {self._scope['path']}")
        self._to_app_tx.send_nowait({"type": "websocket.connect"})
        try:
            message = await self._next("'websocket.accept'", None)
        except BaseException:
            await self._stop()
            raise
        if message is _EXITED:
            await self._stop()
            self._raise_error()
            error = RuntimeError(f"The app returned without accepting or closing the WebSocket {self._scope['path']}")
            if self._raise_server_exceptions:
                raise error
            raise _denial(500, request=self._request, code=1011)
        assert not isinstance(message, _AppExited)
        kind = message["type"]
        if kind == "websocket.accept":
            self.accepted = True
            self.accepted_subprotocol = message.get("subprotocol")
            self.extra_headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", ())]
            return
        await self._deny(message)

    async def _deny(self, message: Message) -> None:
        kind = message["type"]
        if kind == "websocket.close":
            self._server_closed = True
            await self._stop()
            raise _denial(403, request=self._request, code=message.get("code", 1000), reason=message.get("reason", ""))
        if kind == "websocket.http.response.start":
            body: list[bytes] = []
            while True:
                part = await self._next("'websocket.http.response.body'", None)
                if isinstance(part, _AppExited):
                    break
                if part["type"] != "websocket.http.response.body":
                    raise RuntimeError(f"Expected 'websocket.http.response.body' from the app, got {part['type']!r}")
                body.append(bytes(part.get("body", b"")))
                if not part.get("more_body", False):
                    break
            self._server_closed = True
            await self._stop()
            self._raise_error()  # the app failed while sending its denial (say, a second response start)
            raise _denial(
                int(message["status"]),
                headers=[(bytes(k), bytes(v)) for k, v in message.get("headers", ())],
                content=b"".join(body),
                request=self._request,
            )
        await self._stop()
        raise RuntimeError(f"Expected 'websocket.accept' from the app, got {kind!r}")

    async def aclose(self, test_failed: bool = False) -> None:
        """End the session: send ``websocket.disconnect`` (1000) if still open, stop the app, raise its error.

        When the test's own block failed (``test_failed``), a ``WebSocketDisconnect`` the app raised
        because this close reached it is not raised: it would hide the test's error (a receive
        ``TimeoutError``, an assertion) behind an echo of the client's own close.
        """
        if not self._client_closed and not self._server_closed and not self._finished():
            self._to_app_tx.send_nowait({"type": "websocket.disconnect", "code": 1000, "reason": ""})
        self._client_closed = True
        await self._stop()
        if test_failed and self._error is not None and is_disconnect_echo(self._error):
            return
        self._raise_error()

    # -- client to app ------------------------------------------------------------------------

    def send(self, message: Message) -> None:
        """Queue a raw ASGI message for the app's ``receive()``."""
        if self._client_closed:
            raise RuntimeError("The WebSocket session is closed; cannot send")
        self._raise_error()
        self._to_app_tx.send_nowait(message)

    def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Client-side close: the app receives ``websocket.disconnect`` with ``code``."""
        if self._client_closed:
            return
        self._to_app_tx.send_nowait({"type": "websocket.disconnect", "code": code, "reason": reason or ""})
        self._client_closed = True

    # -- app to client ------------------------------------------------------------------------

    async def receive(self, timeout: float | None = None) -> Message:
        """The app's next raw message (``websocket.send`` or ``websocket.close``)."""
        message = await self._next("a message", timeout)
        if isinstance(message, _AppExited):
            self._raise_error()
            raise make_disconnect(self._close_code, self._close_reason)
        if message["type"] == "websocket.close":
            self._server_closed = True
            self._close_code = message.get("code", 1000)
            self._close_reason = message.get("reason", "")
        return message

    async def receive_data(self, timeout: float | None, want: Literal["text", "bytes"]) -> Any:
        """The next ``websocket.send`` payload; a close becomes ``WebSocketDisconnect``."""
        message = await self.receive(timeout)
        if message["type"] == "websocket.close":
            raise make_disconnect(message.get("code", 1000), message.get("reason", ""))
        if message["type"] != "websocket.send":
            raise RuntimeError(f"Expected 'websocket.send' from the app, got {message['type']!r}")
        value = message.get(want)
        if value is None:
            other = "bytes" if want == "text" else "text"
            raise TypeError(f"Expected a {want} message from the app, got {other}: {message.get(other)!r}")
        return value

    # -- internals ----------------------------------------------------------------------------

    def _finished(self) -> bool:
        return self._task is not None and self._task.done.is_set()

    async def _next(self, waiting_for: str, timeout: float | None) -> Message | _AppExited:
        limit = timeout if timeout is not None else self.timeout if self.timeout is not None else default_ws_timeout()
        try:
            with anyio.fail_after(limit):
                message = await self._from_app_rx.receive()
        except TimeoutError:
            raise TimeoutError(
                f"Timed out after {limit} s waiting for {waiting_for} from the WebSocket app at "
                f"{self._scope['path']!r} (pass timeout=..., set ws_timeout= on the client or the "
                f"'fasterapi_ws_timeout' ini option)"
            ) from None
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            raise RuntimeError("The WebSocket session is closed; cannot receive") from None
        if isinstance(message, _AppExited):
            self._from_app_tx.send_nowait(message)  # keep it for later receives
        return message

    def _raise_error(self) -> None:
        error = self._error
        if error is None or self._error_raised or not self._raise_server_exceptions:
            return
        self._error_raised = True
        raise error

    async def _stop(self) -> None:
        if self._task is not None:
            await self._task.stop(_EXIT_GRACE)
        for stream in (self._to_app_tx, self._to_app_rx, self._from_app_tx, self._from_app_rx):
            stream.close()

    async def _run_app(self) -> None:
        try:
            await self._app(self._scope, self._app_receive, self._app_send)
        except Exception as exc:
            # An endpoint that let ``WebSocketDisconnect`` escape is re-raised when the session ends, as
            # Starlette's client does (FastAPI's tests expect it); other disconnect echoes are not errors.
            if _escaped_disconnect(exc) or not is_disconnect_echo(exc):
                self._error = exc
        finally:
            with contextlib.suppress(anyio.ClosedResourceError):
                self._from_app_tx.send_nowait(_EXITED)

    async def _app_receive(self) -> Message:
        return await self._to_app_rx.receive()

    async def _app_send(self, message: Message) -> None:
        await anyio.lowlevel.checkpoint()
        kind = message["type"]
        if self._client_closed and kind != "websocket.close":
            raise ClientDisconnected(f"The test client closed the WebSocket; cannot send {kind!r}")
        # Checked against what the app itself sent so far, never against what the client has read yet:
        # the client task may not have taken 'websocket.accept' off the stream when the next send comes.
        self._app_state = _next_app_state(self._app_state, message)
        self._from_app_tx.send_nowait(message)


_ALLOWED: dict[str, dict[str, str]] = {
    # app state -> {message type the app may send: app state after it}
    "connecting": {
        "websocket.accept": "accepted",
        "websocket.close": "closed",
        "websocket.http.response.start": "responding",
    },
    "accepted": {"websocket.send": "accepted", "websocket.close": "closed"},
    "responding": {"websocket.http.response.body": "responding"},
    "closed": {},
}
_WHY = {
    ("accepted", "websocket.accept"): "The app sent 'websocket.accept' twice",
    ("connecting", "websocket.send"): "The app sent 'websocket.send' before 'websocket.accept'",
    ("responding", "websocket.http.response.start"): (
        "The app sent 'websocket.http.response.start' twice; the denial response had already started"
    ),
}


def _next_app_state(state: str, message: Message) -> str:
    """The app-side session state after ``message``, or a ``RuntimeError`` naming the protocol mistake."""
    kind = message["type"]
    after = _ALLOWED[state].get(kind)
    if after is None:
        why = _WHY.get((state, kind))
        if why is None:
            expected = " or ".join(repr(name) for name in _ALLOWED[state]) or "nothing more"
            why = f"The app sent {kind!r} while the WebSocket was {state}; expected {expected}"
        raise RuntimeError(why)
    if kind == "websocket.http.response.body" and not message.get("more_body", False):
        return "closed"
    return after


def _escaped_disconnect(exc: BaseException) -> bool:
    return not isinstance(exc, ClientDisconnected) and any(
        cls.__name__ == "WebSocketDisconnect" for cls in type(exc).__mro__
    )


def _json_message(data: Any, mode: Mode) -> Message:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if mode == "text":
        return {"type": "websocket.receive", "text": text}
    if mode == "binary":
        return {"type": "websocket.receive", "bytes": text.encode()}
    raise ValueError(f"mode must be 'text' or 'binary', got {mode!r}")


def _decode_json(payload: str | bytes) -> Any:
    return json.loads(payload)


class WebSocketTestSession:
    """Sync WebSocket session of a ``TestClient``; use it as a context manager."""

    __test__ = False

    def __init__(self, channel_factory: Callable[[], WebSocketChannel], portal: Callable[[], BlockingPortal]) -> None:
        self._channel_factory = channel_factory
        self._portal_getter = portal
        self._portal: BlockingPortal | None = None
        self._channel: WebSocketChannel | None = None

    @property
    def accepted_subprotocol(self) -> str | None:
        return self._ch.accepted_subprotocol

    @property
    def extra_headers(self) -> list[tuple[bytes, bytes]]:
        return self._ch.extra_headers

    @property
    def _ch(self) -> WebSocketChannel:
        if self._channel is None:
            raise RuntimeError("Enter the session first: 'with client.websocket_connect(url) as websocket:'")
        return self._channel

    def __enter__(self) -> WebSocketTestSession:
        self._portal = portal = self._portal_getter()
        self._channel = portal.call(self._open)
        return self

    async def _open(self) -> WebSocketChannel:
        channel = self._channel_factory()
        await channel.connect()
        return channel

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._portal is not None and self._channel is not None:
            self._portal.call(self._channel.aclose, exc is not None)

    def _call(self, func: Callable[..., Any], *args: Any) -> Any:
        assert self._portal is not None
        return self._portal.call(func, *args)

    def send(self, message: Message) -> None:
        self._call(_sync_to_async(self._ch.send), message)

    def send_text(self, data: str) -> None:
        self.send({"type": "websocket.receive", "text": data})

    def send_bytes(self, data: bytes) -> None:
        self.send({"type": "websocket.receive", "bytes": data})

    def send_json(self, data: Any, mode: Mode = "text") -> None:
        self.send(_json_message(data, mode))

    def close(self, code: int = 1000, reason: str | None = None) -> None:
        self._call(_sync_to_async(self._ch.close), code, reason)

    def receive(self, timeout: float | None = None) -> Message:
        result: Message = self._call(self._ch.receive, timeout)
        return result

    def receive_text(self, timeout: float | None = None) -> str:
        return str(self._call(self._ch.receive_data, timeout, "text"))

    def receive_bytes(self, timeout: float | None = None) -> bytes:
        return bytes(self._call(self._ch.receive_data, timeout, "bytes"))

    def receive_json(self, mode: Mode = "text", timeout: float | None = None) -> Any:
        return _decode_json(self._call(self._ch.receive_data, timeout, "text" if mode == "text" else "bytes"))


def _sync_to_async(func: Callable[..., None]) -> Callable[..., Any]:
    """Run a non-blocking channel method on the portal's loop, where its streams live."""

    async def call(*args: Any) -> None:
        func(*args)

    return call


class AsyncWebSocketTestSession:
    """WebSocket session of an ``AsyncTestClient``; use it with ``async with``."""

    __test__ = False

    def __init__(self, channel_factory: Callable[[], WebSocketChannel]) -> None:
        self._channel_factory = channel_factory
        self._channel: WebSocketChannel | None = None

    @property
    def _ch(self) -> WebSocketChannel:
        if self._channel is None:
            raise RuntimeError("Enter the session first: 'async with client.websocket_connect(url) as websocket:'")
        return self._channel

    @property
    def accepted_subprotocol(self) -> str | None:
        return self._ch.accepted_subprotocol

    @property
    def extra_headers(self) -> list[tuple[bytes, bytes]]:
        return self._ch.extra_headers

    async def __aenter__(self) -> AsyncWebSocketTestSession:
        channel = self._channel_factory()
        await channel.connect()
        self._channel = channel
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._channel is not None:
            await self._channel.aclose(exc is not None)

    async def send(self, message: Message) -> None:
        self._ch.send(message)
        await anyio.lowlevel.checkpoint()

    async def send_text(self, data: str) -> None:
        await self.send({"type": "websocket.receive", "text": data})

    async def send_bytes(self, data: bytes) -> None:
        await self.send({"type": "websocket.receive", "bytes": data})

    async def send_json(self, data: Any, mode: Mode = "text") -> None:
        await self.send(_json_message(data, mode))

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self._ch.close(code, reason)
        await anyio.lowlevel.checkpoint()

    async def receive(self, timeout: float | None = None) -> Message:
        return await self._ch.receive(timeout)

    async def receive_text(self, timeout: float | None = None) -> str:
        return str(await self._ch.receive_data(timeout, "text"))

    async def receive_bytes(self, timeout: float | None = None) -> bytes:
        return bytes(await self._ch.receive_data(timeout, "bytes"))

    async def receive_json(self, mode: Mode = "text", timeout: float | None = None) -> Any:
        return _decode_json(await self._ch.receive_data(timeout, "text" if mode == "text" else "bytes"))
