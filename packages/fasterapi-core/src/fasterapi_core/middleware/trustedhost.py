"""``TrustedHostMiddleware``: refuse requests whose ``Host`` is not one of ours (HTTP and websockets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..datastructures import URL
from ..types import Receive, Scope, Send
from ._denial import refuse

__all__ = ["TrustedHostMiddleware"]


def _host_of(scope: Scope) -> str:
    for key, value in scope.get("headers", ()):
        if key == b"host":
            host: str = value.decode("latin-1")
            break
    else:
        return ""
    if host.startswith("["):  # IPv6 literal, maybe with a port
        end = host.find("]")
        return host[: end + 1] if end != -1 else host
    return host.rsplit(":", 1)[0] if ":" in host else host


class TrustedHostMiddleware:
    """Only serve hosts in ``allowed_hosts`` (``"*.example.com"`` allows its subdomains; ``"*"`` all).

    With ``www_redirect`` (default), a request for ``example.com`` when only ``www.example.com`` is
    allowed is redirected there.
    """

    def __init__(
        self,
        app: Callable[..., Any],
        allowed_hosts: Sequence[str] | None = None,
        www_redirect: bool = True,
    ) -> None:
        hosts = list(allowed_hosts) if allowed_hosts is not None else ["*"]
        for pattern in hosts:
            if "*" in pattern[1:]:
                raise ValueError(f"{pattern!r}: a wildcard is only allowed as the first character ('*.example.com')")
        self.app = app
        self.allow_any = "*" in hosts
        self.exact = frozenset(h.lower() for h in hosts if not h.startswith("*"))
        self.suffixes = tuple(h[1:].lower() for h in hosts if h.startswith("*.") and h != "*")
        self.www_redirect = www_redirect

    def is_allowed(self, host: str) -> bool:
        host = host.lower()
        return host in self.exact or (bool(self.suffixes) and host.endswith(self.suffixes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = _host_of(scope)
        if self.is_allowed(host):
            await self.app(scope, receive, send)
            return
        if self.www_redirect and scope["type"] == "http" and host and "www." + host.lower() in self.exact:
            await self._redirect_to_www(scope, send)
            return
        await refuse(scope, send, 400, b"Invalid host header")

    async def _redirect_to_www(self, scope: Scope, send: Send) -> None:
        url = URL(scope=scope)
        netloc = "www." + url.netloc
        location = str(url.replace(netloc=netloc)).encode("latin-1")
        await send(
            {
                "type": "http.response.start",
                "status": 301,
                "headers": [(b"location", location), (b"content-length", b"0")],
            }
        )
        await send({"type": "http.response.body", "body": b""})
