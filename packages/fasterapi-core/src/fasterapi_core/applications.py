"""``Faster``: the ASGI application that ties routing, handlers, middleware and lifespan together."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fasterapi_routing import MatchStatus

from .datastructures import State
from .dependencies import Dependant, get_dependant
from .exceptions import HTTPException, RequestValidationError, WebSocketException
from .lifespan import run_lifespan
from .middleware_base import Middleware
from .params import Depends
from .responses import JSONResponse, Response
from .routing import APIRoute, FasterRouter

__all__ = ["DependencyOverrides", "Faster"]

logger = logging.getLogger("fasterapi.error")

_NOT_FOUND_BODY = b'{"detail":"Not Found"}'
_NOT_ALLOWED_BODY = b'{"detail":"Method Not Allowed"}'


class DependencyOverrides(dict[Callable[..., Any], Callable[..., Any]]):
    """``app.dependency_overrides``: a plain dict (FastAPI style) with a scoped ``override`` helper."""

    @contextlib.contextmanager
    def override(self, dependency: Callable[..., Any], replacement: Callable[..., Any]) -> Iterator[None]:
        """Replace ``dependency`` inside the ``with`` block, restoring what was there before."""
        sentinel = object()
        previous = self.get(dependency, sentinel)
        self[dependency] = replacement
        try:
            yield
        finally:
            if previous is sentinel:
                self.pop(dependency, None)
            else:
                self[dependency] = previous  # type: ignore[assignment]


class Faster:
    """The application. Decorate handlers with ``@app.get(...)`` and serve it with any ASGI server."""

    def __init__(
        self,
        *,
        debug: bool = False,
        title: str = "FasterAPI",
        version: str | None = None,
        summary: str | None = None,
        description: str = "",
        openapi_url: str | None = "/openapi.json",
        docs_url: str | None = "/docs",
        redoc_url: str | None = "/redoc",
        openapi_tags: list[dict[str, Any]] | None = None,
        terms_of_service: str | None = None,
        contact: dict[str, Any] | None = None,
        license_info: dict[str, Any] | None = None,
        servers: list[dict[str, Any]] | None = None,
        lifespan: Callable[..., Any] | None = None,
        on_startup: Sequence[Callable[[], Any]] | None = None,
        on_shutdown: Sequence[Callable[[], Any]] | None = None,
        middleware: Sequence[Middleware] | None = None,
        exception_handlers: dict[Any, Callable[..., Any]] | None = None,
        dependencies: Sequence[Depends] | None = None,
        default_response_class: type[Response] | None = None,
        redirect_slashes: bool = True,
        root_path: str = "",
        max_body_size: int | None = None,
        stream_request_body: bool = False,
        stream_multipart: bool = False,
        **extra: Any,
    ) -> None:
        self.debug = debug
        self.title = title
        self.version = version if version is not None else "0.1.0"
        self.summary = summary
        self.description = description
        self.openapi_url = openapi_url
        self.docs_url = docs_url
        self.redoc_url = redoc_url
        self.openapi_tags = openapi_tags
        self.terms_of_service = terms_of_service
        self.contact = contact
        self.license_info = license_info
        self.servers = servers or []
        self.root_path = root_path
        self.max_body_size = max_body_size
        self.stream_request_body = stream_request_body
        self.stream_multipart = stream_multipart
        self.extra = extra
        self.state = State()
        self.dependency_overrides: DependencyOverrides = DependencyOverrides()
        self.router = FasterRouter(
            dependencies=dependencies,
            default_response_class=default_response_class,
            redirect_slashes=redirect_slashes,
        )
        self.lifespan_context = lifespan
        self.on_startup_hooks: list[Callable[[], Any]] = list(on_startup or [])
        self.on_shutdown_hooks: list[Callable[[], Any]] = list(on_shutdown or [])
        self.user_middleware: list[Middleware] = list(middleware or [])
        self.exception_handlers: dict[Any, Callable[..., Any]] = dict(exception_handlers or {})
        self._middleware_stack: Callable[..., Any] | None = None
        self._override_plans: dict[Any, Dependant] = {}

    # -- routes --------------------------------------------------------------------------------

    @property
    def routes(self) -> list[Any]:
        return self.router.routes

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> APIRoute:
        return self.router.add_api_route(path, endpoint, **options)

    def api_route(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.api_route(path, **options)

    def get(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.get(path, **options)

    def post(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.post(path, **options)

    def put(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.put(path, **options)

    def patch(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.patch(path, **options)

    def delete(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.delete(path, **options)

    def head(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.head(path, **options)

    def options(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.options(path, **options)

    def trace(self, path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.trace(path, **options)

    def websocket(
        self, path: str, name: str | None = None, **options: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.router.websocket(path, name=name, **options)

    def add_websocket_route(
        self, path: str, endpoint: Callable[..., Any], name: str | None = None, **options: Any
    ) -> APIRoute:
        return self.router.add_websocket_route(path, endpoint, name=name, **options)

    def include_router(self, router: FasterRouter, **options: Any) -> None:
        """Serve ``router``'s routes (``prefix=``, ``tags=``, ``dependencies=`` as in FastAPI)."""
        self.router.include_router(router, **options)

    def mount(self, path: str, app: Any, name: str | None = None) -> None:
        """Hand every request under ``path`` (HTTP, WebSocket) to another ASGI ``app``."""
        self.router.mount(path, app, name=name)

    def url_path_for(self, name: str, /, **path_params: Any) -> str:
        return self.router.url_path_for(name, **path_params)

    # -- lifespan ------------------------------------------------------------------------------

    def on_startup(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """Run ``func`` when the server starts (usable as a bare decorator)."""
        self.on_startup_hooks.append(func)
        return func

    def on_shutdown(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """Run ``func`` when the server stops (usable as a bare decorator)."""
        self.on_shutdown_hooks.append(func)
        return func

    def on_event(self, event_type: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
        """FastAPI's ``@app.on_event("startup")``."""
        if event_type == "startup":
            return self.on_startup
        if event_type == "shutdown":
            return self.on_shutdown
        raise ValueError(f"unknown event {event_type!r}: use 'startup' or 'shutdown'")

    def add_event_handler(self, event_type: str, func: Callable[[], Any]) -> None:
        self.on_event(event_type)(func)

    # -- errors and middleware -----------------------------------------------------------------

    def add_exception_handler(self, key: type[BaseException] | int, handler: Callable[..., Any]) -> None:
        self.exception_handlers[key] = handler

    def exception_handler(self, key: type[BaseException] | int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_exception_handler(key, func)
            return func

        return decorator

    def add_middleware(self, middleware_class: Any, *args: Any, **options: Any) -> None:
        """Wrap the app in ``middleware_class``; the last one added is the outermost."""
        self.user_middleware.insert(0, Middleware(middleware_class, *args, **options))
        self._middleware_stack = None

    def build_middleware_stack(self) -> Callable[..., Any]:
        app: Callable[..., Any] = self._dispatch
        for middleware in reversed(self.user_middleware):
            app = middleware.cls(app, *middleware.args, **middleware.kwargs)
        return app

    # -- dependency overrides ------------------------------------------------------------------

    def _override_dependant(self, replacement: Callable[..., Any], original: Dependant) -> Dependant:
        """The plan for an override callable, built on first use and kept."""
        plan = self._override_plans.get(replacement)
        if plan is None:
            plan = get_dependant(replacement, security_scopes=original.security_scopes)
            self._override_plans[replacement] = plan
        return plan

    # -- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["app"] = self
        stack = self._middleware_stack
        if stack is None:
            stack = self._middleware_stack = self.build_middleware_stack()
        await stack(scope, receive, send)

    async def _dispatch(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._dispatch_http(scope, receive, send)
        elif kind == "websocket":
            await self._dispatch_websocket(scope, receive, send)
        elif kind == "lifespan":
            await run_lifespan(self, scope, receive, send)

    def _route_path(self, scope: dict[str, Any]) -> str:
        path: str = scope["path"]
        root_path: str = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            return path[len(root_path) :] or "/"
        return path

    async def _dispatch_http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        match = self.router.match(scope["method"], self._route_path(scope))
        status = match.status
        try:
            if status is MatchStatus.FULL:
                route = match.route
                scope["path_params"] = match.params
                scope["route"] = route
                await route.handle(scope, receive, send, match.params)  # type: ignore[union-attr]
            elif status is MatchStatus.MOUNT:
                await self._call_mount(match, scope, receive, send)
            elif status is MatchStatus.METHOD_NOT_ALLOWED:
                allow = ", ".join(sorted(match.allowed_methods)).encode("latin-1")
                raise HTTPException(405, "Method Not Allowed", headers={"Allow": allow.decode("latin-1")})
            elif status is MatchStatus.REDIRECT_SLASH:
                await self._redirect_slash(match.redirect_path or "/", scope, receive, send)
            else:
                raise HTTPException(404, "Not Found")
        except Exception as exc:
            await self._handle_exception(exc, scope, receive, send)

    async def _redirect_slash(self, path: str, scope: dict[str, Any], receive: Any, send: Any) -> None:
        from .datastructures import URL
        from .responses import RedirectResponse

        url = URL(scope=scope)
        root_path = scope.get("root_path", "")
        target = url.replace(path=root_path + path)
        await RedirectResponse(str(target))(scope, receive, send)

    async def _call_mount(self, match: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
        child = dict(scope)
        child["root_path"] = scope.get("root_path", "") + match.mount_prefix
        child["path"] = child["root_path"] + match.remaining_path
        await match.mount.app(child, receive, send)

    async def _dispatch_websocket(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        match = self.router.match("WEBSOCKET", self._route_path(scope))
        if match.status is MatchStatus.FULL:
            scope["path_params"] = match.params
            scope["route"] = match.route
            await match.route.handle(scope, receive, send, match.params)  # type: ignore[union-attr]
        elif match.status is MatchStatus.MOUNT:
            await self._call_mount(match, scope, receive, send)
        else:
            # No websocket route here: refuse the handshake (the server answers 403).
            await send({"type": "websocket.close", "code": 1000, "reason": ""})

    async def _handle_exception(self, exc: Exception, scope: dict[str, Any], receive: Any, send: Any) -> None:
        handler = self._lookup_handler(exc)
        if handler is not None:
            from .concurrency import run_handler

            response = await run_handler(handler, scope, receive, exc)
            if response is not None:
                await response(scope, receive, send)
                return
        if isinstance(exc, HTTPException):
            await http_exception_response(exc)(scope, receive, send)
            return
        if isinstance(exc, RequestValidationError):
            await JSONResponse({"detail": exc.errors()}, status_code=422)(scope, receive, send)
            return
        if isinstance(exc, WebSocketException):
            raise exc
        logger.error("Exception in ASGI application", exc_info=exc)
        if not getattr(exc, "_fasterapi_response_started", False):
            await JSONResponse({"detail": "Internal Server Error"}, status_code=500)(scope, receive, send)
        raise exc

    def _lookup_handler(self, exc: Exception) -> Callable[..., Any] | None:
        handlers = self.exception_handlers
        if not handlers:
            return None
        if isinstance(exc, HTTPException) and exc.status_code in handlers:
            return handlers[exc.status_code]
        for cls in type(exc).__mro__:
            if cls in handlers:
                return handlers[cls]
        if not isinstance(exc, HTTPException) and 500 in handlers:
            return handlers[500]
        return None


def http_exception_response(exc: HTTPException) -> Response:
    """FastAPI's default answer to an ``HTTPException``: ``{"detail": ...}`` plus its headers."""
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
