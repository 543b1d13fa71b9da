"""Middleware: the ``Middleware`` record and the built-in ASGI middleware classes."""

from ..middleware_base import Middleware
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
