"""``BaseHTTPMiddleware``: write middleware as one ``dispatch`` method.

Two styles, told apart by ``dispatch``'s signature once, at construction:

- FastAPI/Starlette: ``async def dispatch(self, request, call_next) -> Response``;
- ``faster-api-web``: ``async def dispatch(self, scope, receive, send)`` that calls ``self.app``.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio

from .._response import Response, mark_response_started
from .._streaming import StreamingResponse
from ..concurrency import collapse_exception_groups
from ..requests import Request
from ..types import Message, Receive, Scope, Send

__all__ = ["BaseHTTPMiddleware", "CallNext", "DispatchFunction"]

CallNext = Callable[[Request], Awaitable[Response]]
DispatchFunction = Callable[[Request, CallNext], Awaitable[Response]]

_RAW_NAMES = ("scope", "receive", "send")


def _is_raw_asgi(dispatch: Callable[..., Any]) -> bool:
    """True for ``dispatch(scope, receive, send)``; False for ``dispatch(request, call_next)``."""
    try:
        params = [
            p
            for p in inspect.signature(dispatch).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        return False
    if len(params) == 3:
        return True
    return tuple(p.name for p in params) == _RAW_NAMES


class _AppResponse(StreamingResponse):
    """What ``call_next`` returns: the inner app's status and headers, its body streamed through."""

    listen_disconnect = False

    def __init__(
        self,
        status_code: int,
        raw_headers: list[tuple[bytes, bytes]],
        body: AsyncIterator[bytes],
        debug: Message | None = None,
    ) -> None:
        self.debug = debug
        self.status_code = status_code
        self.raw_headers = list(raw_headers)
        self.body_iterator = body
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The inner app already treated HEAD; pass its body messages through as they are.
        if self.debug is not None:
            await send(self.debug)
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        try:
            await self._stream(send)
        except BaseException as exc:
            mark_response_started(exc)
            raise


class BaseHTTPMiddleware:
    """Subclass and override ``dispatch``, or pass ``dispatch=`` (what ``@app.middleware("http")`` does)."""

    def __init__(self, app: Callable[..., Any], dispatch: Callable[..., Any] | None = None) -> None:
        self.app = app
        self.dispatch_func: Callable[..., Any] = dispatch if dispatch is not None else self.dispatch
        self._raw = _is_raw_asgi(self.dispatch_func)

    async def dispatch(self, request: Request, call_next: CallNext) -> Response:
        """Override me: return ``await call_next(request)``, changed as you like, or a response of yours."""
        raise NotImplementedError("subclass BaseHTTPMiddleware and override dispatch(), or pass dispatch=")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._raw:
            await self.dispatch_func(scope, receive, send)
            return
        await _run_dispatch(self.app, self.dispatch_func, scope, receive, send)


async def _run_dispatch(
    app: Callable[..., Any], dispatch: Callable[..., Any], scope: Scope, receive: Receive, send: Send
) -> None:
    request = Request(scope, receive)
    app_error: list[BaseException] = []

    def inner_receive_for(outer: Request) -> Receive:
        """Let the inner app read a body that ``dispatch`` already read (``await request.body()``)."""
        replayed = False

        async def inner_receive() -> Message:
            nonlocal replayed
            cached: bytes | None = getattr(outer, "_body", None)
            if cached is not None and not replayed:
                replayed = True
                return {"type": "http.request", "body": cached, "more_body": False}
            if outer._stream_consumed and not replayed:
                # dispatch read the body with stream(): nothing is left, and waiting on the server's
                # receive() would block until the client leaves (as Starlette, an empty body instead)
                replayed = True
                return {"type": "http.request", "body": b"", "more_body": False}
            message: Message = await receive()
            return message

        return inner_receive

    with collapse_exception_groups():
        async with anyio.create_task_group() as group:
            streams: list[Any] = []

            async def call_next(req: Request) -> Response:
                to_mw, from_app = anyio.create_memory_object_stream[Message](16)
                streams.append(from_app)

                async def inner_send(message: Message) -> None:
                    # When dispatch dropped the response, the rest is discarded.
                    with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                        await to_mw.send(message)

                async def run_app() -> None:
                    async with to_mw:
                        try:
                            await app(req.scope, inner_receive_for(req), inner_send)
                        except BaseException as exc:
                            app_error.append(exc)

                group.start_soon(run_app)
                try:
                    start = await from_app.receive()
                except anyio.EndOfStream:
                    if app_error:
                        raise app_error[0] from None
                    raise RuntimeError("No response returned.") from None
                debug = None
                if start["type"] == "http.response.debug":  # a test client's extension: pass it on
                    debug = start
                    start = await from_app.receive()
                if start["type"] != "http.response.start":
                    raise RuntimeError(f"expected http.response.start from the app, got {start['type']!r}")

                async def body() -> AsyncIterator[bytes]:
                    async for message in from_app:
                        if message["type"] != "http.response.body":
                            continue
                        chunk = message.get("body", b"")
                        if chunk:
                            yield chunk
                        if not message.get("more_body", False):
                            break
                    if app_error:
                        raise app_error[0]

                return _AppResponse(start["status"], list(start.get("headers", ())), body(), debug)

            try:
                response = await dispatch(request, call_next)
                if response is None:
                    raise RuntimeError("the middleware's dispatch returned None: return a Response")
                await response(scope, receive, send)
            finally:  # also when dispatch or the response failed: no stream is left to the garbage collector
                for stream in streams:
                    stream.close()
