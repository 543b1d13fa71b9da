"""Routes as core serves them: ``APIRoute`` compiles a handler once; ``FasterRouter`` collects them."""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import sys
import types
import typing
import warnings
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any, TypeVar

from fasterapi_routing import Route, Router, parse_template
from fasterapi_routing.converters import IntConverter

from ._context import RequestContext
from ._convert import _identity, _parse_int
from ._encoding import _LENGTH_HEADERS, JSON_CONTENT_TYPE, encode_json, length_header
from ._flat_chain import INVALID, plan_flat_chain
from ._form_limits import FormLimits, check_form_limits, merge_form_limits
from ._json_lines import STREAM_ANNOTATIONS, JSONLinesResponse, plan_json_lines, stream_item_type
from ._limits import RequestTooLarge, check_declared_length
from ._multipart import require_multipart
from ._query import plan_query_reader
from ._response import close_after_response
from ._shaping import names_a_model, plan_shaping
from ._type_support import display_name, unsupported_part, why_unsupported
from ._websocket_support import websocket_route_class
from .background import BackgroundTasks
from .dependencies import (
    Dependant,
    ParamPlan,
    local_namespace,
    plan_endpoint,
    remember_local_namespace,
)
from .exceptions import FasterAPIError, RequestValidationError
from .params import Depends
from .requests import Request
from .responses import JSONResponse, Response
from .solver import (
    body_headers,
    call_endpoint,
    decode_body,
    extract_simple,
    receive_rest,
    solve,
)
from .types import Receive, Scope, Send

__all__ = ["DEFAULT", "APIRoute", "APIRouter", "DecoratedCallable", "FasterRouter", "IncEx", "route_options"]

DecoratedCallable = TypeVar("DecoratedCallable", bound=Callable[..., Any])
#: ``response_model_include``/``_exclude``: field names, as a set or as a dict ``{name: ...}`` (FastAPI's ``IncEx``).
IncEx = set[str] | dict[str, Any]


class _Default:
    """The default of an option whose ``None`` means something: ``response_model=None`` turns the return
    annotation's model off, ``max_body_size=None`` lifts the app's body limit for the route."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DEFAULT"


#: "Not given": the option is left out of the route's options (see :func:`route_options`).
DEFAULT: Any = _Default()

#: Options whose defaults are not ``None``: equal to these, they are left out of a route's options too.
_OPTION_DEFAULTS: dict[str, Any] = {
    "response_description": "Successful Response",
    "response_model_by_alias": True,
    "response_model_exclude_unset": False,
    "response_model_exclude_defaults": False,
    "response_model_exclude_none": False,
    "include_in_schema": True,
}
_NOT_OPTIONS = frozenset({"self", "path", "endpoint", "methods", "name", "route_class_override"})
#: Options defaulting to ``DEFAULT``, whose ``None`` is kept.
_NONE_MEANS_SOMETHING = frozenset({"response_model", "max_body_size"})


def route_options(arguments: dict[str, Any]) -> dict[str, Any]:
    """The route options a caller gave, out of a decorator's ``locals()``.

    The decorators take every option as an explicit keyword (a typo is a ``TypeError`` when the route is
    declared, and editors complete them); a route's ``options`` keep only those given, so that planning can
    tell ``response_model=None`` from no ``response_model`` at all.
    """
    return {
        key: value
        for key, value in arguments.items()
        if key not in _NOT_OPTIONS
        and value is not DEFAULT
        and (value is not None or key in _NONE_MEANS_SOMETHING)
        and not (key in _OPTION_DEFAULTS and value == _OPTION_DEFAULTS[key])
    }


_JSON_CONTENT_TYPE = JSON_CONTENT_TYPE
#: Route option holding the path an operation is documented under when it differs from the served template:
#: OpenAPI callbacks (``{$callback_url}/invoices/{$request.body.id}``) and webhooks (``new-subscription``).
OPENAPI_PATH_OPTION = "openapi_path"

#: Why a request has no answer when a dependency with ``yield`` swallowed the error (FastAPI raises the same).
_SWALLOWED = (
    "No response to send: the application code is raising an exception and a dependency with yield caught it "
    "(a bare `except` or `except Exception`) without raising it again; re-raise it in the dependency"
)

#: Statuses whose responses carry no body (and so no ``Content-Length``).
_NO_BODY_STATUS = frozenset({204, 304})
_APP_LIMIT: Any = object()
_UNIQUE_ID = "generate_unique_id_function"
#: Scope key of the yield-dependency exit stacks a route's ``get_route_handler()`` handler leaves open:
#: closed by the route once the response is sent, as on the planned path.
_EXIT_STACKS = "fasterapi.route_exit_stacks"
#: The ``DeprecationWarning`` of ``on_event`` (the app's and a router's), as FastAPI deprecates it.
ON_EVENT_DEPRECATED = (
    "on_event is deprecated, use lifespan event handlers instead: Faster(lifespan=...) "
    "(or @app.on_startup / @app.on_shutdown)"
)


def _form_params(dependant: Dependant) -> list[str]:
    """Names of the File()/Form() parameters of a route, its dependencies' included."""
    names = [plan.name for plan in dependant.form_params]
    for sub in dependant.dependencies:
        names += _form_params(sub.dependant)
    return names


