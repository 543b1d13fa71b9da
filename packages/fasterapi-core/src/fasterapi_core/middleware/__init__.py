"""Middleware: the ``Middleware`` record and the built-in ASGI middleware classes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import BaseHTTPMiddleware
from .cors import CORSMiddleware
from .gzip import GZipMiddleware
from .httpsredirect import HTTPSRedirectMiddleware
from .trustedhost import TrustedHostMiddleware

__all__ = [
    "BaseHTTPMiddleware",
    "CORSMiddleware",
    "GZipMiddleware",
    "HTTPSRedirectMiddleware",
    "Middleware",
    "TrustedHostMiddleware",
]


class Middleware:
    """A middleware class and the arguments to build it with (``Faster(middleware=[...])``, ``add_middleware``);
    applied when the stack is built."""

    def __init__(self, cls: Any, *args: Any, **kwargs: Any) -> None:
        self.cls = cls
        self.args = args
        self.kwargs = kwargs

    def __iter__(self) -> Iterator[Any]:
        return iter((self.cls, self.args, self.kwargs))

    def __repr__(self) -> str:
        return f"Middleware({getattr(self.cls, '__name__', self.cls)!r})"
