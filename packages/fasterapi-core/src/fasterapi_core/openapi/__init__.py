"""OpenAPI 3.1 for FasterAPI apps: the document (``generator``), the docs pages (``ui``) and their routes."""

from .generator import app_openapi, generate_openapi, get_openapi
from .ui import get_redoc_html, get_swagger_ui_html, redoc_html, swagger_ui_html

__all__ = [
    "app_openapi",
    "generate_openapi",
    "get_openapi",
    "get_redoc_html",
    "get_swagger_ui_html",
    "redoc_html",
    "swagger_ui_html",
]
