"""FastAPI's ``fastapi.openapi.docs`` names (the pages live in ``ui``)."""

from .ui import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html

__all__ = ["get_redoc_html", "get_swagger_ui_html", "get_swagger_ui_oauth2_redirect_html"]
