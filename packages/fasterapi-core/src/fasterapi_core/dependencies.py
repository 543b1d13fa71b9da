"""Planning: read a handler's (or dependency's) signature once and turn it into a ``Dependant``.

Nothing here runs per request; ``solver.py`` executes the plans this module builds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import decimal
import inspect
import sys
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import msgspec

from ._convert import expected_values, is_scalar, is_sequence, scalar_converter, type_label, unwrap_optional
from ._dataclass_defaults import plan_completion
from ._errors import constraint_error, conversion_error
from ._models import forbids_unknown_fields, is_model, model_fields
from ._numbers import FiniteCheck, plan_finite_check
from ._type_support import display_name, unsupported_part, why_unsupported
from .background import BackgroundTasks
from .concurrency import is_coroutine
from .exceptions import DependencyScopeError, FasterAPIError, RequestValidationError
from .model_adapters import (
    ModelAdapter,
    ModelValidationError,
    adapted_model,
    adapter_for,
    is_adapted_scalar,
    refuse_adapted_inside,
)
from .params import MISSING, Body, Cookie, Depends, File, Form, Header, Param, Path, Query, Security
from .requests import HTTPConnection
from .responses import Response
from .uploads import is_upload_annotation

__all__ = [
    "BodyPlan",
    "Dependant",
    "ParamPlan",
    "SecurityScopes",
    "SubDependency",
    "get_dependant",
    "local_namespace",
    "plan_endpoint",
    "remember_local_namespace",
]


class SecurityScopes:
    """The OAuth2 scopes required by every ``Security(...)`` on the way to this dependency."""

    def __init__(self, scopes: list[str] | None = None) -> None:
        self.scopes: list[str] = list(scopes or [])

    @property
    def scope_str(self) -> str:
        return " ".join(self.scopes)


class ParamPlan:
    """How to fetch and convert one path/query/header/cookie/form parameter."""

    __slots__ = (
        "alias",
        "annotation",
        "constraints",
        "convert",
        "convert_item",
        "default",
        "default_factory",
        "expected",
        "field",
        "is_sequence",
        "item_constraints",
        "list_constraints",
        "name",
        "public_name",
        "required",
        "source",
        "type_label",
    )

    def __init__(self, name: str, source: str, annotation: object, field: Param) -> None:
        declared = annotation
        annotation, inline_meta = _split_annotated(annotation)
        # A list's min_length/max_length bound the list, kept apart from what bounds each item (gt, pattern):
        # one msgspec.Meta cannot hold both kinds (``Query(max_length=2, gt=0)`` on ``list[int]``).
        field_lengths = _lengths_of(field) if is_sequence(annotation) else ()
        meta = _meta_for(field, lengths=not field_lengths)
        for extra in inline_meta:
            if isinstance(extra, msgspec.Meta) and meta is None and not field_lengths:
                meta = extra
        self.name = name
        self.source = source
        self.annotation = annotation
        self.field = field
        alias = field.alias or name
        if source == "header" and field.alias is None and field.convert_underscores:
            alias = name.replace("_", "-")
        #: The name as declared (``Header(alias="Authorization")`` keeps its case), for OpenAPI.
        self.public_name = alias
        self.alias = alias.lower() if source == "header" else alias
        self.default = field.default
        self.default_factory = field.default_factory
        self.required = field.required
        self.is_sequence = is_sequence(annotation)
        item_type = _sequence_item(annotation) if self.is_sequence else annotation
        self.type_label = type_label(item_type)
        self.expected = expected_values(item_type)
        self.constraints = _constraints_of(meta) + field_lengths
        #: For a list parameter, FastAPI applies ``min_length``/``max_length`` to the list, the rest to each item.
        self.list_constraints = tuple(c for c in self.constraints if self.is_sequence and c[0] in _LENGTHS)
        self.item_constraints = tuple(c for c in self.constraints if c not in self.list_constraints)
        #: The conversion without constraints, used on the error path to tell which check failed.
        self.convert_item = scalar_converter(item_type)
        if self.is_sequence:
            item = _sequence_item(annotation)
            item_convert = scalar_converter(item, _without_lengths(meta) if self.list_constraints else meta)
            container = typing.get_origin(unwrap_optional(annotation)) or list
            bounds = dict(self.list_constraints)
            shortest, longest = bounds.get("min_length", 0), bounds.get("max_length")

            def convert_many(values: list[str]) -> Any:
                items = [item_convert(v) for v in values]
                if len(items) < shortest or (longest is not None and len(items) > longest):
                    raise ValueError("list length out of bounds")
                return items if container is list else container(items)

            self.convert: Callable[[Any], Any] = convert_many
        else:
            self.convert = scalar_converter(annotation, meta)
        model_adapter = adapter_for(declared)
        if model_adapter is not None:  # EmailStr, conint(ge=1), Field(...) metadata: the model library converts
            target = declared if meta is None else typing.Annotated[declared, meta]
            self.convert = model_adapter.validator(target, ())
            self.annotation = declared  # with its pydantic metadata, for the library's JSON Schema

    def default_value(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return self.default

    def error(self, loc: str, value: Any, exc: Exception) -> dict[str, Any]:
        """The FastAPI-shaped error for ``value`` (error path only: may convert again)."""
        where = (loc, self.alias)
        if isinstance(exc, ModelValidationError):  # the model library's own error, under this parameter
            first = dict(exc.errors[0])
            first["loc"] = [*where, *first["loc"]]
            return first
        if self.is_sequence and isinstance(value, list):
            for index, item in enumerate(value):
                try:
                    converted = self.convert_item(item)
                except (ValueError, TypeError, msgspec.ValidationError) as item_exc:
                    return conversion_error((*where, index), item, item_exc, self.type_label, self.expected)
                problem = constraint_error((*where, index), item, converted, self.item_constraints)
                if problem is not None:
                    return problem
            problem = constraint_error(where, value, value, self.list_constraints)
            if problem is not None:
                return problem
            return conversion_error(where, value, exc, self.type_label, self.expected)
        if self.constraints:
            for item in value if isinstance(value, list) else (value,):
                try:
                    converted = self.convert_item(item)
                except (ValueError, TypeError, msgspec.ValidationError) as item_exc:
                    return conversion_error(where, item, item_exc, self.type_label, self.expected)
                problem = constraint_error(where, item, converted, self.constraints)
                if problem is not None:
                    return problem
        return conversion_error(where, value, exc, self.type_label, self.expected)


_LENGTHS = ("min_length", "max_length")
_META_OPTIONS = ("gt", "ge", "lt", "le", "multiple_of", "pattern", "tz", "title", "description", "examples")


def _without_lengths(meta: msgspec.Meta | None) -> msgspec.Meta | None:
    """``meta`` without ``min_length``/``max_length`` (those bound a list parameter, not its items)."""
    if meta is None:
        return None
    kept = {name: getattr(meta, name) for name in _META_OPTIONS if getattr(meta, name) is not None}
    return msgspec.Meta(**kept) if kept else None


class BodyDecoder(typing.Protocol):
    """What decodes a JSON body: a ``msgspec.json.Decoder``, or an adapter's (see ``model_adapters``)."""

    def decode(self, buf: bytes, /) -> Any: ...


