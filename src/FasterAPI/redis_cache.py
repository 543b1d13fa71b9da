"""``faster-api-web``'s response cache middleware (its key includes the request headers a response varies on)."""

from fasterapi_extras.redis_cache import RedisCacheMiddleware as RedisCacheMiddleware

__all__ = ["RedisCacheMiddleware"]