class APIRoute(Route):
    """A route whose handler, parameters and return encoding are planned at construction."""

    __slots__ = (
        "_body_limit",
        "_chain",
        "_direct_json",
        "_has_simple_params",
        "_path_ready",
        "_query_only",
        "_read_query",
        "_route_handler",
        "_shape",
        "_status",
        "dependant",
        "form_limits",
        "handle",
        "limits_own_body",
        "response_class",
        "response_model",
        "status_code",
        "stream_item_type",
        "unbound_path_params",
    )

    def __init__(
        self,
        path: str,
        endpoint: Any,
        *,
        methods: Any = None,
        name: str | None = None,
        options: Any = None,
        **route_keywords: Any,
    ) -> None:
        if route_keywords:  # FastAPI's form: APIRoute(path, endpoint, response_model=..., status_code=...)
            options = {**(options or {}), **_keyword_options(path, route_keywords)}
        super().__init__(path, endpoint, methods=methods, name=name, options=options)
        opts = self.options
        #: This route's ``form_limits`` (its router's merged in); the app's fill the keys it leaves out.
        self.form_limits: dict[str, int] | None = check_form_limits(opts.get("form_limits")) or None
        try:
            self.dependant = plan_endpoint(
                endpoint, self.template.param_names, opts.get("dependencies") or (), defer_path_check=True
            )
            require_multipart(_form_params(self.dependant), f"{getattr(endpoint, '__name__', endpoint)}()")
            self.response_model = self._response_model(endpoint, opts)
            #: The item type of a handler streaming JSON Lines (``-> AsyncIterable[Item]``), for the document.
            self.stream_item_type: Any = None
            # A generator handler (no other response class) streams its items as JSON Lines, as in FastAPI.
            self.response_class: type[Response] = opts.get("response_class") or JSONResponse
            self._shape: Callable[[Any], Any] | None
            if (self.dependant.is_async_gen or self.dependant.is_gen) and issubclass(self.response_class, JSONResponse):
                self.stream_item_type = stream_item_type(self.response_model)
                self.response_model = None
                self._shape = plan_json_lines(self.stream_item_type, opts)
                self.response_class = JSONLinesResponse
            else:
                _check_response_model(self.response_model, "response_model" in opts, endpoint)
                self._shape = plan_shaping(self.response_model, "response_model" in opts, opts)
        except FasterAPIError as exc:
            if type(exc) is FasterAPIError:  # subclasses keep FastAPI's exact wording
                exc.args = (f"{self.label}: {exc}", *exc.args[1:])
            raise
        #: ``Path()`` parameters of the handler (or its dependencies) that the path does not have (yet):
        #: they may come from an ``include_router`` prefix; the serving router refuses them.
        self.unbound_path_params = sorted(
            {plan.name for plan in _path_plans(self.dependant)} - set(self.template.param_names)
        )
        self.status_code: int | None = opts.get("status_code")
        self._status = self.status_code or 200
        #: Non-Response results are sent as JSON right in the handler (no ``_send_result`` coroutine).
        self._direct_json = self.response_class is JSONResponse and self._status not in _NO_BODY_STATUS
        self._path_ready = path_values_ready(self.dependant, self.template)
        dependant = self.dependant
        self._has_simple_params = bool(
            dependant.path_params or dependant.query_params or dependant.header_params or dependant.cookie_params
        )
        self._query_only = bool(
            self._path_ready and dependant.query_params and not (dependant.header_params or dependant.cookie_params)
        )
        #: How the query parameters are read when they are the only ones besides ready path values.
        self._read_query = plan_query_reader(dependant.query_params) if self._query_only else None
        #: This route's ``max_body_size`` option, or ``_APP_LIMIT`` for the serving app's ``max_body_size``.
        self._body_limit: Any = opts.get("max_body_size", _APP_LIMIT)
        #: A plain dependency tree read and called by planned code (see ``_flat_chain``), else ``None``.
        self._chain = plan_flat_chain(dependant, self.label)
        self.handle = self._pick_handler()
        #: True when the handler enforces the body-size limit while reading the body itself, so the
        #: app need not wrap ``receive`` (one header scan and one coroutine less per request).
        self.limits_own_body = self.handle == self._handle_body

    @property
    def label(self) -> str:
        """``GET /items/{item_id}``: how declaration errors name this route."""
        return f"{', '.join(sorted(self.explicit_methods))} {self.path}"

    @property
    def operation_id(self) -> str | None:
        """FastAPI's ``route.operation_id``: settable, e.g. to use route names as OpenAPI operation ids."""
        value = self.options.get("operation_id")
        return None if value is None else str(value)

    @operation_id.setter
    def operation_id(self, value: str | None) -> None:
        self.options["operation_id"] = value

    # FastAPI's route attributes, read from the options (``generate_unique_id_function``s use them).
    @property
    def tags(self) -> list[str | enum.Enum]:
        return list(self.options.get("tags") or ())

    @property
    def summary(self) -> str | None:
        return self.options.get("summary")

    @property
    def description(self) -> str | None:
        return self.options.get("description")

    @property
    def response_description(self) -> str:
        return str(self.options.get("response_description") or "Successful Response")

    @property
    def deprecated(self) -> bool | None:
        return self.options.get("deprecated")

    @property
    def include_in_schema(self) -> bool:
        return self.options.get("include_in_schema", True) is not False

    @property
    def responses(self) -> dict[int | str, Any]:
        return dict(self.options.get("responses") or {})

    @property
    def dependencies(self) -> list[Depends]:
        return list(self.options.get("dependencies") or ())

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's hook for custom route classes: this route as ``async (request) -> response``.

        Override it in an ``APIRoute`` subclass to wrap the handler it returns (timing, a custom
        ``Request`` class, logging errors), then register the class with ``route_class=``. Only routes
        whose class overrides it serve their requests through it (called once, when the route is built);
        the others keep their planned path, which builds no ``Request`` and no ``Response`` objects.
        """
        return self._request_handler

    async def _request_handler(self, request: Request) -> Response:
        """Solve, call and build the response for ``request``: errors are raised, never answered here.

        The body and ``request`` parameters (the handler's and its dependencies') come from ``request``,
        whatever ``Request`` subclass a custom route class made of it.
        """
        scope = request.scope
        ctx = RequestContext(scope, request.receive, scope.get("path_params") or {})
        ctx.connection = request
        try:
            kwargs = await solve(self.dependant, ctx)
            if ctx.errors:
                raise RequestValidationError(ctx.errors, body=ctx.body)
            result = await call_endpoint(self.dependant, kwargs)
            if ctx.function_stack is not None:
                await ctx.function_stack.aclose()
        except BaseException as exc:
            await _unwind(ctx, exc)
            raise
        if ctx.exit_stack is not None:
            stacks = scope.get(_EXIT_STACKS)
            if stacks is None:
                await ctx.exit_stack.aclose()  # called outside a served request: nothing is sent after this
            else:
                stacks.append(ctx.exit_stack)
        return self._response_for(result, ctx)

    def _response_for(self, result: object, ctx: RequestContext) -> Response:
        """The ``Response`` the planned path would send for ``result``, as an object."""
        if isinstance(result, Response):
            _merge_sub_response(result, ctx)
            return result
        if self._shape is not None:
            result = self._shape(result)
        status = self._status
        if ctx.response is not None and ctx.response.status_code:
            status = ctx.response.status_code
        response: Response
        if status in _NO_BODY_STATUS and result is None:
            response = Response(status_code=status)
        elif self.response_class is JSONResponse:
            response = JSONResponse(encode_json(result), status_code=status)  # bytes are sent as they are
        elif status == 200 and self.status_code is None:
            response = self.response_class(result)
        else:
            response = self.response_class(result, status_code=status)
        _merge_sub_response(response, ctx)
        return response

    async def _handle_custom(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """A route class with its own ``get_route_handler()``: a ``Request`` in, a ``Response`` out, sent."""
        stacks: list[contextlib.AsyncExitStack] = []
        scope[_EXIT_STACKS] = stacks
        try:
            response = await self._route_handler(Request(scope, receive, send))
            await response(scope, receive, send)
        except BaseException:
            for stack in reversed(stacks):
                await stack.aclose()
            raise
        for stack in reversed(stacks):
            await close_after_response(stack)  # an error now is past answering

    def _pick_handler(self) -> Callable[..., Any]:
        """Choose, once, the shortest way this route's requests can take."""
        if type(self).get_route_handler is not APIRoute.get_route_handler:
            self._route_handler = self.get_route_handler()
            return self._handle_custom
        dependant = self.dependant
        needs_context = bool(dependant.dependencies or dependant.specials or dependant.form_params)
        has_params = bool(dependant.all_params())
        if needs_context:
            return self._handle_full if self._chain is None else self._handle_chain
        if dependant.body is not None:
            return self._handle_body
        if self._path_ready and dependant.path_params and len(dependant.path_params) == len(dependant.all_params()):
            return self._handle_path if dependant.is_coroutine else self._handle_simple
        if has_params or not dependant.is_coroutine:
            return self._handle_simple
        if self.response_class is JSONResponse and self._status not in _NO_BODY_STATUS:
            return self._handle_plain
        return self._handle_simple

    @staticmethod
    def _response_model(endpoint: Any, opts: dict[str, Any]) -> Any:
        if "response_model" in opts:
            model = opts["response_model"]
            return None if model is None else model
        try:
            hints = typing.get_type_hints(endpoint, localns=local_namespace(endpoint), include_extras=True)
        except Exception:
            return None
        annotation = hints.get("return")
        if annotation is None or annotation is type(None) or annotation is Any:
            return None
        if inspect.isclass(annotation) and issubclass(annotation, Response):
            return None
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            members = typing.get_args(annotation)
            responses = [a for a in members if inspect.isclass(a) and issubclass(a, Response)]
            if responses:
                others = [a for a in members if a not in responses and a is not type(None)]
                if others:
                    raise FasterAPIError(_mixed_response_annotation(endpoint, annotation))
                return None
        return annotation

    async def _handle_plain(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """The common case kept short: an async handler without parameters returning JSON."""
        result = await self.endpoint()
        if isinstance(result, Response):
            await result(scope, receive, send)
            return
        if self._shape is not None:
            result = self._shape(result)
        body = encode_json(result)
        await send(
            {
                "type": "http.response.start",
                "status": self._status,
                "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _handle_path(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """An async handler whose only parameters are the router's path values, as they are."""
        result = await self.endpoint(**path_params)
        if not self._direct_json or isinstance(result, Response):
            await self._send_result(result, None, scope, receive, send)
            return
        # What ``_send_result`` would do, written out (one coroutine less per request).
        if self._shape is not None:
            result = self._shape(result)
        body = encode_json(result)
        await send(
            {
                "type": "http.response.start",
                "status": self._status,
                "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _handle_simple(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """Only path/query/header/cookie parameters (or none): no per-request context at all."""
        dependant = self.dependant
        errors: list[dict[str, Any]] = []
        if self._query_only:
            # Path values as they are plus query parameters, the most common shape: extracted right here.
            kwargs = dict(path_params)
            self._read_query(scope.get("query_string", b""), kwargs, errors)  # type: ignore[misc]
        else:
            kwargs = extract_simple(dependant, scope, path_params, errors, self._path_ready)
        if errors:
            await _reject(errors, None, scope, send)
            return
        if dependant.is_coroutine:
            result = await self.endpoint(**kwargs)
        else:
            result = await call_endpoint(dependant, kwargs)
        if not self._direct_json or isinstance(result, Response):
            await self._send_result(result, None, scope, receive, send)
            return
        # What ``_send_result`` would do, written out (one coroutine less per request).
        if self._shape is not None:
            result = self._shape(result)
        body = encode_json(result)
        await send(
            {
                "type": "http.response.start",
                "status": self._status,
                "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _handle_body(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """A JSON body plus, at most, path/query/header/cookie values: still no per-request context."""
        dependant = self.dependant
        content_type, declared = body_headers(scope)
        limit = self._body_limit
        if limit is _APP_LIMIT:
            limit = getattr(scope.get("app"), "max_body_size", None)
        if limit is not None and declared is not None:
            check_declared_length(declared, limit)  # the server never delivers more than announced
            limit = None
        errors: list[dict[str, Any]] = []
        if self._has_simple_params:
            kwargs = extract_simple(dependant, scope, path_params, errors, self._path_ready)
        else:
            kwargs = {}
        # ``receive_body`` written out for the usual single message (one coroutine less per request).
        message = await receive()
        if message["type"] == "http.request" and not message.get("more_body", False):
            body = message.get("body", b"")
            if limit is not None and len(body) > limit:
                raise RequestTooLarge(limit)
        else:
            body = await receive_rest(receive, message, limit)
        # Only a body sent without Content-Type needs the strict_content_type setting (looked up then).
        strict = True if content_type else self.options.get("strict_content_type", _app_strict(scope))
        payload = decode_body(dependant.body, body, content_type, kwargs, errors, strict, not errors)  # type: ignore[arg-type]
        if payload is not None:  # only fields were missing: the default 422's bytes came back
            if _default_422(scope):
                await _send_422(payload, scope, send)
                return
            # A handler wants the error dicts: the body is described again, the ordinary way (rare).
            decode_body(dependant.body, body, content_type, kwargs, errors, strict)  # type: ignore[arg-type]
        if errors:
            await _reject(errors, body, scope, send)
            return
        if dependant.is_coroutine:
            result = await self.endpoint(**kwargs)
        else:
            result = await call_endpoint(dependant, kwargs)
        if not self._direct_json or isinstance(result, Response):
            await self._send_result(result, None, scope, receive, send)
            return
        # What ``_send_result`` would do, written out (one coroutine less per request).
        if self._shape is not None:
            result = self._shape(result)
        payload = encode_json(result)
        await send(
            {
                "type": "http.response.start",
                "status": self._status,
                "headers": [_LENGTH_HEADERS.get(len(payload)) or length_header(len(payload)), _JSON_CONTENT_TYPE],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else payload})

    async def _handle_full(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """Dependencies, special parameters or forms: solved with a ``RequestContext``."""
        dependant = self.dependant
        ctx = RequestContext(scope, receive, path_params)
        try:
            kwargs = await solve(dependant, ctx)
            if ctx.errors:
                if ctx.exit_stack is None and ctx.function_stack is None:
                    await _reject(ctx.errors, ctx.body, scope, send)
                    return
                raise RequestValidationError(ctx.errors, body=ctx.body)
            if dependant.is_coroutine:
                result = await self.endpoint(**kwargs)
            else:
                result = await call_endpoint(dependant, kwargs)
            if ctx.function_stack is not None:
                await ctx.function_stack.aclose()
        except BaseException as exc:
            await _unwind(ctx, exc)
            raise
        if ctx.exit_stack is None:
            if (
                self._direct_json
                and ctx.response is None
                and ctx.background is None
                and not isinstance(result, Response)
            ):
                start, answer = self._json_answer(result, scope)  # ``_send_result`` without its coroutine
                await send(start)
                await send(answer)
                return
            await self._send_result(result, ctx, scope, receive, send)
            return
        try:
            await self._send_result(result, ctx, scope, receive, send)
        except BaseException:
            await ctx.exit_stack.aclose()
            raise
        await close_after_response(ctx.exit_stack)  # core-app: an error now is past answering

    async def _handle_chain(self, scope: Scope, receive: Receive, send: Send, path_params: dict[str, Any]) -> None:
        """A plain dependency tree (see ``_flat_chain``): its values read and its calls made by planned code.

        A request with a missing or invalid value, or served while ``dependency_overrides`` are set,
        takes ``_handle_full``: nothing has been called yet, and the general solver knows FastAPI's
        error order and which dependencies still run.
        """
        chain = self._chain
        assert chain is not None
        if getattr(scope.get("app"), "dependency_overrides", None):
            await self._handle_full(scope, receive, send, path_params)
            return
        result = await chain.run(scope, path_params)
        if result is INVALID:
            await self._handle_full(scope, receive, send, path_params)
            return
        if not self._direct_json or isinstance(result, Response):
            await self._send_result(result, None, scope, receive, send)
            return
        # What ``_send_result`` would do, written out (one coroutine less per request).
        if self._shape is not None:
            result = self._shape(result)
        body = encode_json(result)
        await send(
            {
                "type": "http.response.start",
                "status": self._status,
                "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    def _json_answer(self, result: object, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        """The two messages of this route's plain JSON answer to ``result`` (not a ``Response``)."""
        if self._shape is not None:
            result = self._shape(result)
        body = encode_json(result)
        start = {
            "type": "http.response.start",
            "status": self._status,
            "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
        }
        return start, {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}

    async def _send_result(
        self, result: object, ctx: RequestContext | None, scope: Scope, receive: Receive, send: Send
    ) -> None:
        if isinstance(result, Response):
            if ctx is not None:
                _merge_sub_response(result, ctx)
            await result(scope, receive, send)
            return
        if self._shape is not None:
            result = self._shape(result)
        status = self._status
        if ctx is not None and ctx.response is not None and ctx.response.status_code:
            status = ctx.response.status_code
        if (
            self.response_class is JSONResponse
            and status not in _NO_BODY_STATUS
            and (ctx is None or (ctx.response is None and ctx.background is None))
        ):
            body = encode_json(result)
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [_LENGTH_HEADERS.get(len(body)) or length_header(len(body)), _JSON_CONTENT_TYPE],
                }
            )
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            return
        if status in _NO_BODY_STATUS and result is None:
            response = Response(status_code=status)
        elif status == 200 and self.status_code is None:
            # Nobody chose a status: the class's own default applies (307 for RedirectResponse), as in FastAPI.
            response = self.response_class(result)
        else:
            response = self.response_class(result, status_code=status)
        if ctx is not None:
            _merge_sub_response(response, ctx)
        await response(scope, receive, send)


#: FastAPI ``APIRoute`` keywords without a meaning here (dependency overrides live on the app), accepted and dropped.
_DROPPED_ROUTE_KEYWORDS = frozenset({"dependency_overrides_provider"})


@functools.cache
def _route_option_names() -> frozenset[str]:
    """The options ``add_api_route`` takes (FastAPI's route keywords plus ``max_body_size``)."""
    parameters = inspect.signature(FasterRouter.add_api_route).parameters
    return frozenset(name for name in parameters if name not in _NOT_OPTIONS)


def _keyword_options(path: str, given: dict[str, Any]) -> dict[str, Any]:
    """Route options out of FastAPI-style ``APIRoute(...)`` keywords (a custom route class's ``__init__``
    passing ``response_model_exclude_none=True`` on, say); an unknown keyword is refused by name."""
    known = _route_option_names()
    unknown = sorted(set(given) - known - _DROPPED_ROUTE_KEYWORDS)
    if unknown:
        raise TypeError(
            f"APIRoute({path!r}, ...) got unknown option {', '.join(map(repr, unknown))}: "
            f"the options are add_api_route's ({', '.join(sorted(known))})"
        )
    return route_options({key: value for key, value in given.items() if key in known})


def _check_response_model(model: Any, explicit: bool, endpoint: Any) -> None:
    """Refuse a response model nothing can validate (or a return annotation nothing can encode) when declared."""
    if model is None or typing.get_origin(model) in STREAM_ANNOTATIONS:
        return
    validated = explicit or names_a_model(model)
    part = unsupported_part(model, encode_only=not validated)
    if part is None:
        return
    if explicit:
        raise FasterAPIError(f"response_model={_describe(model)}: {why_unsupported(part)}")
    handler = display_name(endpoint)
    raise FasterAPIError(
        f"the return annotation of {handler}(), -> {_describe(model)}: {why_unsupported(part)} "
        "(or pass response_model=None to send what the handler returns as it is)"
    )


def _app_strict(scope: Scope) -> bool:
    return bool(getattr(scope.get("app"), "strict_content_type", True))


def _check_body_limit(limit: object) -> None:
    if limit is DEFAULT or limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError(f"max_body_size must be a non-negative number of bytes or None, not {limit!r}")


def _mixed_response_annotation(endpoint: Any, annotation: Any) -> str:
    """FastAPI refuses ``-> Response | dict`` (its docs' "invalid return type annotation"): the data part
    would be validated and documented, the Response part cannot be; say so and how to mean it."""
    return (
        f"the return annotation of {display_name(endpoint)}(), -> {_describe(annotation)}, mixes a Response "
        "class with data types, so no response model can be made from it (FastAPI refuses it too): pass "
        "response_model=None to the decorator to send what the handler returns as it is (a Response as it is, "
        "anything else as JSON)"
    )


def _describe(tp: Any) -> str:
    return display_name(tp) if isinstance(tp, type) and typing.get_origin(tp) is None else repr(tp)


def _refuse_unbound_path_params(route: APIRoute, names: Sequence[str], prefix: str = "") -> None:
    missing = [name for name in route.unbound_path_params if name not in names]
    if missing:
        where = f"{route.label} (included with prefix {prefix!r})" if prefix else route.label
        shown = ", ".join("{" + name + "}" for name in missing)
        raise FasterAPIError(
            f"{where}: {', '.join(map(repr, missing))} is declared with Path(), but the path has no {shown}: "
            f"add {shown} to the route's path (or to the include_router prefix), or declare it with Query()"
        )


def _refuse_untaken_path_params(route: APIRoute, path: str) -> None:
    """Refuse a ``{name}`` of the decorator's path that neither the handler nor a dependency takes."""
    if "WEBSOCKET" in route.methods or "{$" in path or _takes_connection(route.dependant):
        return  # ``request.path_params`` may read it; an OpenAPI callback's path is never served
    taken = {plan.name for plan in _path_plans(route.dependant)}
    untaken = [name for name in parse_template(path).param_names if name not in taken]
    if untaken:
        name = untaken[0]
        handler = display_name(route.endpoint)
        raise FasterAPIError(
            f"{route.label}: the path has {{{name}}}, but neither {handler}() nor its dependencies take "
            f"{name!r}: add a parameter `{name}: str` (or the type it should have), or take `request: Request` "
            "and read request.path_params"
        )


def _takes_connection(dependant: Dependant) -> bool:
    return any(kind == "connection" for _, kind in dependant.specials) or any(
        _takes_connection(sub.dependant) for sub in dependant.dependencies
    )


def _path_plans(dependant: Dependant) -> list[ParamPlan]:
    """The path parameters ``dependant`` and its dependencies read."""
    plans = list(dependant.path_params)
    for sub in dependant.dependencies:
        plans += _path_plans(sub.dependant)
    return plans


def path_values_ready(dependant: Dependant, template: Any) -> bool:
    """True when the router's path values can be passed to the handler as they are.

    That is: the handler takes every path parameter of the template under its own name, and each
    one's conversion would give back what the router already produced (``str`` and ``Any`` keep
    the text; ``int`` keeps the ``int`` of an ``{name:int}`` segment).
    """
    plans = dependant.path_params
    if {plan.name for plan in plans} != set(template.param_names):
        return False
    converters = {segment.param: segment.converter for segment in template.segments if segment.param}
    for plan in plans:
        if plan.alias != plan.name or plan.is_sequence:
            return False
        if plan.convert is _identity:
            continue
        if plan.convert is _parse_int and type(converters.get(plan.name)) is IntConverter:
            continue
        return False
    return True


#: The classes the app's handler lookup consults for a ``RequestValidationError`` (its MRO up to ``Exception``).
_VALIDATION_ERROR_KEYS = RequestValidationError.__mro__[: RequestValidationError.__mro__.index(Exception)]


async def _reject(errors: list[dict[str, Any]], body: object, scope: Scope, send: Send) -> None:
    """Answer a request that did not validate.

    With no exception handler for ``RequestValidationError`` on the app the 422 is sent here directly
    (the same bytes the default handler sends); otherwise the error goes to the handlers.
    """
    if not _default_422(scope):
        raise RequestValidationError(errors, body=body)
    await _send_422(encode_json({"detail": errors}), scope, send)


def _default_422(scope: Scope) -> bool:
    """True when the app has no exception handler for ``RequestValidationError``: the 422 is ours to send."""
    handlers = getattr(scope.get("app"), "exception_handlers", None)
    return handlers is not None and not (handlers and any(key in handlers for key in _VALIDATION_ERROR_KEYS))


async def _send_422(payload: bytes, scope: Scope, send: Send) -> None:
    """The default 422 answer whose body is ``payload`` (``{"detail": [...]}``, encoded)."""
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [length_header(len(payload)), _JSON_CONTENT_TYPE],
        }
    )
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else payload})