@dataclasses.dataclass(slots=True)
class BodyPlan:
    """How to decode the JSON body: whole into one parameter, or embedded by name into several."""

    params: list[tuple[str, str, Any, Param]]  # (name, alias, annotation, field)
    embed: bool
    decoder: BodyDecoder
    required: bool
    media_type: str = "application/json"
    is_form: bool = False
    #: A lone ``str``/``bytes`` body also accepts non-JSON content as it is (FastAPI does the same).
    raw_type: type | None = None
    #: Fills dataclass defaults msgspec leaves out of decoded instances (``None``: nothing to fill).
    complete: Callable[[Any], None] | None = None
    #: Lists the non-finite ``Decimal``s of a decoded body (``None``: the type holds no ``Decimal``).
    check: FiniteCheck | None = None


@dataclasses.dataclass(slots=True)
class SubDependency:
    name: str | None
    dependant: Dependant
    use_cache: bool


@dataclasses.dataclass(slots=True, eq=False)
class Dependant:
    """The plan for calling one callable with values taken from the request."""

    call: Callable[..., Any] | None
    path_params: list[ParamPlan] = dataclasses.field(default_factory=list)
    query_params: list[ParamPlan] = dataclasses.field(default_factory=list)
    header_params: list[ParamPlan] = dataclasses.field(default_factory=list)
    cookie_params: list[ParamPlan] = dataclasses.field(default_factory=list)
    form_params: list[ParamPlan] = dataclasses.field(default_factory=list)
    body: BodyPlan | None = None
    dependencies: list[SubDependency] = dataclasses.field(default_factory=list)
    #: (parameter name, kind) where kind is "connection", "response", "background", "security_scopes".
    specials: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    is_coroutine: bool = False
    is_async_gen: bool = False
    is_gen: bool = False
    security_scopes: list[str] = dataclasses.field(default_factory=list)
    use_cache: bool = True
    #: A cheap synchronous call made on the event loop (query-group models), never in a thread.
    run_inline: bool = False
    #: The key of the per-request cache: the callable plus the scopes it was asked with.
    cache_key: tuple[Any, tuple[str, ...]] = ()  # type: ignore[assignment]
    #: True when something in this tree is a generator dependency (needs an exit stack).
    needs_exit_stack: bool = False
    #: True when something in this tree reads the body or wants the connection object.
    needs_body: bool = False
    #: Only path/query/header/cookie parameters: solved without awaiting anything.
    only_params: bool = False
    #: Has path/query/header/cookie parameters at all.
    has_params: bool = False
    #: Raw (lower-case, latin-1) header names of ``header_params`` -> their alias, for one scan of the scope.
    header_keys: dict[bytes, str] = dataclasses.field(default_factory=dict)
    #: When a ``yield`` dependency's exit code runs: "request" (after the response is sent) or
    #: "function" (right after the handler returns, before the response), FastAPI's ``Depends(scope=)``.
    exit_scope: str = "request"
    #: Parameter models only: rewrites the errors their fields produced (from index ``start`` of the
    #: list) into FastAPI's model shape, given the connection. Runs on the error path only.
    on_errors: Callable[[list[dict[str, Any]], int, Any], None] | None = None
    #: Parameter models validated by ``call`` itself (a synchronous, inline call): the errors of the
    #: ``RequestValidationError`` it raises join the request's other errors (one 422, as in FastAPI).
    reports_errors: bool = False
    #: Parameters documented in OpenAPI but read by ``call`` itself (an adapted model's query/header/cookie group).
    openapi_params: list[ParamPlan] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        self.cache_key = (self.call, tuple(sorted(self.security_scopes)))

    def all_params(self) -> list[ParamPlan]:
        return [*self.path_params, *self.query_params, *self.header_params, *self.cookie_params, *self.form_params]


