"""``faster-api-web``'s structured logging setup (needs structlog)."""

from fasterapi_extras.log_config import configure_structlog as configure_structlog

__all__ = ["configure_structlog"]
