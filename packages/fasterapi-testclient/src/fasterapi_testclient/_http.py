"""One HTTP request/response exchange with an ASGI app, run in the current event loop.

The app runs as its own task. The response head is handed over as soon as the app sends it and the
body is streamed chunk by chunk, so endless responses can be read partly and closed; closing sends
``http.disconnect`` to the app and cancels it if it does not stop.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable
from typing import Any, TypeVar

import anyio
import anyio.lowlevel
import httpx

from ._errors import is_disconnect_echo
from ._tasks import AppTask, spawn
from ._types import ASGIApp, Message, Scope
from .exceptions import ClientDisconnected

__all__ = ["HTTPExchange", "with_extensions"]

T = TypeVar("T")

_DISCONNECT_GRACE = 0.25  # seconds an app gets to end by itself after http.disconnect before it is cancelled


class ProtocolError(RuntimeError, AssertionError):
    """The app broke the HTTP message order; an ``AssertionError`` too, as Starlette's client raises."""


class NoResponseError(ProtocolError):
    """The app returned without starting a response."""


class HTTPExchange:
    """Drive ``app`` for one request; ``start()`` returns the head, ``next_chunk()`` the body."""

    __slots__ = (
        "_app",
        "_body",
        "_body_complete",
        "_body_done",
        "_chunks_rx",
        "_chunks_tx",
        "_client_closed",
        "_closed",
        "_error",
        "_error_raised",
        "_head_ready",
        "_is_head",
        "_lookahead",
        "_raise_server_exceptions",
        "_read_timeout",
        "_request",
        "_response_done",
        "_scope",
        "_started",
        "_task",
        "debug_info",
        "headers",
        "status",
        "trailers",
        "trailers_expected",
    )

    def __init__(
        self,
        app: ASGIApp,
        scope: Scope,
        request: httpx.Request,
        body: AsyncIterable[bytes],
        raise_server_exceptions: bool,
    ) -> None:
        self._app = app
        self._scope = scope
        self._request = request
        self._read_timeout: float | None = request.extensions.get("timeout", {}).get("read")
        self._body = body.__aiter__()
        self._body_complete = False
        self._client_closed = False
        self._body_done = False
        self._lookahead: bytes | None = None
        self._raise_server_exceptions = raise_server_exceptions
        self._is_head = scope.get("method") == "HEAD"
        self._chunks_tx, self._chunks_rx = anyio.create_memory_object_stream[bytes](0)
        self._head_ready = anyio.Event()
        self._response_done = anyio.Event()
        self._started = False
        self._closed = False
        self._error: BaseException | None = None
        self._error_raised = False
        self._task: AppTask | None = None
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.debug_info: dict[str, Any] | None = None
        self.trailers_expected = False
        self.trailers: list[tuple[bytes, bytes]] = []

    async def start(self) -> None:
        """Run the app until it sends ``http.response.start`` (or fails); fills ``status`` and ``headers``."""
        self._task = spawn(self._run_app, name=f"asgi-http {self._scope['method']} {self._scope['path']}")
        await self._bounded("send 'http.response.start'", self._head_ready.wait)
        if self._started:
            return
        error = self._error
        if error is None:
            error = NoResponseError(
                f"The app returned without sending 'http.response.start' for {self._scope['method']} "
                f"{self._scope['path']}"
            )
            self._error = error
        if self._raise_server_exceptions:
            self._error_raised = True
            await self._finish()
            raise error
        self.status, self.headers = 500, []

    async def start_and_prefetch(self, rounds: int = 4) -> list[bytes]:
        """``start()``, then collect the body chunks the app sends without waiting (a few loop turns).

        For the sync client this turns an ordinary request into one portal call; it never waits for
        a chunk that is not already on its way, so streamed and endless responses behave the same.
        """
        await self.start()
        chunks: list[bytes] = []
        for _ in range(rounds):
            while True:
                try:
                    chunks.append(self._chunks_rx.receive_nowait())
                except (anyio.WouldBlock, anyio.EndOfStream, anyio.ClosedResourceError):
                    break
            if self.finished:
                break
            await anyio.lowlevel.checkpoint()
        return chunks

    @property
    def finished(self) -> bool:
        """The app task has ended, so no body chunk is left in flight (the stream is unbuffered)."""
        return self._task is not None and self._task.done.is_set()

    def close_finished(self) -> None:
        """Close an exchange whose app already ended, from any thread; raise the app's error if due."""
        assert self.finished
        self._closed = self._client_closed = True
        self._chunks_rx.close()  # no task waits on it any more: plain bookkeeping, safe off-loop
        self._raise_error()

    async def next_chunk(self) -> bytes | None:
        """The next body chunk, or None once the app has finished (its errors are raised here)."""
        try:
            return await self._bounded("send the next 'http.response.body'", self._chunks_rx.receive)
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            pass
        if self._task is not None:
            await self._bounded("return after the response body (work after the response?)", self._task.done.wait)
        self._raise_error()
        return None

    async def _bounded(self, what: str, wait: Callable[[], Awaitable[T]]) -> T:
        """Await ``wait()`` within the request's read timeout; on expiry stop the app and raise ReadTimeout."""
        if self._read_timeout is None:
            return await wait()
        try:
            with anyio.fail_after(self._read_timeout):
                return await wait()
        except TimeoutError:
            self._closed = True
            await self._finish(grace=0)
            raise httpx.ReadTimeout(
                f"The app did not {what} for {self._scope['method']} {self._scope['path']} within "
                f"{self._read_timeout} s (pass timeout=... to the request or the client; None waits forever)",
                request=self._request,
            ) from None

    async def aclose(self) -> None:
        """Disconnect: the app's ``receive()`` returns ``http.disconnect`` and its task is stopped."""
        if self._closed:
            return
        self._closed = True
        await self._finish()
        self._raise_error()

    async def _finish(self, grace: float = _DISCONNECT_GRACE) -> None:
        self._client_closed = True
        self._response_done.set()
        self._chunks_rx.close()
        if self._task is not None:
            await self._task.stop(grace)

    def _raise_error(self) -> None:
        error = self._error
        if error is None or self._error_raised or not self._raise_server_exceptions:
            return
        self._error_raised = True
        raise error

    async def _run_app(self) -> None:
        try:
            await self._app(self._scope, self._receive, self._send)
        except Exception as exc:
            if not (self._client_closed and is_disconnect_echo(exc)):
                self._error = exc
        finally:
            self._chunks_tx.close()
            # Unbuffered: once the app has ended no chunk is in flight, so the reading end can go too.
            # A response left open when the client's loop stops (and cancels the app) is then not leaked.
            self._chunks_rx.close()
            self._head_ready.set()

    async def _receive(self) -> Message:
        if not self._body_done:
            return await self._next_request_message()
        if not self._response_done.is_set():  # once it is, answer at once (even in a cancelled scope)
            await self._response_done.wait()
        return {"type": "http.disconnect"}

    async def _next_request_message(self) -> Message:
        chunk = self._lookahead if self._lookahead is not None else await self._read_body()
        following = await self._read_body() if chunk is not None else None
        self._lookahead = following
        more = following is not None
        self._body_done = not more
        return {"type": "http.request", "body": chunk or b"", "more_body": more}

    async def _read_body(self) -> bytes | None:
        while True:
            try:
                chunk = await self._body.__anext__()
            except StopAsyncIteration:
                return None
            if chunk:
                return bytes(chunk)

    async def _send(self, message: Message) -> None:
        kind = message["type"]
        if self._client_closed:
            raise ClientDisconnected(f"The test client closed the connection; cannot send {kind!r}")
        if kind == "http.response.start":
            self._start_response(message)
        elif kind == "http.response.body":
            await self._send_body(message)
        elif kind == "http.response.trailers":
            self._add_trailers(message)
        elif kind == "http.response.debug":
            if self._started:
                raise ProtocolError("The app sent 'http.response.debug' after 'http.response.start'")
            self.debug_info = dict(message.get("info") or {})
        # other messages (pathsend, ...) are extensions this client did not advertise

    def _start_response(self, message: Message) -> None:
        if self._started:
            raise ProtocolError("The app sent 'http.response.start' twice")
        self.status = int(message["status"])
        self.headers = [(bytes(name), bytes(value)) for name, value in message.get("headers", ())]
        self.trailers_expected = bool(message.get("trailers", False))
        self._started = True
        self._head_ready.set()

    async def _send_body(self, message: Message) -> None:
        if not self._started:
            raise ProtocolError("The app sent 'http.response.body' before 'http.response.start'")
        body: Any = message.get("body", b"")
        more_body = bool(message.get("more_body", False))
        if self._body_complete:
            raise ProtocolError("The app sent 'http.response.body' after the response was complete")
        if body and not self._is_head:
            try:  # the unbuffered stream suspends until the reader takes the chunk: back-pressure
                await self._chunks_tx.send(bytes(body))
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                raise ClientDisconnected("The test client stopped reading the response body") from None
        elif more_body:
            await anyio.lowlevel.checkpoint()  # an app looping on empty chunks must not starve the loop
        if not more_body:
            self._body_complete = True
            self._chunks_tx.close()
            if not self.trailers_expected:
                self._response_done.set()

    def _add_trailers(self, message: Message) -> None:
        if not self.trailers_expected:
            raise ProtocolError(
                "The app sent 'http.response.trailers' without announcing them ('trailers': True in "
                "'http.response.start')"
            )
        if not self._body_complete:
            raise ProtocolError("The app sent 'http.response.trailers' before the last 'http.response.body'")
        if self._response_done.is_set():
            raise ProtocolError("The app sent 'http.response.trailers' after the last trailers")
        self.trailers.extend((bytes(name), bytes(value)) for name, value in message.get("headers", ()))
        if not message.get("more_trailers", False):
            self._response_done.set()


def with_extensions(response: httpx.Response, exchange: HTTPExchange) -> httpx.Response:
    """``response`` with what the app sent through the advertised extensions, as Starlette's client sets it.

    ``http.response.debug``: ``response.template`` and ``response.context`` (template responses).
    ``http.response.trailers``: the trailer list, filled as the body is read, in ``response.extensions``.
    """
    info = exchange.debug_info
    if info is not None:
        response.extensions["http.response.debug"] = info
        if "template" in info:
            response.template = info["template"]  # type: ignore[attr-defined]
        if "context" in info:
            response.context = info["context"]  # type: ignore[attr-defined]
    if exchange.trailers_expected:
        response.extensions["http.response.trailers"] = exchange.trailers
    return response