def _sequence_item(tp: object) -> Any:
    args = typing.get_args(unwrap_optional(tp))
    return args[0] if args else str


def _constraints_of(meta: msgspec.Meta | None) -> tuple[tuple[str, Any], ...]:
    if meta is None:
        return ()
    names = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")
    return tuple((name, getattr(meta, name)) for name in names if getattr(meta, name, None) is not None)


def _lengths_of(field: Param) -> tuple[tuple[str, Any], ...]:
    return tuple((name, getattr(field, name)) for name in _LENGTHS if getattr(field, name) is not None)


def _meta_for(field: Param, *, lengths: bool = True) -> msgspec.Meta | None:
    """``field``'s constraints as one ``msgspec.Meta`` (``lengths=False``: without min/max_length)."""
    kwargs = {
        key: value
        for key, value in (
            ("gt", field.gt),
            ("ge", field.ge),
            ("lt", field.lt),
            ("le", field.le),
            ("min_length", field.min_length if lengths else None),
            ("max_length", field.max_length if lengths else None),
            ("pattern", field.pattern),
        )
        if value is not None
    }
    return msgspec.Meta(**kwargs) if kwargs else None  # type: ignore[call-overload]


def _is_gen(call: Any, check: Callable[[Any], bool]) -> bool:
    if check(call):
        return True
    if not inspect.isfunction(call) and not inspect.isclass(call):
        return check(getattr(call, "__call__", None))  # noqa: B004
    return False


#: Local namespaces of the scopes where handlers were decorated, so that string annotations
#: (``from __future__ import annotations``) naming local classes or functions still resolve.
_LOCAL_NAMESPACES: dict[Any, dict[str, Any]] = {}


def remember_local_namespace(call: Any, namespace: dict[str, Any]) -> None:
    """Record where ``call`` was defined (the route decorators call this with the caller's locals)."""
    with contextlib.suppress(TypeError):  # an unhashable callable instance is simply not recorded
        _LOCAL_NAMESPACES[call] = namespace


def local_namespace(call: Any) -> dict[str, Any] | None:
    try:
        return _LOCAL_NAMESPACES.get(call)
    except TypeError:
        return None


def _annotations_only(target: Any) -> Any:
    """``target`` as ``get_type_hints`` should see it: its annotations and globals, not its defaults.

    Before Python 3.11, ``get_type_hints`` turns the hint of a parameter whose default is ``None``
    into ``Optional[...]``; that hides the markers of ``Annotated[T, Header(...)] = None`` and makes
    ``q: str = None`` nullable. Python 3.11+ does neither, so there the callable is used as it is.
    """
    annotations = getattr(target, "__annotations__", None)
    if sys.version_info >= (3, 11) or annotations is None:
        return target
    # No ``__code__``/``__defaults__`` here; ``__wrapped__`` leads get_type_hints to the globals.
    return types.SimpleNamespace(__annotations__=annotations, __wrapped__=target)


def _type_hints(call: Any, localns: dict[str, Any] | None = None) -> dict[str, Any]:
    target = call
    if inspect.isclass(call):
        target = call.__init__
    elif not (inspect.isfunction(call) or inspect.ismethod(call)) and callable(call):
        target = call.__call__
    target = _annotations_only(target)
    try:
        try:
            return typing.get_type_hints(target, include_extras=True)
        except NameError:
            if not localns:
                raise
            return typing.get_type_hints(target, localns=localns, include_extras=True)
    except NameError as exc:
        name = getattr(call, "__qualname__", repr(call))
        raise FasterAPIError(
            f"cannot resolve the type hints of {name}: {exc}. Define the type before the route is registered "
            "(or import it at module level)."
        ) from exc


def _signature(call: Any) -> inspect.Signature:
    try:
        return inspect.signature(call)
    except (TypeError, ValueError) as exc:
        raise FasterAPIError(f"cannot read the signature of {call!r}: {exc}") from exc


def _split_annotated(annotation: object) -> tuple[Any, list[Any]]:
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return args[0], list(args[1:])
    return annotation, []


