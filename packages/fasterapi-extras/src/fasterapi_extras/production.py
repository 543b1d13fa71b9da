"""Pure-ASGI middleware for production deployments: request ids, rate limits, a shared DB pool.

Each class wraps an ASGI app (``app.add_middleware(RequestIDMiddleware)``) and touches only the
messages it needs, so streaming responses and websockets pass through unchanged.
"""

from __future__ import annotations

import math
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from fasterapi_core.types import ASGIApp, Message, Receive, Scope, Send

from .asgi_compat import get_header
from .rate_limit_stores import MemoryRateLimitStore, RateLimitStore

__all__ = ["DatabasePoolMiddleware", "RateLimitMiddleware", "RequestIDMiddleware"]

# Incoming ids are echoed into response headers and logs: accept only short, plain tokens.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")


class RequestIDMiddleware:
    """Give every HTTP request an id: the client's ``X-Request-ID`` when it is a safe token, else a new one.

    The id is stored in ``request.state.request_id`` (``scope["state"]["request_id"]``) and sent back in
    the response header ``outgoing_header_name``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        header_name: str = "x-request-id",
        outgoing_header_name: str = "x-request-id",
        generator: Callable[[], str] | None = None,
    ) -> None:
        self.app = app
        self.header_name = header_name.lower()
        self.outgoing_header = outgoing_header_name.lower().encode("latin-1")
        self.generator = generator or (lambda: uuid.uuid4().hex)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = get_header(scope, self.header_name)
        request_id = incoming if incoming is not None and _SAFE_ID.fullmatch(incoming) else self.generator()
        scope.setdefault("state", {})["request_id"] = request_id
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        encoded = request_id.encode("latin-1")
        outgoing = self.outgoing_header

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != outgoing]
                headers.append((outgoing, encoded))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_id)


class RateLimitMiddleware:
    """Allow each client ``requests_per_minute`` HTTP requests per ``window_seconds``; answer 429 beyond.

    Clients are told apart by their socket address, or by the first address in
    ``forwarded_for_header`` (e.g. ``"x-forwarded-for"``) when the app runs behind a proxy you trust
    to set it. Counters live in ``store``: by default in this process (``MemoryRateLimitStore``, each
    worker process counts alone); ``RedisRateLimitStore`` makes the limit hold across workers and
    machines. Responses carry ``X-RateLimit-Limit`` and ``X-RateLimit-Remaining``; a 429 also carries
    ``Retry-After``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        requests_per_minute: int = 120,
        window_seconds: float = 60.0,
        forwarded_for_header: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        store: RateLimitStore | None = None,
    ) -> None:
        if requests_per_minute < 1:
            raise ValueError("requests_per_minute must be at least 1")
        if window_seconds <= 0:
            raise ValueError("window_seconds must be positive")
        self.app = app
        self.limit = requests_per_minute
        self.window = window_seconds
        self.forwarded_for_header = forwarded_for_header.lower() if forwarded_for_header else None
        self.store: RateLimitStore = store if store is not None else MemoryRateLimitStore(clock=clock)

    def client_key(self, scope: Scope) -> str:
        """The identity a limit applies to."""
        if self.forwarded_for_header is not None:
            forwarded = get_header(scope, self.forwarded_for_header)
            if forwarded:
                first = forwarded.split(",", 1)[0].strip()
                if first:
                    return first
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        count, reset = await self.store.hit(self.client_key(scope), self.window)
        limit_headers = [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(max(0, self.limit - count)).encode()),
        ]
        if count > self.limit:
            body = b'{"detail":"Too Many Requests"}'
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(max(1, math.ceil(reset))).encode()),
                *limit_headers,
            ]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *limit_headers]}
            await send(message)

        await self.app(scope, receive, send_with_limits)


class DatabasePoolMiddleware:
    """Expose one connection pool to every request as ``request.state.<state_key>``.

    The pool is created by you (asyncpg, SQLAlchemy engine, ...) and shared; the middleware only
    makes it reachable from handlers and dependencies without globals.
    """

    def __init__(self, app: ASGIApp, *, pool: Any, state_key: str = "db_pool") -> None:
        self.app = app
        self.pool = pool
        self.state_key = state_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope.setdefault("state", {})[self.state_key] = self.pool
        await self.app(scope, receive, send)
