"""Executing a ``Dependant`` plan for one request: extract, convert, call dependencies.

Kept flat on purpose: this is the request hot path. All decisions that can be made from the
signature were made by ``dependencies.plan_endpoint``/``get_dependant`` at registration.
``RequestContext``, ``solve`` and ``call_endpoint`` are public: other route types (the WebSocket
package's) run their endpoints with them.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import re
from typing import Any

import anyio.to_thread
import msgspec

from ._body_errors import body_errors, json_invalid, missing_fields_payload
from ._context import RequestContext, cookies_of
from ._errors import json_invalid_error, missing_error
from ._form_params import extract_form
from ._limits import RequestTooLarge
from ._numbers import integral_floats_as_ints
from .background import BackgroundTasks
from .datastructures import query_dict
from .dependencies import BodyPlan, Dependant, ParamPlan, SecurityScopes
from .exceptions import HTTPException, RequestValidationError
from .model_adapters import ModelValidationError
from .requests import ClientDisconnect, Request
from .responses import Response
from .types import Message, Receive, Scope

__all__ = ["RequestContext", "call_endpoint", "solve"]


def extract_simple(
    dependant: Dependant,
    scope: Scope,
    path_params: dict[str, Any],
    errors: list[dict[str, Any]],
    path_ready: bool = False,
) -> dict[str, Any]:
    """The arguments of a dependant that only has path/query/header/cookie parameters.

    No ``RequestContext``, no awaiting: the common handler shape takes this short way.
    ``path_ready``: the router's values are the path arguments as they are (see
    ``routing.path_values_ready``). Problems are appended to ``errors``.
    """
    if path_ready:
        values = dict(path_params)
    else:
        values = {}
        if dependant.path_params:
            _extract(dependant.path_params, path_params, "path", values, errors)
    if dependant.query_params:
        _extract(dependant.query_params, query_dict(scope.get("query_string", b"")), "query", values, errors)
    if dependant.header_params:
        _extract(dependant.header_params, _headers_for(dependant.header_keys, scope), "header", values, errors)
    if dependant.cookie_params:
        _extract(dependant.cookie_params, cookies_of(scope), "cookie", values, errors)
    return values


def _extract(
    plans: list[ParamPlan], source: dict[str, Any], loc: str, values: dict[str, Any], errors: list[Any]
) -> None:
    for plan in plans:
        raw = source.get(plan.alias)
        if raw is None:
            if plan.required:
                errors.append(missing_error((loc, plan.alias)))
            else:
                values[plan.name] = plan.default_value()
            continue
        value: Any  # a list for sequence parameters, one text otherwise (mypyc checks local types)
        if plan.is_sequence:
            value = raw if isinstance(raw, list) else [raw]
        elif isinstance(raw, list):
            value = raw[-1] if loc == "query" else raw[0]
        else:
            value = raw
        try:
            values[plan.name] = plan.convert(value)
        except (ValueError, TypeError, msgspec.ValidationError) as exc:
            errors.append(plan.error(loc, value, exc))


async def read_body(ctx: RequestContext) -> bytes:
    """The whole request body, read once per request and shared with ``Request.body()``."""
    if ctx.body is None:
        connection = ctx.connection
        if connection is not None:
            ctx.body = await connection.body() if isinstance(connection, Request) else b""
            return ctx.body
        ctx.body = await receive_body(ctx.receive)
    return ctx.body


async def receive_body(receive: Receive, limit: int | None = None) -> bytes:
    """Every ``http.request`` chunk joined (one message, the usual case, is taken as it is).

    ``limit``: raise ``RequestTooLarge`` (413) as soon as more bytes than that have arrived.
    """
    message = await receive()
    if message["type"] == "http.request" and not message.get("more_body", False):
        body: bytes = message.get("body", b"")
        if limit is not None and len(body) > limit:
            raise RequestTooLarge(limit)
        return body
    return await receive_rest(receive, message, limit)


async def receive_rest(receive: Receive, message: Message, limit: int | None) -> bytes:
    """The body from ``message`` on, when it is not the whole body in one ``http.request`` (see ``receive_body``)."""
    kind = message["type"]
    chunks: list[bytes] = []
    received = 0
    while True:
        if kind == "http.disconnect":
            raise ClientDisconnect()
        if kind == "http.request":
            chunk = message.get("body", b"")
            if limit is not None:
                received += len(chunk)
                if received > limit:
                    raise RequestTooLarge(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        message = await receive()
        kind = message["type"]
    return b"".join(chunks)


def body_headers(scope: Scope) -> tuple[str | None, bytes | None]:
    """The first ``Content-Type`` (decoded) and the first ``Content-Length`` (raw), in one scan."""
    content_type: bytes | None = None
    length: bytes | None = None
    for key, value in scope.get("headers", ()):
        if key == b"content-type":
            if content_type is None:
                content_type = value
        elif key == b"content-length":
            if length is None:
                length = value
        elif content_type is None and len(key) == 12 and key.lower() == b"content-type":
            content_type = value  # ASGI promises lower-case names; tolerate servers that break that
    if content_type is None:
        return None, length
    return content_type.decode("latin-1"), length


async def solve(dependant: Dependant, ctx: RequestContext) -> dict[str, Any]:
    """The keyword arguments for ``dependant.call``; problems go to ``ctx.errors``."""
    values: dict[str, Any] = {}
    errors = ctx.errors
    cache = ctx.cache
    overrides = ctx.overrides
    for sub in dependant.dependencies:
        sub_dependant = sub.dependant
        if overrides is not None:
            sub_dependant = _overridden(ctx, sub_dependant)
        key = sub_dependant.cache_key
        value = cache.get(key, _MISSING) if sub.use_cache else _MISSING
        if value is _MISSING:
            before = len(errors)
            if sub_dependant.only_params:
                kwargs: dict[str, Any] = {}
                if sub_dependant.has_params:
                    _extract_params(sub_dependant, ctx, kwargs, errors)
            else:
                kwargs = await solve(sub_dependant, ctx)
            if len(errors) != before:
                if sub_dependant.on_errors is not None:
                    sub_dependant.on_errors(errors, before, ctx.get_connection())
                continue
            if sub_dependant.is_coroutine:
                value = await sub_dependant.call(**kwargs)  # type: ignore[misc]
            elif sub_dependant.reports_errors:
                try:
                    value = sub_dependant.call(**kwargs)  # type: ignore[misc]
                except RequestValidationError as exc:
                    errors.extend(exc.errors())
                    continue
            else:
                value = await call_dependency(sub_dependant, kwargs, ctx)
            if sub.use_cache:
                cache[key] = value
        if sub.name is not None:
            values[sub.name] = value
    if dependant.has_params:
        _extract_params(dependant, ctx, values, errors)
    if dependant.form_params:
        await extract_form(dependant.form_params, ctx, values)
    if dependant.body is not None:
        await _extract_body(dependant, ctx, values)
    if dependant.specials:
        _add_specials(dependant, ctx, values)
    return values


_MISSING: Any = object()


def _extract_params(dependant: Dependant, ctx: RequestContext, values: dict[str, Any], errors: list[Any]) -> None:
    if dependant.path_params:
        _extract(dependant.path_params, ctx.path_params, "path", values, errors)
    if dependant.query_params:
        _extract(dependant.query_params, ctx.get_query(), "query", values, errors)
    if dependant.header_params:
        _extract(dependant.header_params, _headers_for(dependant.header_keys, ctx.scope), "header", values, errors)
    if dependant.cookie_params:
        _extract(dependant.cookie_params, ctx.get_cookies(), "cookie", values, errors)


def _headers_for(wanted: dict[bytes, str], scope: Scope) -> dict[str, list[str]]:
    """The values of just the ``wanted`` headers: one scan of the raw list, nothing else decoded."""
    found: dict[str, list[str]] = {}
    for name, value in scope.get("headers", ()):
        alias = wanted.get(name)
        if alias is None:
            if name.islower():
                continue
            alias = wanted.get(name.lower())
            if alias is None:
                continue
        values = found.get(alias)
        if values is None:
            found[alias] = [value.decode("latin-1")]
        else:
            values.append(value.decode("latin-1"))
    return found


def _add_specials(dependant: Dependant, ctx: RequestContext, values: dict[str, Any]) -> None:
    for name, kind in dependant.specials:
        if kind == "connection":
            values[name] = ctx.get_connection()
        elif kind == "response":
            if ctx.response is None:
                ctx.response = Response()
                ctx.response.status_code = 0
            values[name] = ctx.response
        elif kind == "background":
            if ctx.background is None:
                ctx.background = BackgroundTasks()
            values[name] = ctx.background
        elif kind == "security_scopes":
            values[name] = SecurityScopes(dependant.security_scopes)


_PARSE_ERROR = "There was an error parsing the body"


def _is_json_content_type(content_type: str) -> bool:
    """``application/json`` or ``application/<anything>+json``; parameters after ``;`` ignored."""
    media = content_type.split(";", 1)[0].strip().lower()
    if not media.startswith("application/"):
        return False
    subtype = media[len("application/") :]
    return subtype == "json" or subtype.endswith("+json")


async def _extract_body(dependant: Dependant, ctx: RequestContext, values: dict[str, Any]) -> None:
    plan = dependant.body
    assert plan is not None
    try:
        body = await read_body(ctx)
    except ClientDisconnect:
        ctx.errors.append({"type": "client_disconnected", "loc": ["body"], "msg": "Client disconnected", "input": None})
        return
    content_type = ctx.content_type()
    strict = True if content_type else strict_content_type(ctx.scope)
    decode_body(plan, body, content_type, values, ctx.errors, strict)


def strict_content_type(scope: Scope) -> bool:
    """FastAPI 0.165's ``strict_content_type`` (default on): the serving route's option, else the app's.
    Strict, a body sent without a ``Content-Type`` is not read as JSON."""
    route = scope.get("route")
    options = getattr(route, "options", None)
    if options is not None and "strict_content_type" in options:
        return bool(options["strict_content_type"])
    return bool(getattr(scope.get("app"), "strict_content_type", True))


def decode_body(
    plan: BodyPlan,
    body: bytes,
    content_type: str | None,
    values: dict[str, Any],
    errors: list[Any],
    strict: bool = True,
    quick_422: bool = False,
) -> bytes | None:
    """Validate ``body`` into ``values`` by ``plan`` (FastAPI's content-type rules); problems go to ``errors``.

    ``quick_422``: the caller has no other errors and sends the default 422 itself. A body whose only
    problems are missing fields then comes back as the encoded 422 payload, with nothing in ``errors``.
    """
    if not body:
        if not plan.embed:
            name, _, _, field = plan.params[0]
            if plan.required:
                errors.append(missing_error(("body",)))
            else:
                values[name] = field.default_factory() if field.default_factory else field.default
            return None
        for name, alias, _, field in plan.params:
            if field.required:
                errors.append(missing_error(("body", alias)))
            else:
                values[name] = field.default_factory() if field.default_factory else field.default
        return None
    if (content_type and content_type != "application/json" and not _is_json_content_type(content_type)) or (
        not content_type and strict
    ):
        # FastAPI validates the raw bytes then: only a lone str/bytes body accepts them.
        if plan.raw_type is not None:
            try:
                values[plan.params[0][0]] = body if plan.raw_type is bytes else body.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPException(400, _PARSE_ERROR) from None
            return None
        errors.append(
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": body.decode("utf-8", "replace"),
            }
        )
        return None
    try:
        decoded = plan.decoder.decode(body)
    except msgspec.ValidationError as exc:
        untyped = _untyped(body)  # decoded once for both the integer retry and the error list
        retried = _retry_with_integers(plan, untyped)
        seconds_given = str(exc).startswith(_DURATION_NUMBER)
        if retried is _FAILED and seconds_given:
            retried = _retry_with_seconds(plan, body, str(exc))
        if retried is _FAILED:
            if quick_422 and not plan.embed and type(untyped) is tuple:
                payload = missing_fields_payload(getattr(plan.decoder, "type", None), untyped[0])
                if payload is not None:
                    return payload
            found = _all_body_errors(plan, body, untyped, exc)
            if seconds_given:  # numbers of seconds are fine: only the other problems are reported
                found = [e for e in found if not _SECONDS_ERROR.search(str(e.get("msg", "")))] or found
            errors.extend(found)
            return None
        decoded = retried
    except ModelValidationError as exc:  # a model library behind the seam (pydantic) refused it
        errors.extend(exc.errors)
        return None
    except msgspec.DecodeError as exc:
        errors.append(json_invalid(_text(body)) or json_invalid_error(exc, body))
        return None
    except (UnicodeDecodeError, RecursionError):
        # Starlette's json.loads fails the same way and FastAPI answers 400 for it.
        raise HTTPException(400, _PARSE_ERROR) from None
    if plan.check is not None:
        problems = plan.check(decoded, ("body",))
        if problems:
            errors.extend(problems)
            return None
    if plan.complete is not None:
        plan.complete(decoded)
    if not plan.embed:
        values[plan.params[0][0]] = decoded
        return None
    for name, _, _, _ in plan.params:
        values[name] = getattr(decoded, name)
    return None


_FAILED: Any = object()


#: A JSON float has a digit right before its fraction or exponent; a body without this pattern has none.
_FLOAT_LITERAL = re.compile(rb"[0-9][.eE]")


def _untyped(body: bytes) -> tuple[Any, bool] | BaseException:
    """A refused body decoded without a type, whole-number floats made ``int`` (and whether there were any),
    or why it is not JSON (error path only: it is decoded once for the integer retry and the error list)."""
    try:
        document = msgspec.json.decode(body)
        if _FLOAT_LITERAL.search(body) is None:
            return document, False  # no float anywhere: nothing to walk
        return integral_floats_as_ints(document)
    except (msgspec.DecodeError, RecursionError) as exc:
        return exc


def _retry_with_integers(plan: BodyPlan, untyped: tuple[Any, bool] | BaseException) -> Any:
    """The body decoded with ``3.0`` taken as the integer 3 (error path only), or ``_FAILED``."""
    if isinstance(untyped, BaseException):
        return _FAILED
    document, changed = untyped
    if not changed:
        return _FAILED
    decoder = plan.decoder
    assert isinstance(decoder, msgspec.json.Decoder)  # adapted decoders raise no msgspec.ValidationError
    try:
        return msgspec.convert(document, decoder.type)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError, TypeError):
        return _FAILED


_DURATION_NUMBER = "Expected `duration`, got `"
_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_MAX_DURATION_FIXES = 1000
_SECONDS_ERROR = re.compile(r"Expected `duration`, got `(int|float)`")


def _retry_with_seconds(plan: BodyPlan, body: bytes, message: str) -> Any:
    """The body decoded with numbers taken as seconds where a ``timedelta`` is expected, as FastAPI
    (pydantic) accepts them (error path only: msgspec wants ISO 8601 durations), or ``_FAILED``."""
    decoder = plan.decoder
    if not isinstance(decoder, msgspec.json.Decoder):  # adapted decoders raise no msgspec.ValidationError
        return _FAILED
    try:
        document = msgspec.json.decode(body)
        for _ in range(_MAX_DURATION_FIXES):
            document = _seconds_to_duration(document, message)
            if document is _FAILED:
                return _FAILED
            try:
                return msgspec.convert(document, decoder.type)
            except msgspec.ValidationError as exc:
                message = str(exc)
                if not message.startswith(_DURATION_NUMBER):
                    return _FAILED
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError, TypeError):
        return _FAILED
    return _FAILED


def _seconds_to_duration(document: Any, message: str) -> Any:
    """``document`` with the number at the error's ``$...`` path made a ``timedelta``, or ``_FAILED``."""
    _, _, path = message.partition(" - at `$")
    path = path.rstrip("`")
    steps = list(_PATH_STEP.finditer(path))
    if "".join(step.group(0) for step in steps) != path:
        return _FAILED
    parent: Any = None
    key: Any = None
    node = document
    for step in steps:
        parent, key = node, (step.group(1) if step.group(1) is not None else int(step.group(2)))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return _FAILED
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        return _FAILED
    seconds = datetime.timedelta(seconds=node)
    if parent is None:
        return seconds
    parent[key] = seconds
    return document


def _all_body_errors(
    plan: BodyPlan, body: bytes, untyped: tuple[Any, bool] | BaseException, first: msgspec.ValidationError
) -> list[dict[str, Any]]:
    """Every problem of a body msgspec refused (error path only; msgspec reports just the first)."""
    if isinstance(untyped, msgspec.DecodeError):  # a type mismatch came before the syntax error (``[1,2``)
        return [json_invalid(_text(body)) or json_invalid_error(untyped, body)]
    if isinstance(untyped, BaseException):
        raise HTTPException(400, _PARSE_ERROR) from None
    document, _ = untyped
    if document is None and not plan.embed:
        return [missing_error(("body",))]
    if plan.embed and document is not None and not isinstance(document, dict):
        # FastAPI looks each embedded parameter up in the body: a list or a scalar has none of them.
        return [missing_error(("body", alias)) for _, alias, _, _ in plan.params]
    decoder = plan.decoder
    assert isinstance(decoder, msgspec.json.Decoder)
    errors = body_errors({} if document is None else document, decoder.type, ("body",), first)
    if plan.embed:
        # A body parameter missing from the embedding object is reported with no input, as FastAPI does.
        for error in errors:
            if error["type"] == "missing" and len(error["loc"]) == 2:
                error["input"] = None
    return errors


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, _PARSE_ERROR) from None


