"""``RedisCacheMiddleware``: cache whole HTTP responses in Redis (or any async get/set store).

The cache key is the method, path and query string **plus the values of the request headers a
response may depend on** (``vary_headers``: by default ``Authorization``, ``Cookie``, ``Accept``,
``Accept-Encoding`` and ``Accept-Language``), so one user's response is never served to another.
Responses are stored only when they are safe to share under that key: a cacheable status, no
``Set-Cookie``, no ``Cache-Control: private/no-store``, and a ``Vary`` header (if any) naming only
headers that are part of the key. The response streams to the client while a copy is collected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Protocol

import msgspec

from fasterapi_core.types import ASGIApp, Message, Receive, Scope, Send

from .asgi_compat import get_header

__all__ = ["AsyncKeyValueStore", "RedisCacheMiddleware"]

DEFAULT_VARY_HEADERS = ("authorization", "cookie", "accept", "accept-encoding", "accept-language")


class AsyncKeyValueStore(Protocol):
    """What the middleware needs from its client: ``redis.asyncio.Redis`` fits."""

    async def get(self, name: str) -> bytes | None: ...

    async def set(self, name: str, value: bytes, ex: int | None = None) -> Any: ...


class _Entry(msgspec.Struct, array_like=True):
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder(_Entry).decode


class RedisCacheMiddleware:
    """Serve repeated ``GET`` requests from a cache; ``X-Cache: HIT`` or ``MISS`` tells which happened."""

    def __init__(
        self,
        app: ASGIApp,
        redis_client: AsyncKeyValueStore,
        *,
        ttl: int = 300,
        key_prefix: str = "fasterapi:http:",
        methods: Iterable[str] = ("GET",),
        cacheable_statuses: Iterable[int] = (200,),
        max_body_bytes: int = 1_048_576,
        vary_headers: Iterable[str] = DEFAULT_VARY_HEADERS,
    ) -> None:
        self.app = app
        self.redis = redis_client
        self.ttl = ttl
        self.key_prefix = key_prefix
        self.methods = frozenset(m.upper() for m in methods)
        self.cacheable_statuses = frozenset(cacheable_statuses)
        self.max_body_bytes = max_body_bytes
        self.vary_headers = tuple(sorted({h.lower() for h in vary_headers}))

    def cache_key(self, scope: Scope) -> str:
        """Method, path, query string and every ``vary_headers`` value, hashed."""
        digest = hashlib.sha256()
        for part in (scope["method"], scope.get("root_path", ""), scope["path"]):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\x00")
        digest.update(scope.get("query_string", b"") + b"\x00")
        for name in self.vary_headers:
            value = get_header(scope, name)
            digest.update(
                name.encode() + b"=" + (b"\x01" + value.encode("latin-1") if value is not None else b"") + b"\x00"
            )
        return self.key_prefix + digest.hexdigest()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in self.methods or self._request_forbids(scope):
            await self.app(scope, receive, send)
            return
        key = self.cache_key(scope)
        cached = await self.redis.get(key)
        if cached is not None:
            entry = _decode(cached)
            headers = [*entry.headers, (b"x-cache", b"HIT")]
            await send({"type": "http.response.start", "status": entry.status, "headers": headers})
            await send({"type": "http.response.body", "body": entry.body})
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0
        storable = True

        async def send_and_copy(message: Message) -> None:
            nonlocal size, storable
            if message["type"] == "http.response.start":
                start.update(message)
                storable = self._response_allows(message)
                message = {**message, "headers": [*message.get("headers", ()), (b"x-cache", b"MISS")]}
            elif message["type"] == "http.response.body" and storable:
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_body_bytes:
                    storable, chunks[:] = False, []
                else:
                    chunks.append(body)
            await send(message)
            if storable and message["type"] == "http.response.body" and not message.get("more_body", False):
                entry = _Entry(start["status"], [tuple(h) for h in start.get("headers", ())], b"".join(chunks))
                await self.redis.set(key, _encode(entry), ex=self.ttl)

        await self.app(scope, receive, send_and_copy)

    @staticmethod
    def _request_forbids(scope: Scope) -> bool:
        control = (get_header(scope, "cache-control") or "").lower()
        return "no-store" in control or "no-cache" in control

    def _response_allows(self, message: Message) -> bool:
        if message["status"] not in self.cacheable_statuses:
            return False
        for name, value in message.get("headers", ()):
            name = name.lower()
            if name == b"set-cookie":
                return False
            if name == b"cache-control" and any(d in value.lower() for d in (b"private", b"no-store", b"no-cache")):
                return False
            if name == b"vary":
                varied = {v.strip().lower().decode("latin-1") for v in value.split(b",")}
                if "*" in varied or not varied <= set(self.vary_headers):
                    return False
        return True
