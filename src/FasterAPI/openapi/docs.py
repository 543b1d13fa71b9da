"""``fastapi.openapi.docs`` equivalent: HTML for Swagger UI and ReDoc."""

from fasterapi_core.openapi.docs import (
    get_redoc_html as get_redoc_html,
    get_swagger_ui_html as get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html as get_swagger_ui_oauth2_redirect_html,
)

__all__ = ["get_redoc_html", "get_swagger_ui_html", "get_swagger_ui_oauth2_redirect_html"]
