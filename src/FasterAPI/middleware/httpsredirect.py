"""``fastapi.middleware.httpsredirect`` equivalent."""

from fasterapi_core.middleware.httpsredirect import HTTPSRedirectMiddleware as HTTPSRedirectMiddleware

__all__ = ["HTTPSRedirectMiddleware"]