def _is_special(annotation: object) -> str | None:
    tp = unwrap_optional(annotation)
    # On Python 3.10, ``list[X]`` passes ``isinstance(..., type)`` but breaks ``issubclass``.
    if not isinstance(tp, type) or typing.get_origin(tp) is not None:
        return None
    if issubclass(tp, HTTPConnection):
        return "connection"
    if issubclass(tp, Response):
        return "response"
    if issubclass(tp, BackgroundTasks):
        return "background"
    if issubclass(tp, SecurityScopes):
        return "security_scopes"
    return None


def get_dependant(
    call: Callable[..., Any],
    *,
    path_param_names: frozenset[str] | tuple[str, ...] = (),
    use_cache: bool = True,
    security_scopes: list[str] | None = None,
    localns: dict[str, Any] | None = None,
    exit_scope: str = "request",
    defer_path_check: bool = False,
    _stack: tuple[Any, ...] = (),
) -> Dependant:
    """Plan ``call``: classify each parameter once, recursively for ``Depends`` (cycles raise).

    Declaration mistakes raise ``FasterAPIError`` naming the parameter and the fix. With
    ``defer_path_check`` a ``Path()`` parameter missing from ``path_param_names`` is planned anyway: it
    may come from the prefix of a later ``include_router``, and the router checks it then.
    """
    if call in _stack:
        chain = " -> ".join(getattr(c, "__qualname__", repr(c)) for c in (*_stack, call))
        raise FasterAPIError(f"circular dependency: {chain}")
    localns = local_namespace(call) or localns
    hints = _type_hints(call, localns)
    signature = _signature(call)
    dependant = Dependant(
        call=call,
        is_coroutine=is_coroutine(call),
        is_async_gen=_is_gen(call, inspect.isasyncgenfunction),
        is_gen=_is_gen(call, inspect.isgeneratorfunction),
        security_scopes=list(security_scopes or []),
        use_cache=use_cache,
        exit_scope=exit_scope,
    )
    needs_own_exit = dependant.is_async_gen or dependant.is_gen
    if needs_own_exit:
        dependant.needs_exit_stack = True
    body_params: list[tuple[str, str, Any, Param]] = []
    for name, parameter in signature.parameters.items():
        if parameter.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        annotation = hints.get(name, parameter.annotation)
        if annotation is inspect.Parameter.empty:
            annotation = Any
        base, metadata = _split_annotated(annotation)
        markers = [m for m in metadata if isinstance(m, (Param, Depends))]
        # The type with its other metadata (``msgspec.Meta`` constraints) but without our markers.
        typed = _without_markers(base, metadata)
        default = parameter.default
        if isinstance(default, (Param, Depends)):
            if markers:
                raise FasterAPIError(f"{_where(name, call)}: give the marker in Annotated or as the default, not both")
            marker: Param | Depends | None = default
            default = inspect.Parameter.empty
        else:
            marker = markers[-1] if markers else None
        if isinstance(marker, Depends):
            sub_call = marker.dependency if marker.dependency is not None else base
            if sub_call is None or sub_call is Any:
                raise FasterAPIError(f"{_where(name, call)}: Depends() needs a callable or a class annotation")
            if not callable(sub_call):
                raise FasterAPIError(f"{_where(name, call)}: {not_callable(sub_call)}")
            scopes = [*dependant.security_scopes, *(marker.scopes if isinstance(marker, Security) else [])]
            if marker.scope not in (None, "request", "function"):
                raise FasterAPIError(f"Depends(scope={marker.scope!r}) on {name!r}: use 'function' or 'request'")
            if marker.scope == "function" and dependant.exit_scope == "request" and needs_own_exit:
                # Its exit code runs after the response, so what it depends on must still be open then.
                raise DependencyScopeError(
                    f'The dependency "{getattr(call, "__name__", call)}" has a scope of "request", '
                    'it cannot depend on dependencies with scope "function".'
                )
            sub = get_dependant(
                sub_call,
                path_param_names=path_param_names,
                use_cache=marker.use_cache,
                security_scopes=scopes,
                localns=localns,
                exit_scope="function" if marker.scope == "function" else "request",
                defer_path_check=defer_path_check,
                _stack=(*_stack, call),
            )
            dependant.dependencies.append(SubDependency(name, sub, marker.use_cache))
            dependant.needs_exit_stack |= sub.needs_exit_stack
            dependant.needs_body |= sub.needs_body
            continue
        special = _is_special(base)
        if special is not None and marker is None:
            dependant.specials.append((name, special))
            continue
        if marker is not None:
            # Annotated[T, Query()] = default: the Python default wins when the marker has none.
            field = marker
            if default is not inspect.Parameter.empty and field.default is MISSING and field.default_factory is None:
                field = _copy_with_default(field, default)
        else:
            field_default = MISSING if default is inspect.Parameter.empty else default
            if name in path_param_names:
                field = Path(field_default)
            elif is_upload_annotation(base):
                field = File(field_default)
            elif is_scalar(base) or is_adapted_scalar(base):
                field = Query(field_default)
            else:
                field = Body(field_default)
        if name in path_param_names and marker is not None and not isinstance(field, Path):
            raise FasterAPIError(
                f"{_where(name, call)}: {{{name}}} is in the route's path, so {name!r} is a path parameter; "
                f"declare it with Path() or without a marker, not {type(marker).__name__}()"
            )
        if isinstance(field, Param):
            _check_constraints(name, call, base, field, metadata)
        if isinstance(field, (Query, Header, Cookie)) and (model_adapter := adapted_model(base)) is not None:
            dependant.dependencies.append(SubDependency(name, _adapted_group(base, field, model_adapter), False))
            continue
        optional_model = unwrap_optional(base)
        if (
            isinstance(field, (Query, Header, Cookie))
            and optional_model is not base
            and (model_adapter := adapted_model(optional_model)) is not None
        ):
            # ``Annotated[Model | None, Cookie()] = None``: None when none of the model's fields is sent.
            group = _adapted_group(optional_model, field, model_adapter, optional=True)
            dependant.dependencies.append(SubDependency(name, group, False))
            continue
        if isinstance(field, (Query, Header, Cookie)) and is_model(base):
            group = _group_dependant(base, field)
            dependant.dependencies.append(SubDependency(name, group, False))
            continue
        if isinstance(field, Path) or (marker is None and name in path_param_names):
            if name not in path_param_names and not defer_path_check:
                raise FasterAPIError(
                    f"{_where(name, call)} is declared with Path(), but the route's path has no {{{name}}}: "
                    f"add {{{name}}} to the path, or declare it with Query()"
                )
            dependant.path_params.append(ParamPlan(name, "path", typed, field))
        elif isinstance(field, (Form, File)):
            dependant.form_params.append(ParamPlan(name, field.source, typed, field))
            dependant.needs_body = True
        elif isinstance(field, Body):
            part = unsupported_part(base)
            if part is not None:
                raise FasterAPIError(
                    f"{_where(name, call)} would be read from the JSON body as {_type_name(base)}, but "
                    f"{why_unsupported(part)}"
                )
            body_params.append((name, field.alias or name, typed, field))
            dependant.needs_body = True
        else:
            if not (is_scalar(base) or is_sequence(base) or is_adapted_scalar(base)):
                raise FasterAPIError(f"{_where(name, call)}: {_no_text_source(base, field)}")
            if isinstance(field, Header):
                dependant.header_params.append(ParamPlan(name, "header", typed, field))
            elif isinstance(field, Cookie):
                dependant.cookie_params.append(ParamPlan(name, "cookie", typed, field))
            else:
                dependant.query_params.append(ParamPlan(name, "query", typed, field))
    if body_params:
        dependant.body = _plan_body(body_params)
    return _finish(dependant)