async def _unwind(ctx: RequestContext, exc: BaseException) -> None:
    """Run ``exc`` through the request's dependency exits: function-scoped ones first, then the rest.

    The caller re-raises ``exc`` afterwards. A ``yield`` dependency that swallows an ``Exception``
    leaves nothing to answer with, so that is raised as the declaration mistake it is (as in FastAPI).
    """
    if ctx.function_stack is not None:
        await _close_quietly(ctx.function_stack, exc)
    if (
        ctx.exit_stack is not None
        and await ctx.exit_stack.__aexit__(type(exc), exc, exc.__traceback__)
        and isinstance(exc, Exception)
    ):
        raise FasterAPIError(_SWALLOWED) from exc


async def _close_quietly(stack: Any, exc: BaseException) -> None:
    """Throw ``exc`` into a function-scoped exit stack; the original error keeps propagating."""
    try:
        await stack.__aexit__(type(exc), exc, exc.__traceback__)
    except BaseException as raised:
        if raised is not exc:
            raise


def _merge_sub_response(response: Response, ctx: RequestContext) -> None:
    sub = ctx.response
    if sub is not None:
        if sub.status_code:
            response.status_code = sub.status_code
        for key, value in sub.raw_headers:
            if key in (b"content-length", b"content-type"):
                continue
            response.raw_headers.append((key, value))
    if ctx.background is not None and ctx.background.tasks:
        if response.background is None:
            response.background = ctx.background
        else:
            response.background = BackgroundTasks([response.background, *ctx.background.tasks])