def _overridden(ctx: RequestContext, dependant: Dependant) -> Dependant:
    replacement = ctx.overrides.get(dependant.call)
    if replacement is None:
        return dependant
    app = ctx.scope.get("app")
    planner = getattr(app, "_override_dependant", None)
    if planner is None:
        return dependant
    result: Dependant = planner(replacement, dependant)
    return result


async def call_dependency(dependant: Dependant, kwargs: dict[str, Any], ctx: RequestContext) -> Any:
    call = dependant.call
    assert call is not None
    if dependant.is_async_gen:
        stack = _exit_stack(ctx, dependant)
        return await stack.enter_async_context(contextlib.asynccontextmanager(call)(**kwargs))
    if dependant.is_gen:
        stack = _exit_stack(ctx, dependant)
        manager = contextlib.contextmanager(call)(**kwargs)
        value = await anyio.to_thread.run_sync(manager.__enter__)
        stack.push_async_exit(_threaded_exit(manager))
        return value
    return await call_endpoint(dependant, kwargs)


def _threaded_exit(manager: Any) -> Any:
    async def exit_in_thread(exc_type: Any, exc: Any, tb: Any) -> bool:
        result: bool = await anyio.to_thread.run_sync(manager.__exit__, exc_type, exc, tb)
        return result

    return exit_in_thread


def _exit_stack(ctx: RequestContext, dependant: Dependant) -> contextlib.AsyncExitStack:
    if dependant.exit_scope == "function":
        if ctx.function_stack is None:
            ctx.function_stack = contextlib.AsyncExitStack()
        return ctx.function_stack
    if ctx.exit_stack is None:
        ctx.exit_stack = contextlib.AsyncExitStack()
    return ctx.exit_stack


async def call_endpoint(dependant: Dependant, kwargs: dict[str, Any]) -> Any:
    """Await async callables; run sync ones in a worker thread, never on the event loop."""
    call = dependant.call
    assert call is not None
    if dependant.is_coroutine:
        return await call(**kwargs)
    if dependant.run_inline:
        return call(**kwargs)
    return await anyio.to_thread.run_sync(functools.partial(call, **kwargs))
