"""Server-Sent Events: ``EventSourceResponse`` frames items as ``text/event-stream`` events."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping
from typing import Any

import anyio

from ._encoding import encode_json
from ._response import mark_response_started
from ._streaming import ClientGone, StreamingResponse, _close, listen_for_disconnect, reporting_client_gone
from .background import BackgroundTask, run_background
from .concurrency import collapse_exception_groups
from .types import Receive, Scope, Send

__all__ = ["EventSourceResponse", "ServerSentEvent", "format_sse"]

_FIELDS = ("comment", "event", "id", "data", "retry")


class ServerSentEvent:
    """One event; ``data`` may be any JSON-able value (str is sent as-is, one ``data:`` line per line)."""

    __slots__ = ("comment", "data", "event", "id", "retry")

    def __init__(
        self,
        data: object = None,
        *,
        event: str | None = None,
        id: str | int | None = None,
        retry: int | None = None,
        comment: str | None = None,
    ) -> None:
        self.data = data
        self.event = event
        self.id = id
        self.retry = retry
        self.comment = comment

    def encode(self) -> bytes:
        return format_sse(self.data, event=self.event, id=self.id, retry=self.retry, comment=self.comment)


def _lines(value: str) -> list[str]:
    return value.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def format_sse(
    data: object = None,
    *,
    event: str | None = None,
    id: str | int | None = None,
    retry: int | None = None,
    comment: str | None = None,
) -> bytes:
    """The wire form of one event, ending with the blank line that dispatches it."""
    out: list[str] = []
    if comment is not None:
        out.extend(f": {line}" if line else ":" for line in _lines(str(comment)))
    if id is not None:
        text = str(id)
        if "\n" in text or "\r" in text or "\0" in text:
            raise ValueError("an SSE id must not contain newlines or NUL")
        out.append(f"id: {text}")
    if event is not None:
        text = str(event)
        if "\n" in text or "\r" in text:
            raise ValueError("an SSE event name must not contain newlines")
        out.append(f"event: {text}")
    if data is not None:
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        text = data if isinstance(data, str) else encode_json(data).decode("utf-8")
        out.extend(f"data: {line}" for line in _lines(text))
    if retry is not None:
        out.append(f"retry: {int(retry)}")
    return ("\n".join(out) + "\n\n").encode("utf-8")


def _encode_item(item: object) -> bytes:
    if isinstance(item, ServerSentEvent):
        return item.encode()
    if isinstance(item, Mapping):
        unknown = set(item) - set(_FIELDS)
        if unknown:
            raise ValueError(f"unknown SSE field(s) {sorted(unknown)}; use {', '.join(_FIELDS)}")
        return format_sse(
            item.get("data"),
            event=item.get("event"),
            id=item.get("id"),
            retry=item.get("retry"),
            comment=item.get("comment"),
        )
    if isinstance(item, (bytes, bytearray)):
        return format_sse(bytes(item))
    if isinstance(item, str):
        return format_sse(item)
    return format_sse(item)


class EventSourceResponse(StreamingResponse):
    """Stream ``content`` items as SSE events; pings every ``ping_interval`` seconds keep proxies open.

    Items: ``str`` (one ``data`` field), dicts with ``data``/``event``/``id``/``retry``/``comment``,
    or ``ServerSentEvent``. Stops when the client disconnects.
    """

    media_type = "text/event-stream"

    def __init__(
        self,
        content: Iterable[Any] | AsyncIterable[Any],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        ping_interval: float | None = None,
        background: BackgroundTask | None = None,
        media_type: str | None = None,
    ) -> None:
        base = {"cache-control": "no-cache", "x-accel-buffering": "no"}
        base.update({k.lower(): v for k, v in (headers or {}).items()})
        super().__init__(content, status_code, base, media_type, background)
        if ping_interval is not None and ping_interval <= 0:
            raise ValueError("ping_interval must be a positive number of seconds")
        self.ping_interval = ping_interval

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope.get("method") == "HEAD":
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            await _close(self.body_iterator)
            return
        send = reporting_client_gone(send)
        lock = anyio.Lock()
        disconnected = False
        try:
            with collapse_exception_groups():
                async with anyio.create_task_group() as group:

                    async def watch() -> None:
                        nonlocal disconnected
                        await listen_for_disconnect(receive)
                        disconnected = True
                        group.cancel_scope.cancel()

                    async def ping(interval: float) -> None:
                        while True:
                            await anyio.sleep(interval)
                            async with lock:
                                await send({"type": "http.response.body", "body": b": ping\n\n", "more_body": True})

                    if self.listen_disconnect:
                        group.start_soon(watch)
                    if self.ping_interval is not None:
                        group.start_soon(ping, self.ping_interval)
                    async for item in self.body_iterator:
                        payload = _encode_item(item)
                        async with lock:
                            await send({"type": "http.response.body", "body": payload, "more_body": True})
                    async with lock:
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                    group.cancel_scope.cancel()
        except ClientGone:
            disconnected = True
        except BaseException as exc:
            mark_response_started(exc)
            raise
        if disconnected:
            await _close(self.body_iterator)
        if self.background is not None:
            await run_background(self.background)
