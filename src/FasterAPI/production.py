"""``faster-api-web``'s production middleware: request ids, rate limiting, a shared DB pool."""

from fasterapi_core.production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)

__all__ = ["DatabasePoolMiddleware", "RateLimitMiddleware", "RequestIDMiddleware"]