def plan_endpoint(
    endpoint: Callable[..., Any],
    path_param_names: Iterable[str],
    dependencies: Sequence[Any] = (),
    *,
    defer_path_check: bool = False,
) -> Dependant:
    """A route endpoint's plan, with the route's (and its routers') ``dependencies`` run first, in order.

    One planner for HTTP routes and the WebSocket package's routes; it runs once, at registration.
    ``defer_path_check`` as in :func:`get_dependant`.
    """
    names = frozenset(path_param_names)
    dependant = get_dependant(endpoint, path_param_names=names, defer_path_check=defer_path_check)
    if not dependencies:
        return dependant
    localns = local_namespace(endpoint)
    planned = []
    for marker in dependencies:
        if not isinstance(marker, Depends):
            raise FasterAPIError(
                f"dependencies= takes Depends(...) markers, got {marker!r}: write dependencies=[Depends(...)]"
            )
        call = marker.dependency
        if call is None:
            raise FasterAPIError("route dependencies need a callable: dependencies=[Depends(callable)]")
        if not callable(call):
            raise FasterAPIError(f"dependencies=[...]: {not_callable(call)}")
        sub = get_dependant(
            call,
            path_param_names=names,
            use_cache=marker.use_cache,
            security_scopes=list(getattr(marker, "scopes", None) or []),
            localns=localns,
            defer_path_check=defer_path_check,
        )
        planned.append(SubDependency(None, sub, marker.use_cache))
        dependant.needs_exit_stack |= sub.needs_exit_stack
        dependant.needs_body |= sub.needs_body
    dependant.dependencies[:0] = planned
    return _finish(dependant)


def _call_name(call: Any) -> str:
    """``read_item()`` for a function, the class name for a callable instance."""
    if getattr(call, "__qualname__", None) is None:
        return f"{display_name(type(call))} instance"
    return f"{display_name(call)}()"


def _where(name: str, call: Any) -> str:
    return f"parameter {name!r} of {_call_name(call)}"


def _type_name(tp: Any) -> str:
    return display_name(tp) if isinstance(tp, type) and typing.get_origin(tp) is None else repr(tp)


def not_callable(value: Any) -> str:
    """Why ``Depends(value)`` cannot work, and the usual cause."""
    return (
        f"Depends() got {value!r}, which is not callable: pass the dependency itself, Depends(get_db), "
        "not the result of calling it, Depends(get_db())"
    )


