"""``fastapi.middleware`` equivalent: the middleware record and the bundled middleware classes."""

from fasterapi_core.middleware_base import Middleware as Middleware
from fasterapi_core.production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)

__all__ = ["DatabasePoolMiddleware", "Middleware", "RateLimitMiddleware", "RequestIDMiddleware"]
