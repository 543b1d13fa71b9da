"""``CORSMiddleware``: answer preflights and add CORS headers to cross-origin responses.

Defaults are closed (no origin allowed), as in Starlette. With ``allow_credentials=True`` a
wildcard is never sent back: the request's origin is echoed instead (browsers reject ``*`` there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ..types import Message, Receive, Scope, Send

__all__ = ["CORSMiddleware"]

ALL_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
SAFELISTED_HEADERS = frozenset({"accept", "accept-language", "content-language", "content-type"})


class CORSMiddleware:
    """Cross-Origin Resource Sharing for HTTP requests (websockets pass through untouched)."""

    def __init__(
        self,
        app: Callable[..., Any],
        allow_origins: Sequence[str] = (),
        allow_methods: Sequence[str] = ("GET",),
        allow_headers: Sequence[str] = (),
        allow_credentials: bool = False,
        allow_origin_regex: str | None = None,
        expose_headers: Sequence[str] = (),
        max_age: int = 600,
    ) -> None:
        self.app = app
        self.allow_all_origins = "*" in allow_origins
        self.allow_origins = frozenset(o for o in allow_origins if o != "*")
        self.allow_origin_regex = re.compile(allow_origin_regex) if allow_origin_regex is not None else None
        self.allow_all_methods = "*" in allow_methods
        self.allow_methods = frozenset(m.upper() for m in allow_methods if m != "*")
        self.allow_all_headers = "*" in allow_headers
        self.allow_headers = frozenset(h.lower() for h in allow_headers if h != "*") | SAFELISTED_HEADERS
        self.allow_credentials = allow_credentials
        # Echo the origin whenever the answer depends on it (credentials, or a restricted list).
        self.echo_origin = allow_credentials or not self.allow_all_origins

        simple: list[tuple[bytes, bytes]] = []
        if allow_credentials:
            simple.append((b"access-control-allow-credentials", b"true"))
        if expose_headers:
            simple.append((b"access-control-expose-headers", ", ".join(expose_headers).encode("latin-1")))
        self.simple_headers = simple

        methods = ALL_METHODS if self.allow_all_methods else sorted(self.allow_methods)
        preflight: list[tuple[bytes, bytes]] = [
            (b"access-control-allow-methods", ", ".join(methods).encode("latin-1")),
            (b"access-control-max-age", str(max_age).encode("latin-1")),
        ]
        if not self.allow_all_headers:
            preflight.append((b"access-control-allow-headers", ", ".join(sorted(self.allow_headers)).encode("latin-1")))
        if allow_credentials:
            preflight.append((b"access-control-allow-credentials", b"true"))
        self.preflight_headers = preflight

    def is_allowed_origin(self, origin: str) -> bool:
        if self.allow_all_origins:
            return True
        if origin in self.allow_origins:
            return True
        return self.allow_origin_regex is not None and self.allow_origin_regex.fullmatch(origin) is not None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = request_method = request_headers = None
        for key, value in scope.get("headers", ()):
            if key == b"origin":
                origin = value.decode("latin-1")
            elif key == b"access-control-request-method":
                request_method = value.decode("latin-1")
            elif key == b"access-control-request-headers":
                request_headers = value.decode("latin-1")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and request_method is not None:
            await self.preflight(origin, request_method, request_headers, send)
            return
        if not self.is_allowed_origin(origin):
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._simple_send(origin, scope, send))

    async def preflight(self, origin: str, method: str, headers: str | None, send: Send) -> None:
        failures = []
        raw = list(self.preflight_headers)
        if self.is_allowed_origin(origin):
            allow_origin = origin if self.echo_origin else "*"
            raw.append((b"access-control-allow-origin", allow_origin.encode("latin-1")))
        else:
            failures.append("origin")
        if self.echo_origin:
            raw.append((b"vary", b"Origin"))
        if not (self.allow_all_methods or method.upper() in self.allow_methods):
            failures.append("method")
        if headers:
            if self.allow_all_headers:
                raw.append((b"access-control-allow-headers", headers.encode("latin-1")))
            else:
                for name in headers.split(","):
                    if name.strip().lower() and name.strip().lower() not in self.allow_headers:
                        failures.append("headers")
                        break
        if failures:
            body = ("Disallowed CORS " + ", ".join(failures)).encode()
            status = 400
            raw = [(k, v) for k, v in raw if k != b"access-control-allow-origin"]
            raw.append((b"content-type", b"text/plain; charset=utf-8"))
        else:
            body = b"OK"
            status = 200
            raw.append((b"content-type", b"text/plain; charset=utf-8"))
        raw.append((b"content-length", str(len(body)).encode("latin-1")))
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    def _simple_send(self, origin: str, scope: Scope, send: Send) -> Any:
        async def cors_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", ())
                    if k.lower() not in (b"access-control-allow-origin", b"access-control-allow-credentials")
                ]
                has_cookie = any(k == b"cookie" for k, _ in scope.get("headers", ()))
                if self.echo_origin or has_cookie:
                    headers.append((b"access-control-allow-origin", origin.encode("latin-1")))
                    _add_vary_origin(headers)
                else:
                    headers.append((b"access-control-allow-origin", b"*"))
                headers.extend(self.simple_headers)
                message = {**message, "headers": headers}
            await send(message)

        return cors_send


def _add_vary_origin(headers: list[tuple[bytes, bytes]]) -> None:
    for index, (key, value) in enumerate(headers):
        if key.lower() == b"vary":
            if b"origin" not in value.lower():
                headers[index] = (key, value + b", Origin")
            return
    headers.append((b"vary", b"Origin"))
