"""OpenAPI 3.1 for FasterAPI apps: the document (``generator``), the docs pages (``ui``) and their routes.

The generator is imported on first use (``import fasterapi_core`` does not need it; an app needs it
when its document is first asked for).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .ui import get_redoc_html, get_swagger_ui_html, redoc_html, swagger_ui_html

if TYPE_CHECKING:
    from .generator import app_openapi, generate_openapi, get_openapi

__all__ = [
    "app_openapi",
    "generate_openapi",
    "get_openapi",
    "get_redoc_html",
    "get_swagger_ui_html",
    "redoc_html",
    "swagger_ui_html",
]

_FROM_GENERATOR = frozenset({"app_openapi", "generate_openapi", "get_openapi"})


def __getattr__(name: str) -> Any:
    if name in _FROM_GENERATOR:
        value = getattr(importlib.import_module(".generator", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
