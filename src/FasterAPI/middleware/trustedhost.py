"""``fastapi.middleware.trustedhost`` equivalent."""

from fasterapi_core.middleware.trustedhost import TrustedHostMiddleware as TrustedHostMiddleware

__all__ = ["TrustedHostMiddleware"]
