"""``StreamingResponse``: a body produced chunk by chunk, stopped when the client goes away."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

import anyio
import anyio.lowlevel
import anyio.to_thread

from ._response import Response, mark_response_started
from .background import BackgroundTask, run_background
from .concurrency import collapse_exception_groups
from .types import Message, Receive, Scope, Send

__all__ = ["ClientGone", "StreamingResponse", "iterate_in_threadpool", "listen_for_disconnect", "reporting_client_gone"]

_STOP = object()


def _next_or_stop(iterator: Iterator[Any]) -> Any:
    try:
        return next(iterator)
    except StopIteration:
        return _STOP


async def iterate_in_threadpool(iterable: Iterable[Any]) -> AsyncIterator[Any]:
    """Walk a blocking iterator from async code, one ``next()`` per worker-thread call."""
    iterator = iter(iterable)
    while True:
        item = await anyio.to_thread.run_sync(_next_or_stop, iterator)
        if item is _STOP:
            return
        yield item


async def listen_for_disconnect(receive: Receive) -> None:
    """Return once the client has disconnected (request body chunks are drained and dropped)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        # Leftover body chunks: let other tasks run even if ``receive`` never suspends.
        await anyio.lowlevel.checkpoint()


class StreamingResponse(Response):
    """Send each chunk of ``content`` (sync or async iterable; ``str`` chunks are utf-8) as it comes.

    No Content-Length: the server frames the body (chunked in HTTP/1.1). While streaming, the
    receive channel is watched so a client that disconnects stops the iteration.
    """

    body_iterator: AsyncIterable[Any]
    #: Watch ``receive`` for ``http.disconnect`` while streaming (off when another layer owns receive).
    listen_disconnect = True

    def __init__(
        self,
        content: Iterable[Any] | AsyncIterable[Any],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        if isinstance(content, AsyncIterable):
            self.body_iterator = content
        elif isinstance(content, Iterable) and not isinstance(content, (str, bytes, bytearray, memoryview)):
            self.body_iterator = iterate_in_threadpool(content)
        else:
            raise TypeError(
                f"StreamingResponse needs an iterable or async iterable of chunks, not {type(content).__name__}"
            )
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self.raw_headers = self.init_headers(headers)

    def _encode(self, chunk: Any) -> bytes:
        if isinstance(chunk, bytes):
            return chunk
        if isinstance(chunk, str):
            return chunk.encode(self.charset)
        if isinstance(chunk, (bytearray, memoryview)):
            return bytes(chunk)
        raise TypeError(f"StreamingResponse chunks must be str or bytes, got {type(chunk).__name__}")

    async def _stream(self, send: Send) -> None:
        async for chunk in self.body_iterator:
            await send({"type": "http.response.body", "body": self._encode(chunk), "more_body": True})
            # A generator that never waits, sent to a server whose ``send`` never waits, would otherwise
            # hold the event loop for good: nothing could cancel it (a timeout, a server shutting down).
            await anyio.lowlevel.checkpoint()
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        send = reporting_client_gone(send)
        try:
            if scope.get("method") == "HEAD":
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                await _close(self.body_iterator)
            elif not self.listen_disconnect:
                await self._stream(send)
            else:
                disconnected = False
                with collapse_exception_groups():
                    async with anyio.create_task_group() as group:

                        async def watch() -> None:
                            nonlocal disconnected
                            await listen_for_disconnect(receive)
                            disconnected = True
                            group.cancel_scope.cancel()

                        group.start_soon(watch)
                        await self._stream(send)
                        group.cancel_scope.cancel()
                if disconnected:
                    await _close(self.body_iterator)
        except ClientGone:
            await _close(self.body_iterator)
        except BaseException as exc:
            mark_response_started(exc)
            raise
        if self.background is not None:
            await run_background(self.background)


class ClientGone(Exception):
    """``send`` failed because the client disconnected (ASGI 2.4 servers raise ``OSError`` then)."""


def reporting_client_gone(send: Send) -> Any:
    """``send`` that turns the server's ``OSError`` for a vanished client into ``ClientGone``."""

    async def checked_send(message: Message) -> None:
        try:
            await send(message)
        except OSError as exc:
            raise ClientGone() from exc

    return checked_send


async def _close(iterator: Any) -> None:
    """Finish an async generator so its ``finally`` blocks run now, not at garbage collection."""
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        with anyio.CancelScope(shield=True):
            await aclose()
