"""``Faster``: the ASGI application that ties routing, handlers, middleware and lifespan together."""

from __future__ import annotations

import contextlib
import enum
import html
import logging
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from fasterapi_routing import MatchStatus, NoMatchFound, Route

from ._encoding import JSON_CONTENT_TYPE
from ._form_limits import FormLimits, check_form_limits
from ._limits import DEFAULT_MAX_BODY_SIZE, limit_request_body
from ._response import RESPONSE_STARTED, mark_response_started
from ._type_support import display_name
from .datastructures import URL, State
from .dependencies import Dependant, get_dependant
from .exception_handlers import http_exception_response, lookup_handler, run_handler, validation_error_response
from .exceptions import FastAPIDeprecationWarning, HTTPException, RequestValidationError, WebSocketException
from .lifespan import run_lifespan
from .middleware import Middleware
from .middleware.base import BaseHTTPMiddleware
from .openapi._routes import install_docs_routes
from .openapi.webhooks import Webhooks
from .params import Depends
from .requests import ClientDisconnect, Request
from .responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from .routing import DEFAULT, ON_EVENT_DEPRECATED, APIRoute, DecoratedCallable, FasterRouter, IncEx, route_options
from .types import Message, Receive, Scope, Send

__all__ = ["DependencyOverrides", "FastAPI", "Faster", "ServerErrorMiddleware", "http_exception_response"]

logger = logging.getLogger("fasterapi.error")

#: The default 404 (the same bytes and headers ``HTTPException(404)`` gives), sent directly when no
#: exception handler could want to answer it instead.
_NOT_FOUND_BODY = b'{"detail":"Not Found"}'
_NOT_FOUND_LENGTH = (b"content-length", str(len(_NOT_FOUND_BODY)).encode("latin-1"))


#: The classes ``lookup_handler`` consults for an ``HTTPException`` (its MRO up to ``Exception``).
_HTTP_EXCEPTION_KEYS = HTTPException.__mro__[: HTTPException.__mro__.index(Exception)]


def _takes_404(handlers: dict[Any, Any]) -> bool:
    """True when a user exception handler would answer ``HTTPException(404)`` (read per request: the
    dict may change at any time)."""
    return bool(handlers) and (404 in handlers or any(key in handlers for key in _HTTP_EXCEPTION_KEYS))


def _not_found_headers() -> list[tuple[bytes, bytes]]:
    """A fresh header list (middleware may edit it) of shared, immutable lines."""
    return [_NOT_FOUND_LENGTH, JSON_CONTENT_TYPE]


_NOT_ALLOWED_BODY = b'{"detail":"Method Not Allowed"}'
_NOT_ALLOWED_LENGTH = (b"content-length", str(len(_NOT_ALLOWED_BODY)).encode("latin-1"))
#: The ``Allow`` line of each set of methods a 405 has named (as few as there are distinct paths).
_ALLOW_LINES: dict[frozenset[str], tuple[bytes, bytes]] = {}


def _takes_405(handlers: dict[Any, Any]) -> bool:
    """True when a user exception handler would answer ``HTTPException(405)`` (read per request)."""
    return bool(handlers) and (405 in handlers or any(key in handlers for key in _HTTP_EXCEPTION_KEYS))


def _not_allowed_headers(allowed: frozenset[str]) -> list[tuple[bytes, bytes]]:
    """The default 405's headers, as ``HTTPException(405, headers={"Allow": ...})`` would send them."""
    line = _ALLOW_LINES.get(allowed)
    if line is None:
        line = _ALLOW_LINES[allowed] = (b"allow", ", ".join(sorted(allowed)).encode("latin-1"))
    return [line, _NOT_ALLOWED_LENGTH, JSON_CONTENT_TYPE]


