"""FastAPI's ``fastapi.openapi.utils.get_openapi``."""

from .generator import get_openapi

__all__ = ["get_openapi"]
