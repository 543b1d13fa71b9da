"""``faster-api-web``'s production middleware: request ids, rate limiting (in memory or Redis), a shared DB pool."""

from fasterapi_extras.production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)
from fasterapi_extras.rate_limit_stores import (
    MemoryRateLimitStore as MemoryRateLimitStore,
    RateLimitStore as RateLimitStore,
    RedisRateLimitStore as RedisRateLimitStore,
)

__all__ = [
    "DatabasePoolMiddleware",
    "MemoryRateLimitStore",
    "RateLimitMiddleware",
    "RateLimitStore",
    "RedisRateLimitStore",
    "RequestIDMiddleware",
]