# Enum members read through the class cost a descriptor call each; the dispatcher compares against these.
_FULL = MatchStatus.FULL
_MOUNT = MatchStatus.MOUNT
_METHOD_NOT_ALLOWED = MatchStatus.METHOD_NOT_ALLOWED
_REDIRECT_SLASH = MatchStatus.REDIRECT_SLASH
_NOT_FOUND = MatchStatus.NOT_FOUND


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

    #: ``info.title`` of the OpenAPI document when ``title=`` is not given.
    default_title: ClassVar[str] = "FasterAPI"
    #: Warn that ``root_path=`` belongs to the server (FastAPI deprecates it there; ``Faster`` keeps it).
    warns_root_path: ClassVar[bool] = False

    def __init__(
        self,
        *,
        debug: bool = False,
        title: str | None = None,
        version: str | None = None,
        summary: str | None = None,
        description: str = "",
        openapi_url: str | None = "/openapi.json",
        docs_url: str | None = "/docs",
        redoc_url: str | None = "/redoc",
        swagger_ui_oauth2_redirect_url: str | None = "/docs/oauth2-redirect",
        swagger_ui_init_oauth: dict[str, Any] | None = None,
        swagger_ui_parameters: dict[str, Any] | None = None,
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
        max_body_size: int | None = DEFAULT_MAX_BODY_SIZE,
        form_limits: FormLimits | None = None,
        strict_content_type: bool = True,
        stream_request_body: bool = False,
        stream_multipart: bool = False,
        reraise_server_errors: bool = True,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        **extra: object,
    ) -> None:
        self.debug = debug
        self.title = title if title is not None else self.default_title
        self.version = version if version is not None else "0.1.0"
        self.summary = summary
        self.description = description
        self.openapi_url = openapi_url
        self.docs_url = docs_url
        self.redoc_url = redoc_url
        #: FastAPI's attributes: self-hosted docs pages (``docs_url=None`` + own routes) read them.
        self.swagger_ui_oauth2_redirect_url = swagger_ui_oauth2_redirect_url
        self.swagger_ui_init_oauth = swagger_ui_init_oauth
        self.swagger_ui_parameters = swagger_ui_parameters
        self.openapi_tags = openapi_tags
        self.terms_of_service = terms_of_service
        self.contact = contact
        self.license_info = license_info
        self.servers = servers or []
        if root_path and self.warns_root_path:
            warnings.warn(
                "The `root_path` parameter is deprecated. Configure the server's root path instead, for example "
                "with `fastapi run --root-path /api/v1` (FasterAPI's CLI: `fasterapi run --root-path /api/v1`).",
                FastAPIDeprecationWarning,
                stacklevel=2,
            )
        self.root_path = root_path
        self.max_body_size = max_body_size
        #: Bounds of the forms every route reads (FastAPI 0.165's option); a router's or route's keys win.
        self.form_limits = check_form_limits(form_limits)
        #: FastAPI 0.165's option: a body sent without ``Content-Type`` is not read as JSON (a 422 for a model).
        self.strict_content_type = strict_content_type
        self.stream_request_body = stream_request_body
        self.stream_multipart = stream_multipart
        self.extra = extra
        self.state = State()
        self.dependency_overrides: DependencyOverrides = DependencyOverrides()
        self.router = FasterRouter(
            dependencies=dependencies,
            default_response_class=default_response_class,
            redirect_slashes=redirect_slashes,
            generate_unique_id_function=generate_unique_id_function,
        )
        self.router.binds_path_params = True
        self.lifespan_context = lifespan
        # The app's router holds the hooks (FastAPI's ``app.router.on_startup``): included routers add theirs.
        self.on_startup_hooks: list[Callable[[], Any]] = self.router.on_startup
        self.on_startup_hooks.extend(on_startup or ())
        self.on_shutdown_hooks: list[Callable[[], Any]] = self.router.on_shutdown
        self.on_shutdown_hooks.extend(on_shutdown or ())
        self.user_middleware: list[Middleware] = list(middleware or [])
        self.exception_handlers: dict[Any, Callable[..., Any]] = dict(exception_handlers or {})
        #: Re-raise unexpected errors to the server after answering 500 (Starlette does; servers log them).
        self.reraise_server_errors = reraise_server_errors
        self._stack: Callable[..., Any] | None = None
        #: True when the built stack is just ``_dispatch``: ``__call__`` then dispatches HTTP requests itself.
        self._direct_http = False
        self._body_limits: dict[Any, int | None] = {}
        self._override_plans: dict[Any, Dependant] = {}
        self.openapi_schema: dict[str, Any] | None = None
        self._openapi_generated: tuple[tuple[object, ...], dict[str, Any]] | None = None

        #: FastAPI's ``app.webhooks``: documented under ``webhooks`` in OpenAPI, never served.
        self.webhooks = Webhooks()

        install_docs_routes(self)

    # -- routes --------------------------------------------------------------------------------

    @property
    def routes(self) -> list[Any]:
        return self.router.routes

    def add_api_route(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        methods: Sequence[str] | None = None,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> APIRoute:
        """Register ``endpoint``; the keyword options are FastAPI's, plus ``max_body_size`` (this route's limit)."""
        return self.router.add_api_route(path, endpoint, methods=methods, name=name, **route_options(locals()))

    def api_route(
        self,
        path: str,
        *,
        methods: Sequence[str] | None = None,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``methods`` at ``path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=methods, name=name, **route_options(locals()))

    def get(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``GET path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["GET"], name=name, **route_options(locals()))

    def put(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``PUT path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["PUT"], name=name, **route_options(locals()))

    def post(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``POST path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["POST"], name=name, **route_options(locals()))

    def delete(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``DELETE path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["DELETE"], name=name, **route_options(locals()))

    def options(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``OPTIONS path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["OPTIONS"], name=name, **route_options(locals()))

    def head(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``HEAD path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["HEAD"], name=name, **route_options(locals()))

    def patch(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``PATCH path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["PATCH"], name=name, **route_options(locals()))

    def trace(
        self,
        path: str,
        *,
        response_model: object = DEFAULT,
        status_code: int | None = None,
        tags: list[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        summary: str | None = None,
        description: str | None = None,
        response_description: str = "Successful Response",
        responses: dict[int | str, dict[str, Any]] | None = None,
        deprecated: bool | None = None,
        operation_id: str | None = None,
        response_model_include: IncEx | None = None,
        response_model_exclude: IncEx | None = None,
        response_model_by_alias: bool = True,
        response_model_exclude_unset: bool = False,
        response_model_exclude_defaults: bool = False,
        response_model_exclude_none: bool = False,
        include_in_schema: bool = True,
        response_class: type[Response] | None = None,
        name: str | None = None,
        callbacks: list[Any] | None = None,
        openapi_extra: dict[str, Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``TRACE path`` (the options are ``add_api_route``'s)."""
        return self.router.api_route(path, methods=["TRACE"], name=name, **route_options(locals()))

    def websocket(
        self,
        path: str,
        name: str | None = None,
        *,
        dependencies: Sequence[Depends] | None = None,
        max_message_size: int | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Register a WebSocket endpoint (served by the ``fasterapi-ws`` package)."""
        return self.router.websocket(path, name, dependencies=dependencies, max_message_size=max_message_size)

    def add_websocket_route(
        self,
        path: str,
        endpoint: Callable[..., Any],
        name: str | None = None,
        *,
        dependencies: Sequence[Depends] | None = None,
        max_message_size: int | None = None,
    ) -> Route:
        return self.router.add_websocket_route(
            path, endpoint, name, dependencies=dependencies, max_message_size=max_message_size
        )

    def include_router(
        self,
        router: FasterRouter,
        *,
        prefix: str = "",
        tags: Sequence[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        responses: dict[int | str, Any] | None = None,
        deprecated: bool | None = None,
        include_in_schema: bool = True,
        default_response_class: type[Response] | None = None,
        callbacks: list[Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
    ) -> None:
        """Serve ``router``'s routes under ``prefix``, adding ``tags``, ``dependencies``... to each (as FastAPI)."""
        self.router.include_router(
            router,
            prefix=prefix,
            tags=tags,
            dependencies=dependencies,
            responses=responses,
            deprecated=deprecated,
            include_in_schema=include_in_schema,
            default_response_class=default_response_class,
            callbacks=callbacks,
            generate_unique_id_function=generate_unique_id_function,
        )

    def mount(self, path: str, app: Any, name: str | None = None) -> None:
        """Hand every request under ``path`` (HTTP, WebSocket) to another ASGI ``app``."""
        self.router.mount(path, app, name=name)

    def url_path_for(self, name: str, /, **path_params: Any) -> str:
        """The path of route ``name``; ``"mount_name:route_name"`` reaches into mounted apps."""
        try:
            return self.router.url_path_for(name, **path_params)
        except NoMatchFound:
            for mount in self.router.mounts:
                if mount.name is None:
                    continue
                if name == mount.name and set(path_params) <= {"path"}:
                    tail = str(path_params.get("path", "")).lstrip("/")
                    return f"{mount.path}/{tail}"
                prefix = mount.name + ":"
                if name.startswith(prefix) and hasattr(mount.app, "url_path_for"):
                    try:
                        inner: str = mount.app.url_path_for(name[len(prefix) :], **path_params)
                    except Exception:  # the mounted app's own "no such route" error
                        continue
                    return mount.path + inner
            raise

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI 3.1 document, generated from the routes and cached until they change."""
        from .openapi.generator import app_openapi  # imported on first use: a fifth of ``import`` time

        return app_openapi(self)

    # -- lifespan ------------------------------------------------------------------------------

    @property
    def startup_handlers(self) -> list[Callable[[], Any]]:
        """``faster-api-web``'s name for the startup hooks (the same list)."""
        return self.on_startup_hooks

    @property
    def shutdown_handlers(self) -> list[Callable[[], Any]]:
        """``faster-api-web``'s name for the shutdown hooks (the same list)."""
        return self.on_shutdown_hooks

    def on_startup(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """Run ``func`` when the server starts (usable as a bare decorator)."""
        self.on_startup_hooks.append(func)
        return func

    def on_shutdown(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """Run ``func`` when the server stops (usable as a bare decorator)."""
        self.on_shutdown_hooks.append(func)
        return func

    def on_event(self, event_type: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
        """FastAPI's ``@app.on_event("startup")``: still works, deprecated as in FastAPI (use ``lifespan=``)."""
        warnings.warn(ON_EVENT_DEPRECATED, DeprecationWarning, stacklevel=2)
        return self._event_registrar(event_type)

    def _event_registrar(self, event_type: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
        if event_type == "startup":
            return self.on_startup
        if event_type == "shutdown":
            return self.on_shutdown
        raise ValueError(f"unknown event {event_type!r}: use 'startup' or 'shutdown'")

    def add_event_handler(self, event_type: str, func: Callable[[], Any]) -> None:
        self._event_registrar(event_type)(func)

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

    def middleware(self, middleware_type: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """``@app.middleware("http")``: ``async def f(request, call_next)`` wraps every HTTP request."""
        if middleware_type != "http":
            raise ValueError(f"unknown middleware type {middleware_type!r}: only 'http' is supported")

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_middleware(BaseHTTPMiddleware, dispatch=func)
            return func

        return decorator

    def build_middleware_stack(self) -> Callable[..., Any]:
        """The ASGI callable to run per request: user middleware around the dispatcher."""
        app: Callable[..., Any] = self._dispatch
        if not self.user_middleware:
            return app
        for middleware in reversed(self.user_middleware):
            app = middleware.cls(app, *middleware.args, **middleware.kwargs)
        return ServerErrorMiddleware(app, self)

    @property
    def _middleware_stack(self) -> Callable[..., Any] | None:
        """The built stack; ``None`` (after a change) makes the next request build it again."""
        return self._stack

    @_middleware_stack.setter
    def _middleware_stack(self, stack: Callable[..., Any] | None) -> None:
        self._stack = stack
        plain = getattr(stack, "__func__", None) is Faster._dispatch and getattr(stack, "__self__", None) is self
        # A subclass that changes the HTTP dispatch keeps it: only ours is written out in ``__call__``.
        self._direct_http = plain and type(self)._dispatch_http is Faster._dispatch_http

    # -- dependency overrides ------------------------------------------------------------------

    def _override_dependant(self, replacement: Callable[..., Any], original: Dependant) -> Dependant:
        """The plan for an override callable, built on first use and kept."""
        plan = self._override_plans.get(replacement)
        if plan is None:
            plan = get_dependant(replacement, security_scopes=original.security_scopes)
            self._override_plans[replacement] = plan
        return plan

    # -- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self
        if self.root_path:
            scope["root_path"] = self.root_path
        state = scope.get("state")
        if state and scope["type"] != "lifespan":
            # Each request gets its own shallow copy of the lifespan state, as in Starlette.
            scope["state"] = state.copy()
        if not self._direct_http or scope["type"] != "http":
            stack = self._stack
            if stack is None:
                stack = self._middleware_stack = self.build_middleware_stack()
            await stack(scope, receive, send)
            return
        # No middleware: ``_dispatch_http`` written out here, one coroutine less on every request.
        match = self.router.match(scope["method"], self._route_path(scope) if scope.get("root_path") else scope["path"])
        status = match.status
        try:
            if status is _FULL:
                route = match.route
                scope["path_params"] = match.params
                scope["route"] = route
                limit = self._body_limits.get(route, _UNPLANNED)
                if limit is not None:
                    receive = self._limited_receive(route, limit, scope, receive)
                await route.handle(scope, receive, send, match.params)  # type: ignore[union-attr]
            elif status is _NOT_FOUND and not _takes_404(self.exception_handlers):
                # Nobody to consult: the default 404, without the exception machinery.
                await send({"type": "http.response.start", "status": 404, "headers": _not_found_headers()})
                body = b"" if scope["method"] == "HEAD" else _NOT_FOUND_BODY
                await send({"type": "http.response.body", "body": body})
            else:
                await self._answer_unrouted(match, scope, receive, send)
        except Exception as exc:
            await self._handle_exception(exc, scope, receive, send)

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._dispatch_http(scope, receive, send)
        elif kind == "websocket":
            await self._dispatch_websocket(scope, receive, send)
        elif kind == "lifespan":
            await run_lifespan(self, scope, receive, send)

    def _route_path(self, scope: Scope) -> str:
        path: str = scope["path"]
        root_path: str = scope.get("root_path", "")
        if root_path and path.startswith(root_path) and (len(path) == len(root_path) or path[len(root_path)] == "/"):
            return path[len(root_path) :] or "/"
        return path

    def _limited_receive(self, route: Any, limit: Any, scope: Scope, receive: Receive) -> Any:
        """``receive`` wrapped in the route's body-size limit (planned on the route's first request)."""
        if limit is _UNPLANNED:
            limit = None
            dependant = getattr(route, "dependant", None)
            # A route that checks the limit itself as it reads the body needs no wrapper.
            if dependant is not None and not getattr(route, "limits_own_body", False) and _may_read_body(dependant):
                limit = route.options.get("max_body_size", self.max_body_size)
            self._body_limits[route] = limit
            if limit is None:
                return receive
        return limit_request_body(scope, receive, limit)

    async def _dispatch_http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The innermost HTTP app under middleware (``__call__`` does the same inline without middleware)."""
        match = self.router.match(scope["method"], self._route_path(scope) if scope.get("root_path") else scope["path"])
        try:
            if match.status is _FULL:
                route = match.route
                scope["path_params"] = match.params
                scope["route"] = route
                limit = self._body_limits.get(route, _UNPLANNED)
                if limit is not None:
                    receive = self._limited_receive(route, limit, scope, receive)
                await route.handle(scope, receive, send, match.params)  # type: ignore[union-attr]
            else:
                await self._answer_unrouted(match, scope, receive, send)
        except Exception as exc:
            await self._handle_exception(exc, scope, receive, send)

    async def _answer_unrouted(self, match: Any, scope: Scope, receive: Receive, send: Send) -> None:
        """Mounts, 405, the slash redirect and 404: every outcome of matching but a route."""
        status = match.status
        if status is _MOUNT:
            await self._call_mount(match, scope, receive, send)
        elif status is _METHOD_NOT_ALLOWED:
            if _takes_405(self.exception_handlers):
                allow = ", ".join(sorted(match.allowed_methods))
                raise HTTPException(405, "Method Not Allowed", headers={"Allow": allow})
            # Nobody to consult: the default 405's bytes, without the exception machinery.
            await send(
                {"type": "http.response.start", "status": 405, "headers": _not_allowed_headers(match.allowed_methods)}
            )
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else _NOT_ALLOWED_BODY})
        elif status is _REDIRECT_SLASH:
            await self._redirect_slash(match.redirect_path or "/", scope, receive, send)
        elif not _takes_404(self.exception_handlers):
            await send({"type": "http.response.start", "status": 404, "headers": _not_found_headers()})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else _NOT_FOUND_BODY})
        else:
            raise HTTPException(404, "Not Found")

    async def _redirect_slash(self, path: str, scope: Scope, receive: Receive, send: Send) -> None:
        url = URL(scope=scope)
        root_path = scope.get("root_path", "")
        target = url.replace(path=root_path + path)
        await RedirectResponse(str(target))(scope, receive, send)

    async def _call_mount(self, match: Any, scope: Scope, receive: Receive, send: Send) -> None:
        child = dict(scope)
        child["root_path"] = scope.get("root_path", "") + match.mount_prefix
        child["path"] = child["root_path"] + match.remaining_path
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] in ("http.response.start", "websocket.accept", "websocket.close"):
                started = True
            await send(message)

        try:
            await match.mount.app(child, receive, tracking_send)
        except BaseException as exc:
            if started:
                mark_response_started(exc)
            raise

    async def _dispatch_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = self.router.match("WEBSOCKET", self._route_path(scope))
        if match.status is _FULL:
            scope["path_params"] = match.params
            scope["route"] = match.route
            try:
                await match.route.handle(scope, receive, send, match.params)  # type: ignore[union-attr]
            except Exception as exc:
                _note_route(exc, scope)  # it reaches the server, which logs it
                raise
        elif match.status is _MOUNT:
            await self._call_mount(match, scope, receive, send)
        else:
            # No websocket route here: refuse the handshake (the server answers 403).
            await send({"type": "websocket.close", "code": 1000, "reason": ""})

    # -- errors --------------------------------------------------------------------------------

    async def _handle_exception(self, exc: Exception, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer ``exc`` with the most specific handler; unexpected errors become a logged 500."""
        if getattr(exc, RESPONSE_STARTED, False):
            # Raised after the response began (mid-stream, background, yield exit): too late to
            # answer; the server logs it, with the route as a note.
            _note_route(exc, scope)
            raise exc
        handler = lookup_handler(self.exception_handlers, exc)
        if handler is not None:
            response = await run_handler(handler, Request(scope, receive), exc)
            if response is not None:
                await response(scope, receive, send)
                return
        if isinstance(exc, HTTPException):
            await http_exception_response(exc)(scope, receive, send)
            return
        if isinstance(exc, RequestValidationError):
            await validation_error_response(exc)(scope, receive, send)
            return
        if isinstance(exc, ClientDisconnect):
            return  # the client is gone; there is nobody to answer
        if isinstance(exc, WebSocketException):
            raise exc
        await self._server_error(exc, scope, receive, send)
        if self.reraise_server_errors:
            raise exc

    async def _server_error(self, exc: BaseException, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 500 (the user's 500/Exception handler, or the default); log ``exc`` only if it is not re-raised.

        A re-raised error reaches the server, which logs it with its traceback (uvicorn: "Exception in
        ASGI application"), as Starlette's apps do; logging it here too printed every traceback twice.
        """
        if self.reraise_server_errors:
            _note_route(exc, scope)
        elif not getattr(exc, _REPORTED, False):
            _mark(exc, _REPORTED)
            logger.error("Exception in ASGI application %s: %s", _serving(scope), _summary(exc), exc_info=exc)
        handler = self.exception_handlers.get(500) or self.exception_handlers.get(Exception)
        response: Any = None
        if handler is not None and isinstance(exc, Exception):
            response = await run_handler(handler, Request(scope, receive), exc)
        if response is None:
            if self.debug:
                text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
                if _accepts_html(scope):
                    title = html.escape(type(exc).__name__)
                    page = f"<!doctype html><title>500 {title}</title><pre>{html.escape(text)}</pre>"
                    response = HTMLResponse(page, status_code=500)
                else:
                    response = PlainTextResponse(text, status_code=500)
            else:
                response = PlainTextResponse("Internal Server Error", status_code=500)
        await response(scope, receive, send)
        mark_response_started(exc)


#: Set once an error was logged by the app or given its route note, so nested layers do neither again.
_REPORTED = "_fasterapi_reported"
_UNPLANNED: Any = object()


def _accepts_html(scope: Scope) -> bool:
    for key, value in scope.get("headers", ()):
        if key == b"accept":
            return b"text/html" in value
    return False


def _may_read_body(dependant: Dependant) -> bool:
    """True when the plan reads the body, or hands out the ``Request`` (which can read it)."""
    if dependant.needs_body or any(kind == "connection" for _, kind in dependant.specials):
        return True
    return any(_may_read_body(sub.dependant) for sub in dependant.dependencies)


def _mark(exc: BaseException, attribute: str) -> None:
    with contextlib.suppress(AttributeError):
        setattr(exc, attribute, True)


class ServerErrorMiddleware:
    """Outermost layer when user middleware exists: a 500 for errors raised by middleware themselves."""

    def __init__(self, app: Callable[..., Any], faster: Faster) -> None:
        self.app = app
        self.faster = faster

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started or getattr(exc, RESPONSE_STARTED, False):
                _note_route(exc, scope)
                raise  # too late to answer: the server logs it
            await self.faster._handle_exception(exc, scope, receive, send)


class FastAPI(Faster):
    """FastAPI's name for the application class, so ``from FasterAPI import FastAPI`` keeps working.

    An app made under FastAPI's name documents itself as FastAPI does: ``info.title`` defaults to
    ``"FastAPI"`` (a schema snapshot taken under FastAPI stays valid); ``Faster()`` keeps ``"FasterAPI"``.
    ``root_path=`` warns with FastAPI's ``FastAPIDeprecationWarning`` (it still works).
    """

    default_title: ClassVar[str] = "FastAPI"
    warns_root_path: ClassVar[bool] = True


def _serving(scope: Scope) -> str:
    """``while serving GET /items/{item_id} (read_item())``: the route a 500 came from, for its log line."""
    route = scope.get("route")
    label = getattr(route, "label", None)
    if label is None:
        return f"while serving {scope.get('method', scope.get('type', '?'))} {scope.get('path', '')}"
    endpoint = getattr(route, "endpoint", None)
    return f"while serving {label} ({display_name(endpoint)}())"


def _note_route(exc: BaseException, scope: Scope) -> None:
    """Name the route on an error the server will log (a note, printed under its traceback; Python 3.11+)."""
    if getattr(exc, _REPORTED, False):
        return
    _mark(exc, _REPORTED)
    if hasattr(exc, "add_note"):
        exc.add_note(_serving(scope))


def _summary(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
