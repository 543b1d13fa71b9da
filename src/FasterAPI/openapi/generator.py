"""``faster-api-web``'s ``FasterAPI.openapi.generator``."""

from fasterapi_core.openapi.generator import generate_openapi as generate_openapi, get_openapi as get_openapi

__all__ = ["generate_openapi", "get_openapi"]
