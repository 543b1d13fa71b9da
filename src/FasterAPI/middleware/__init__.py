"""``fastapi.middleware`` equivalent: the middleware record and the bundled middleware classes."""

from fasterapi_core.middleware import (
    BaseHTTPMiddleware as BaseHTTPMiddleware,
    CORSMiddleware as CORSMiddleware,
    GZipMiddleware as GZipMiddleware,
    HTTPSRedirectMiddleware as HTTPSRedirectMiddleware,
    Middleware as Middleware,
    TrustedHostMiddleware as TrustedHostMiddleware,
)
from fasterapi_extras.production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)
from fasterapi_extras.redis_cache import RedisCacheMiddleware as RedisCacheMiddleware

__all__ = [
    "BaseHTTPMiddleware",
    "CORSMiddleware",
    "DatabasePoolMiddleware",
    "GZipMiddleware",
    "HTTPSRedirectMiddleware",
    "Middleware",
    "RateLimitMiddleware",
    "RedisCacheMiddleware",
    "RequestIDMiddleware",
    "TrustedHostMiddleware",
]
