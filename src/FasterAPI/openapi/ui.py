"""``faster-api-web``'s ``FasterAPI.openapi.ui``: docs pages as HTML strings or responses."""

from fasterapi_core.openapi.ui import (
    get_redoc_html as get_redoc_html,
    get_swagger_ui_html as get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html as get_swagger_ui_oauth2_redirect_html,
    redoc_html as redoc_html,
    swagger_ui_html as swagger_ui_html,
    swagger_ui_oauth2_redirect_html as swagger_ui_oauth2_redirect_html,
)

__all__ = [
    "get_redoc_html",
    "get_swagger_ui_html",
    "get_swagger_ui_oauth2_redirect_html",
    "redoc_html",
    "swagger_ui_html",
    "swagger_ui_oauth2_redirect_html",
]
