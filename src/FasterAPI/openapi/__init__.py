"""``fastapi.openapi`` equivalent: build the OpenAPI document and the docs pages."""

from fasterapi_core.openapi import (
    generate_openapi as generate_openapi,
    get_openapi as get_openapi,
    get_redoc_html as get_redoc_html,
    get_swagger_ui_html as get_swagger_ui_html,
    redoc_html as redoc_html,
    swagger_ui_html as swagger_ui_html,
)

__all__ = ["generate_openapi", "get_openapi", "get_redoc_html", "get_swagger_ui_html", "redoc_html", "swagger_ui_html"]