def _no_text_source(base: Any, field: Param) -> str:
    """Why a query/header/cookie parameter of type ``base`` cannot be filled, and what to write instead."""
    source = field.source
    if isinstance(base, type) and not is_model(base):
        part = unsupported_part(base)
        if part is not None:
            return f"a {source} value cannot carry {_type_name(base)}: {why_unsupported(part)}"
    if is_model(base):
        return f"a {source} value cannot carry the model {_type_name(base)}: mark it Body() to read it from the body"
    return (
        f"a {source} value cannot carry {_type_name(base)}: use str, int, float, bool, an Enum, a date or UUID "
        f"(or a list of these), or read it from the body with Body()"
    )


#: What each constraint needs of the value's type (``Any`` takes every constraint).
_BOUNDS = ("gt", "ge", "lt", "le", "multiple_of")
_ORDERED = (int, float, decimal.Decimal)
_SIZED = (str, bytes, list, tuple, set, frozenset, dict)


def _check_constraints(name: str, call: Any, base: Any, field: Param, metadata: list[Any]) -> None:
    """Refuse constraints that can never hold for the type (``Query(gt=3)`` on ``str``): each request would fail."""
    given = [key for key in (*_BOUNDS, *_LENGTHS, "pattern") if getattr(field, key, None) is not None]
    for extra in metadata:
        if isinstance(extra, msgspec.Meta):
            given += [key for key in (*_BOUNDS, *_LENGTHS, "pattern") if getattr(extra, key, None) is not None]
    if not given:
        return
    tp = unwrap_optional(base)
    sequence = is_sequence(tp)
    item = unwrap_optional(_sequence_item(tp)) if sequence else tp
    for key in dict.fromkeys(given):
        if key in _LENGTHS and sequence:
            continue  # a list parameter's length
        target = item
        if target is Any or not isinstance(target, type) or typing.get_origin(target) is not None:
            continue  # Literal, unions, generics: left to msgspec
        if key in _BOUNDS:
            fits, needs = issubclass(target, _ORDERED), "a number (int, float, Decimal)"
        elif key in _LENGTHS:
            fits, needs = issubclass(target, _SIZED), "str, bytes or a list"
        else:
            fits, needs = issubclass(target, str), "str"
        if not fits:
            marker = type(field).__name__
            raise FasterAPIError(
                f"{_where(name, call)}: {marker}({key}=...) cannot apply to {_type_name(target)}; {key} needs "
                f"{needs}. Change the annotation or drop the constraint"
            )


def _finish(dependant: Dependant) -> Dependant:
    """Derived fields the solver reads on every request."""
    dependant.only_params = not (
        dependant.dependencies or dependant.body or dependant.form_params or dependant.specials
    )
    dependant.has_params = bool(
        dependant.path_params or dependant.query_params or dependant.header_params or dependant.cookie_params
    )
    dependant.header_keys = {plan.alias.encode("latin-1"): plan.alias for plan in dependant.header_params}
    return dependant


def _without_markers(base: Any, metadata: list[Any]) -> Any:
    kept = [m for m in metadata if not isinstance(m, (Param, Depends))]
    if not kept:
        return base
    params = (base, *kept)
    return typing.Annotated[params]


def _group_dependant(model: type, marker: Param) -> Dependant:
    """A model used as ``Annotated[Model, Query()]``: one parameter per field, then ``Model(**values)``."""
    marker_class = type(marker)
    source = marker.source
    fields = model_fields(model)
    plans: list[ParamPlan] = []
    for name, alias, annotation, default, factory, _ in fields:
        field = marker_class(
            default,
            default_factory=factory,
            alias=alias if alias != name else None,
            convert_underscores=marker.convert_underscores,
        )
        base, _ = _split_annotated(annotation)
        if not (is_scalar(base) or is_sequence(base)):
            raise FasterAPIError(
                f"field {name!r} of {model.__qualname__} has type {base!r}, which a {source} value cannot carry"
            )
        plans.append(ParamPlan(name, source, annotation, field))
    shape = _ModelShape(source, plans, {name: alias for name, alias, *_ in fields}, forbids_unknown_fields(model))

    def build(**values: Any) -> Any:
        return model(**values)

    if shape.forbid:

        def build(**values: Any) -> Any:
            extras = shape.extras(values.pop(_CONNECTION_ARGUMENT))
            if extras:
                raise RequestValidationError(extras)
            return model(**values)

    build.__qualname__ = f"{model.__qualname__}<{source} parameters>"
    group = Dependant(call=build, run_inline=True, use_cache=False, on_errors=shape.fix_errors, reports_errors=True)
    if shape.forbid:
        group.specials.append((_CONNECTION_ARGUMENT, "connection"))
    {"query": group.query_params, "header": group.header_params, "cookie": group.cookie_params}[source].extend(plans)
    return _finish(group)


_CONNECTION_ARGUMENT = "__fasterapi_connection__"