def _check_route_class(route_class: Any, where: str) -> type[APIRoute]:
    """``route_class`` when it is an ``APIRoute`` subclass; otherwise a declaration error naming the fix."""
    if isinstance(route_class, type) and issubclass(route_class, APIRoute):
        return route_class
    shown = display_name(route_class) if isinstance(route_class, type) else repr(route_class)
    hint = ""
    if isinstance(route_class, type) and any(
        klass.__module__.split(".")[0] in ("fastapi", "starlette") for klass in route_class.__mro__
    ):
        hint = " (FastAPI's and Starlette's route classes are not ours: import APIRoute from FasterAPI.routing)"
    raise FasterAPIError(
        f"{where}: {shown} is not an APIRoute subclass{hint}; subclass APIRoute "
        "(from FasterAPI.routing import APIRoute) and override get_route_handler() to wrap each request"
    )


class FasterRouter(Router):
    """Collects routes with decorators; ``prefix``, ``tags`` and ``dependencies`` apply to each."""

    route_class = APIRoute
    #: True for the router an app serves: each ``Path()`` parameter of its routes must be in their path.
    #: Other routers leave that to the app, whose ``include_router`` may add them with its prefix.
    binds_path_params = False

    def route_class_for(self, methods: Iterable[str] | None) -> type[Route]:
        """WebSocket routes are ``fasterapi_ws.WebSocketRoute`` (loaded on the first one); the rest ``route_class``."""
        if methods is not None and any(method.upper() == "WEBSOCKET" for method in methods):
            return websocket_route_class()
        return _check_route_class(self.route_class, "router.route_class")

    def included_route_class(self, route: Route, methods: Iterable[str] | None) -> type[Route]:
        """An included ``APIRoute`` keeps its own class (FastAPI's rule), whatever this router's ``route_class``."""
        if isinstance(route, APIRoute):
            return type(route)
        return self.route_class_for(methods)

    def __init__(
        self,
        prefix: str = "",
        tags: Sequence[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        *,
        responses: dict[int | str, Any] | None = None,
        default_response_class: type[Response] | None = None,
        redirect_slashes: bool = True,
        deprecated: bool | None = None,
        include_in_schema: bool = True,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        max_body_size: int | None = DEFAULT,
        form_limits: FormLimits | None = None,
        strict_content_type: bool | None = None,
        route_class: type[APIRoute] = APIRoute,
        on_startup: Sequence[Callable[[], Any]] | None = None,
        on_shutdown: Sequence[Callable[[], Any]] | None = None,
    ) -> None:
        super().__init__(redirect_slashes=redirect_slashes)
        _check_body_limit(max_body_size)
        #: Bounds of the forms this router's routes read (FastAPI 0.165's option); a route's own keys win.
        self.form_limits = check_form_limits(form_limits)
        #: FastAPI 0.165's option for this router's routes (``None``: the app's setting).
        self.strict_content_type = strict_content_type
        #: The class this router's HTTP routes are built with: an ``APIRoute`` subclass, e.g. one
        #: overriding ``get_route_handler()`` (FastAPI's custom route classes). Settable afterwards.
        self.route_class = _check_route_class(route_class, f"{type(self).__name__}(route_class=...)")
        #: Event handlers (FastAPI's ``APIRouter.on_startup``/``on_shutdown``): an app including this
        #: router runs them with its own.
        self.on_startup: list[Callable[[], Any]] = list(on_startup or ())
        self.on_shutdown: list[Callable[[], Any]] = list(on_shutdown or ())
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise ValueError(f"prefix {prefix!r} must start with '/' and must not end with '/'")
        self.prefix = prefix
        self.tags = list(tags or [])
        self.dependencies = list(dependencies or [])
        self.responses = dict(responses or {})
        self.default_response_class = default_response_class
        self.deprecated = deprecated
        self.include_in_schema = include_in_schema
        #: Names the OpenAPI operations of this router's routes that set none themselves (FastAPI's option).
        self.generate_unique_id_function = generate_unique_id_function
        #: The request body limit of this router's routes that set none themselves (FastAPI 0.165's option):
        #: ``DEFAULT`` leaves it to the router that includes this one, and finally to the app.
        self.max_body_size = max_body_size

    def add_event_handler(self, event_type: str, func: Callable[[], Any]) -> None:
        """Run ``func`` at the app's ``"startup"`` or ``"shutdown"`` (once an app includes this router)."""
        if event_type == "startup":
            self.on_startup.append(func)
        elif event_type == "shutdown":
            self.on_shutdown.append(func)
        else:
            raise ValueError(f"unknown event {event_type!r}: use 'startup' or 'shutdown'")

    def on_event(self, event_type: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """FastAPI's ``@router.on_event("startup")``: still works, deprecated as in FastAPI (use ``lifespan=``)."""
        warnings.warn(ON_EVENT_DEPRECATED, DeprecationWarning, stacklevel=2)

        def decorator(func: DecoratedCallable) -> DecoratedCallable:
            self.add_event_handler(event_type, func)
            return func

        return decorator

    def merge_options(self, outer: Any, inner: Any) -> dict[str, Any]:
        # This router's own tags and dependencies apply to routes it includes too (FastAPI does so):
        # ``Faster(dependencies=[...])`` therefore covers routes of every included router.
        merged = {**outer, **inner}
        merged["tags"] = [*self.tags, *outer.get("tags", ()), *inner.get("tags", ())]
        merged["dependencies"] = [*self.dependencies, *outer.get("dependencies", ()), *inner.get("dependencies", ())]
        merged["responses"] = {**outer.get("responses", {}), **inner.get("responses", {})}
        if outer.get("callbacks"):
            merged["callbacks"] = [*outer["callbacks"], *inner.get("callbacks", ())]
        if inner.get("response_class") is None and outer.get("response_class") is not None:
            merged["response_class"] = outer["response_class"]
        if outer.get("deprecated") and inner.get("deprecated") is None:
            merged["deprecated"] = True
        if outer.get("include_in_schema") is False:
            merged["include_in_schema"] = False
        unique_id = merged.get(_UNIQUE_ID) or outer.get(_UNIQUE_ID) or self.generate_unique_id_function
        if unique_id is not None:
            merged[_UNIQUE_ID] = unique_id
        if "max_body_size" not in merged and self.max_body_size is not DEFAULT:
            merged["max_body_size"] = self.max_body_size
        if "strict_content_type" not in merged and self.strict_content_type is not None:
            merged["strict_content_type"] = self.strict_content_type
        form_limits = merge_form_limits(self.form_limits, outer.get("form_limits"), inner.get("form_limits"))
        if form_limits:
            merged["form_limits"] = form_limits
        return merged

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
        route_class_override: type[APIRoute] | None = None,
    ) -> APIRoute:
        """Register ``endpoint``; the keyword options are FastAPI's, plus ``max_body_size`` (this route's limit).

        ``route_class_override``: build this route with that ``APIRoute`` subclass instead of ``route_class``.
        """
        options = route_options(locals())
        full_path = self.prefix + path if self.prefix else path
        methods = methods or ["GET"]
        where = f"{', '.join(methods)} {full_path}"
        if route_class_override is None:
            cls = _check_route_class(self.route_class, f"{where}: the router's route_class")
        else:
            cls = _check_route_class(route_class_override, f"{where}: route_class_override")
        options["tags"] = [*self.tags, *(options.get("tags") or ())]
        options["dependencies"] = [*self.dependencies, *(options.get("dependencies") or ())]
        options["responses"] = {**self.responses, **(options.get("responses") or {})}
        if options.get("response_class") is None and self.default_response_class is not None:
            options["response_class"] = self.default_response_class
        if options.get("deprecated") is None and self.deprecated is not None:
            options["deprecated"] = self.deprecated
        if not self.include_in_schema:
            options["include_in_schema"] = False
        if options.get(_UNIQUE_ID) is None and self.generate_unique_id_function is not None:
            options[_UNIQUE_ID] = self.generate_unique_id_function
        if "max_body_size" not in options and self.max_body_size is not DEFAULT:
            options["max_body_size"] = self.max_body_size
        if "strict_content_type" not in options and self.strict_content_type is not None:
            options["strict_content_type"] = self.strict_content_type
        limits = merge_form_limits(self.form_limits, check_form_limits(options.get("form_limits")))
        if limits:
            options["form_limits"] = limits
        if "{$" in full_path:
            # An OpenAPI callback, documented through another route's ``callbacks=``: its runtime expressions
            # become a literal template no client asks for (in FastAPI such a path never matches either).
            options[OPENAPI_PATH_OPTION] = full_path
            full_path = "/" + full_path.lstrip("/").replace("{", "(").replace("}", ")")
        route = self.add_route(full_path, endpoint, methods=methods, name=name, options=options, route_class=cls)
        assert isinstance(route, APIRoute)
        _refuse_untaken_path_params(route, path)
        if self.binds_path_params:
            _refuse_unbound_path_params(route, route.template.param_names)
        return route

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
        route_class_override: type[APIRoute] | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Serve the decorated handler for ``methods`` at ``path`` (the options are ``add_api_route``'s)."""
        options = route_options(locals())
        if route_class_override is not None:
            _check_route_class(route_class_override, f"{path}: route_class_override")

        def decorator(func: DecoratedCallable) -> DecoratedCallable:
            remember_local_namespace(func, sys._getframe(1).f_locals)
            self.add_api_route(
                path, func, methods=methods, name=name, route_class_override=route_class_override, **options
            )
            return func

        return decorator

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
        return self.api_route(path, methods=["GET"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["PUT"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["POST"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["DELETE"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["OPTIONS"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["HEAD"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["PATCH"], name=name, **route_options(locals()))

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
        return self.api_route(path, methods=["TRACE"], name=name, **route_options(locals()))

    def websocket(
        self,
        path: str,
        name: str | None = None,
        *,
        dependencies: Sequence[Depends] | None = None,
        max_message_size: int | None = None,
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """Register a WebSocket endpoint (served by the ``fasterapi-ws`` package)."""

        def decorator(func: DecoratedCallable) -> DecoratedCallable:
            remember_local_namespace(func, sys._getframe(1).f_locals)
            self.add_websocket_route(
                path, func, name=name, dependencies=dependencies, max_message_size=max_message_size
            )
            return func

        return decorator

    def add_websocket_route(
        self,
        path: str,
        endpoint: Callable[..., Any],
        name: str | None = None,
        *,
        dependencies: Sequence[Depends] | None = None,
        max_message_size: int | None = None,
    ) -> Route:
        """Register ``endpoint`` for WebSocket connections at ``path``; ``max_message_size`` bounds a message."""
        options: dict[str, Any] = {} if max_message_size is None else {"max_message_size": max_message_size}
        full_path = self.prefix + path if self.prefix else path
        options["dependencies"] = [*self.dependencies, *(dependencies or ())]
        return self.add_route(full_path, endpoint, methods=["WEBSOCKET"], name=name, options=options)

    def include_router(
        self,
        router: Router,
        *,
        prefix: str = "",
        tags: Sequence[str | enum.Enum] | None = None,
        dependencies: Sequence[Depends] | None = None,
        responses: dict[int | str, Any] | None = None,
        default_response_class: type[Response] | None = None,
        deprecated: bool | None = None,
        include_in_schema: bool = True,
        callbacks: list[Any] | None = None,
        generate_unique_id_function: Callable[[Any], str] | None = None,
        form_limits: FormLimits | None = None,
        options: Any = None,
    ) -> None:
        """Serve ``router``'s routes here under ``prefix``, adding ``tags`` and ``dependencies`` to each."""
        merged: dict[str, Any] = dict(options or {})
        if form_limits:
            merged["form_limits"] = merge_form_limits(merged.get("form_limits"), check_form_limits(form_limits))
        if tags:
            merged["tags"] = [*merged.get("tags", ()), *tags]
        if dependencies:
            merged["dependencies"] = [*merged.get("dependencies", ()), *dependencies]
        if responses:
            merged["responses"] = {**merged.get("responses", {}), **responses}
        if default_response_class is not None:
            merged["response_class"] = default_response_class
        if deprecated is not None:
            merged["deprecated"] = deprecated
        if not include_in_schema:
            merged["include_in_schema"] = False
        if callbacks:
            merged["callbacks"] = [*merged.get("callbacks", ()), *callbacks]
        if generate_unique_id_function is not None:
            merged["generate_unique_id_function"] = generate_unique_id_function
        # Like ``add_api_route``, routes included here get this router's own prefix as well.
        if self.binds_path_params:
            for route in router.routes:
                if isinstance(route, APIRoute) and route.unbound_path_params:
                    template = parse_template(self.prefix + prefix + route.path)
                    _refuse_unbound_path_params(route, template.param_names, prefix=self.prefix + prefix)
        super().include_router(router, prefix=self.prefix + prefix, options=merged)
        if isinstance(router, FasterRouter):  # its event handlers run with this router's (as in FastAPI)
            self.on_startup.extend(router.on_startup)
            self.on_shutdown.extend(router.on_shutdown)


APIRouter = FasterRouter
