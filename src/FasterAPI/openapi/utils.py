"""``fastapi.openapi.utils`` equivalent."""

from fasterapi_core.openapi.utils import get_openapi as get_openapi

__all__ = ["get_openapi"]
