"""``fastapi.middleware.gzip`` equivalent."""

from fasterapi_core.middleware.gzip import GZipMiddleware as GZipMiddleware

__all__ = ["GZipMiddleware"]
