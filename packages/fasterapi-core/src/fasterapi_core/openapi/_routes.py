"""The docs routes of an app: ``openapi_url``, ``docs_url`` (+ its OAuth2 redirect) and ``redoc_url``.

They are plain routes left out of the document itself, added without the app's global
dependencies (docs stay reachable), and they honour ``root_path`` so they work behind a proxy
or inside a mount.
"""

from __future__ import annotations

from typing import Any

from ..requests import Request
from ..responses import HTMLResponse, JSONResponse, Response
from ._app import DocumentedApp
from .ui import redoc_html, swagger_ui_html, swagger_ui_oauth2_redirect_html

__all__ = ["install_docs_routes"]


def _setting(app: DocumentedApp, name: str, default: Any = None) -> Any:
    extra = getattr(app, "extra", None) or {}
    return getattr(app, name, extra.get(name, default))


def _root_path(app: DocumentedApp, request: Request) -> str:
    root: str = request.scope.get("root_path") or getattr(app, "root_path", "") or ""
    return root.rstrip("/")


def install_docs_routes(app: DocumentedApp) -> None:
    """Register the routes for the URLs that are set (call once, from ``Faster.__init__``).

    ``None`` or an empty string turns one off, as in FastAPI (an empty ``OPENAPI_URL`` setting hides the docs).
    """
    if not app.openapi_url:
        return
    router = app.router
    options = {"include_in_schema": False}

    async def openapi_document(request: Request) -> Response:
        document: dict[str, Any] = app.openapi()
        root_path = _root_path(app, request)
        if root_path and _setting(app, "root_path_in_servers", True):
            servers = list(document.get("servers") or [])
            if not any(server.get("url") == root_path for server in servers):
                document = {**document, "servers": [{"url": root_path}, *servers]}
        return JSONResponse(document)

    router.add_route(app.openapi_url, openapi_document, methods=["GET"], name="openapi", options=options)

    if app.docs_url:
        redirect_url: str | None = _setting(app, "swagger_ui_oauth2_redirect_url", "/docs/oauth2-redirect")

        async def swagger_ui(request: Request) -> Response:
            root_path = _root_path(app, request)
            return HTMLResponse(
                swagger_ui_html(
                    root_path + (app.openapi_url or ""),
                    f"{app.title} - Swagger UI",
                    oauth2_redirect_url=root_path + redirect_url if redirect_url else None,
                    init_oauth=_setting(app, "swagger_ui_init_oauth"),
                    swagger_ui_parameters=_setting(app, "swagger_ui_parameters"),
                )
            )

        router.add_route(app.docs_url, swagger_ui, methods=["GET"], name="swagger_ui_html", options=options)
        if redirect_url:

            async def swagger_ui_redirect() -> Response:
                return HTMLResponse(swagger_ui_oauth2_redirect_html())

            router.add_route(
                redirect_url,
                swagger_ui_redirect,
                methods=["GET"],
                name="swagger_ui_redirect",
                options=options,
            )

    if app.redoc_url:

        async def redoc(request: Request) -> Response:
            return HTMLResponse(redoc_html(_root_path(app, request) + (app.openapi_url or ""), f"{app.title} - ReDoc"))

        router.add_route(app.redoc_url, redoc, methods=["GET"], name="redoc_html", options=options)
