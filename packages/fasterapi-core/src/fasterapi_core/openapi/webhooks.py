"""``app.webhooks``: operations an app documents for other services to implement; never served.

FastAPI's OpenAPI webhooks: ``@app.webhooks.post("new-subscription")`` describes the request the app
will send; the operation appears under ``webhooks`` in the OpenAPI document, not under ``paths``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..dependencies import remember_local_namespace
from ..routing import OPENAPI_PATH_OPTION, APIRoute

__all__ = ["Webhooks"]

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class Webhooks:
    """Collects webhook operations planned like routes (parameters, body, responses) for the document."""

    __slots__ = ("routes",)

    def __init__(self) -> None:
        self.routes: list[APIRoute] = []

    def add_api_route(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        methods: Sequence[str] | None = None,
        name: str | None = None,
        **options: Any,
    ) -> APIRoute:
        """Plan ``endpoint`` as the webhook ``path`` (a name such as ``new-subscription``)."""
        options[OPENAPI_PATH_OPTION] = path  # the document's key; it needs no leading '/'
        route = APIRoute(
            "/" + path.lstrip("/"), endpoint, methods=list(methods or ["POST"]), name=name, options=options
        )
        self.routes.append(route)
        return route

    def api_route(self, path: str, *, methods: Sequence[str] | None = None, **options: Any) -> Decorator:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            remember_local_namespace(func, sys._getframe(1).f_locals)
            self.add_api_route(path, func, methods=methods, **options)
            return func

        return decorator

    def _method(self, method: str, path: str, options: dict[str, Any]) -> Decorator:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            remember_local_namespace(func, sys._getframe(1).f_locals)
            self.add_api_route(path, func, methods=[method], **options)
            return func

        return decorator

    def get(self, path: str, **options: Any) -> Decorator:
        return self._method("GET", path, options)

    def post(self, path: str, **options: Any) -> Decorator:
        return self._method("POST", path, options)

    def put(self, path: str, **options: Any) -> Decorator:
        return self._method("PUT", path, options)

    def patch(self, path: str, **options: Any) -> Decorator:
        return self._method("PATCH", path, options)

    def delete(self, path: str, **options: Any) -> Decorator:
        return self._method("DELETE", path, options)