class _ModelShape:
    """How FastAPI reports problems of a query/header/cookie parameter model.

    The model is validated as a whole there: ``loc`` names the model's field (``save_data``, not the
    header ``save-data``), a missing field's ``input`` is what was collected for the model (fields
    found, list fields as ``[]``, then every other key sent), and ``extra="forbid"`` (msgspec's
    ``forbid_unknown_fields=True``) refuses every other key sent.
    """

    __slots__ = ("field_alias", "forbid", "plans", "source")

    def __init__(self, source: str, plans: list[ParamPlan], field_alias: dict[str, str], forbid: bool) -> None:
        self.source = source
        self.plans = plans
        self.field_alias = field_alias
        self.forbid = forbid

    def sent(self, connection: Any) -> dict[str, list[str]]:
        if self.source == "cookie":
            return {key: [value] for key, value in connection.cookies.items()}
        values = connection.query_params if self.source == "query" else connection.headers
        return {key: values.getlist(key) for key in dict.fromkeys(values.keys())}

    def known(self) -> set[str]:
        return {plan.alias for plan in self.plans} | set(self.field_alias) | set(self.field_alias.values())

    def extras(self, connection: Any) -> list[dict[str, Any]]:
        known = self.known()
        return [
            {
                "type": "extra_forbidden",
                "loc": [self.source, key],
                "msg": "Extra inputs are not permitted",
                "input": values[0] if len(values) == 1 else values,
            }
            for key, values in self.sent(connection).items()
            if key not in known
        ]

    def collected(self, sent: dict[str, list[str]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for plan in self.plans:
            key = self.field_alias.get(plan.name, plan.name)
            values = sent.get(plan.alias)
            if values:
                found[key] = values if plan.is_sequence else values[-1 if self.source == "query" else 0]
            elif not plan.required:
                default = plan.default_value()
                if default is not None:
                    found[key] = default
        known = self.known()
        for key, values in sent.items():
            if key not in known:
                found[key] = values[0] if len(values) == 1 else values
        return found

    def fix_errors(self, errors: list[dict[str, Any]], start: int, connection: Any) -> None:
        by_alias = {plan.alias: self.field_alias.get(plan.name, plan.name) for plan in self.plans}
        sent = self.sent(connection)
        collected: dict[str, Any] | None = None
        for error in errors[start:]:
            loc = error["loc"]
            if len(loc) == 2 and loc[0] == self.source and loc[1] in by_alias:
                loc[1] = by_alias[loc[1]]
                if error["type"] == "missing":
                    collected = self.collected(sent) if collected is None else collected
                    error["input"] = collected
        if self.forbid:
            errors.extend(self.extras(connection))


def _copy_with_default(field: Param, default: object) -> Param:
    clone = object.__new__(type(field))
    clone.__dict__.update(field.__dict__)
    clone.default = default
    return clone


def _constrained(annotation: object, field: Param) -> Any:
    """``annotation`` carrying ``Body(gt=..., max_length=...)`` as msgspec constraints.

    On ``X | None`` the constraints go on ``X`` (msgspec cannot constrain a union; ``None`` stays allowed).
    """
    meta = _meta_for(field)
    if meta is None:
        return annotation
    base, _ = _split_annotated(annotation)
    inner = unwrap_optional(base)
    if inner is not base:
        return typing.Optional[typing.Annotated[inner, meta]]  # noqa: UP045 - built at runtime
    return typing.Annotated[annotation, meta]


def _plan_body(params: list[tuple[str, str, Any, Param]]) -> BodyPlan:
    embed = len(params) > 1 or bool(params[0][3].embed)
    for _, _, annotation, _ in params:
        model_adapter = adapter_for(annotation)
        if model_adapter is not None:
            return _adapted_body(model_adapter, params, embed)
    for name, _, annotation, _ in params:
        refuse_adapted_inside(annotation, f"body parameter {name!r}")
    if not embed:
        _, _, annotation, field = params[0]
        required = field.required
        target = _constrained(annotation, field)
        target = target if required else target | None
        raw_type = unwrap_optional(_split_annotated(annotation)[0])
        return BodyPlan(
            params,
            False,
            msgspec.json.Decoder(target),
            required,
            field.media_type or "application/json",
            raw_type=raw_type if raw_type in (str, bytes) else None,
            complete=plan_completion(annotation),
            check=plan_finite_check(target),
        )
    fields: list[Any] = []
    for name, _, annotation, field in params:
        checked = _constrained(annotation, field)
        if field.required:
            fields.append((name, checked))
        elif field.default_factory is not None:
            fields.append((name, checked, msgspec.field(default_factory=field.default_factory)))
        else:
            fields.append((name, checked, field.default))
    renames = {name: alias for name, alias, _, _ in params if alias != name}
    struct = msgspec.defstruct("Body", fields, kw_only=True, rename=renames or None)
    required = any(field.required for *_, field in params)
    return BodyPlan(
        params,
        True,
        msgspec.json.Decoder(struct),
        required,
        complete=plan_completion(struct),
        check=plan_finite_check(struct),
    )


# -- models of other libraries (pydantic), planned through their adapter -------------------------------


class _AdaptedBody:
    """Decodes a JSON body, then has the adapter validate it: FastAPI's order (``json.loads``, then the model)."""

    __slots__ = ("validate",)

    def __init__(self, validate: Callable[[Any], Any]) -> None:
        self.validate = validate

    def decode(self, buf: bytes, /) -> Any:
        return self.validate(msgspec.json.decode(buf))


class _AdaptedEmbeddedBody:
    """A body object whose keys are parameters, each validated on its own (``loc`` ``["body", key]``)."""

    __slots__ = ("fields",)

    def __init__(self, fields: list[tuple[str, str, Param, Callable[[Any], Any]]]) -> None:
        self.fields = fields

    def decode(self, buf: bytes, /) -> Any:
        document = msgspec.json.decode(buf)
        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for name, key, field, validate in self.fields:
            value = document.get(key, MISSING) if isinstance(document, dict) else MISSING
            if value is MISSING:
                if field.required or not isinstance(document, dict):
                    errors.append({"type": "missing", "loc": ["body", key], "msg": "Field required", "input": None})
                else:
                    values[name] = field.default_factory() if field.default_factory else field.default
                continue
            try:
                values[name] = validate(value)
            except ModelValidationError as exc:
                errors.extend(exc.errors)
        if errors:
            raise ModelValidationError(errors)
        return types.SimpleNamespace(**values)


def _adapted_body(model_adapter: ModelAdapter, params: list[tuple[str, str, Any, Param]], embed: bool) -> BodyPlan:
    if not embed:
        _, _, annotation, field = params[0]
        target = _constrained(annotation, field)
        validate = model_adapter.validator(target if field.required else target | None, ("body",))
        media_type = field.media_type or "application/json"
        return BodyPlan(params, False, _AdaptedBody(validate), field.required, media_type)
    fields = [
        (name, alias, field, model_adapter.validator(_constrained(annotation, field), ("body", alias)))
        for name, alias, annotation, field in params
    ]
    required = any(field.required for *_, field in params)
    return BodyPlan(params, True, _AdaptedEmbeddedBody(fields), required)


def _made_by_factory() -> None:
    """Stands for an adapted field's own ``default_factory`` in its documented plan (no default is shown)."""


def _adapted_group(model: type, marker: Param, model_adapter: ModelAdapter, *, optional: bool = False) -> Dependant:
    """``Annotated[Model, Query()]`` for an adapted model: collect the values, the model validates them whole.

    As FastAPI does: each field's value under its alias (every value for a list field, else the last
    query value or the first header), then every other key sent, so that ``extra="forbid"`` can refuse
    them; errors are the model's, under ``loc`` ``[source, ...]``. ``optional`` (``Model | None``): the
    parameter's default when none of the model's fields is sent, and every field documented as optional.
    """
    absent = None if marker.default is MISSING else marker.default
    source = marker.source
    marker_class = type(marker)
    fields = model_adapter.fields(model)
    validate = model_adapter.validator(model, (source,))
    reads: list[tuple[str, str, bool]] = []  # (key in the model's input, key in the request, many)
    documented: list[ParamPlan] = []
    for field in fields:
        request_key = field.key
        if source == "header":
            if field.key == field.name and marker.convert_underscores:
                request_key = field.name.replace("_", "-")
            request_key = request_key.lower()
        reads.append((field.key, request_key, field.is_sequence))
        plan = ParamPlan(
            field.name,
            source,
            field.annotation,
            marker_class(
                (None if optional else MISSING) if field.required else field.default,
                default_factory=None if field.required or field.default is not MISSING else _made_by_factory,
                alias=request_key,
                title=field.title or field.key.title().replace("_", " "),
                description=field.description,
                convert_underscores=False,
            ),
        )
        plan.annotation = field.annotation  # with its constraints, for the adapter's schema
        documented.append(plan)
    own_keys = {request_key for _, request_key, _ in reads}
    renamed = {key: request_key for key, request_key, _ in reads if key != request_key}

    def build(**values: Any) -> Any:
        connection = values[_CONNECTION_ARGUMENT]
        if source == "cookie":
            sent: dict[str, list[str]] = {key: [value] for key, value in connection.cookies.items()}
        else:
            multi = connection.query_params if source == "query" else connection.headers
            sent = {key: multi.getlist(key) for key in dict.fromkeys(multi.keys())}
        if optional and own_keys.isdisjoint(sent):
            return absent
        data: dict[str, Any] = {}
        for key, request_key, many in reads:
            found = sent.get(request_key)
            if found:
                data[key] = found if many else found[-1 if source == "query" else 0]
        for key, found in sent.items():
            if key not in own_keys:
                data[key] = found[0] if len(found) == 1 else found
        try:
            return validate(data)
        except ModelValidationError as exc:
            if renamed:  # header fields are reported under the header's name, as FastAPI does
                for error in exc.errors:
                    loc = error["loc"]
                    if len(loc) > 1 and loc[1] in renamed:
                        loc[1] = renamed[loc[1]]
            raise RequestValidationError(exc.errors) from None

    build.__qualname__ = f"{model.__qualname__}<{source} parameters>"
    group = Dependant(call=build, run_inline=True, use_cache=False, openapi_params=documented, reports_errors=True)
    group.specials.append((_CONNECTION_ARGUMENT, "connection"))
    return _finish(group)
