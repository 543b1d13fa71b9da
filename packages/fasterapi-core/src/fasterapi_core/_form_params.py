"""``Form()``/``File()`` parameters: read a dependant's form fields from the request's parsed form.

``extract_form`` is what the solver calls; each parameter's kind (plain value, upload, bytes, a
Struct/dataclass grouping several fields) is worked out once per plan and remembered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import typing
from collections.abc import Callable
from typing import Any

import msgspec

from ._context import RequestContext
from ._convert import _parse_bool, is_sequence, unwrap_optional
from ._errors import body_error, conversion_error, missing_error
from ._formparsers import parse_form
from ._models import forbids_unknown_fields, model_fields
from .dependencies import ParamPlan
from .model_adapters import ModelValidationError, adapted_model
from .requests import Request
from .uploads import FormData, UploadFile, is_upload_type

__all__ = ["extract_form"]


@dataclasses.dataclass(slots=True)
class _FieldPlan:
    kind: str  # "value", "file", "files", "bytes", "bytes_list", "model"
    model_fields: list[tuple[str, bool]] = dataclasses.field(default_factory=list)  # (form key, is sequence)
    #: Form keys of the model's required fields (reported together when missing, as FastAPI does).
    required: tuple[str, ...] = ()
    #: The model refuses other keys (msgspec's ``forbid_unknown_fields``, pydantic's ``extra="forbid"``).
    forbid: bool = False
    #: Form keys of ``bool`` fields: read with FastAPI's spellings ("on", "yes", "1", ...).
    bool_keys: tuple[str, ...] = ()
    #: An adapted model (pydantic): validates the collected form values as a whole.
    validate: Callable[[Any], Any] | None = None


_PLANS: dict[Any, _FieldPlan] = {}


def _unannotated(tp: object) -> Any:
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _form_fields(model: type) -> list[tuple[str, bool]]:
    """(form key, is sequence) per field."""
    return [(field.key, is_sequence(_unannotated(field.annotation))) for field in model_fields(model)]


def _required_keys(model: type) -> tuple[str, ...]:
    return tuple(field.key for field in model_fields(model) if field.required)


def _bool_keys(model: type) -> tuple[str, ...]:
    return tuple(field.key for field in model_fields(model) if unwrap_optional(_unannotated(field.annotation)) is bool)


def _plan_for(plan: ParamPlan) -> _FieldPlan:
    found = _PLANS.get(plan)
    if found is not None:
        return found
    base = unwrap_optional(plan.annotation)
    origin = typing.get_origin(base)
    item = typing.get_args(base)[0] if typing.get_args(base) else None
    if is_upload_type(base):
        result = _FieldPlan("file")
    elif origin in (list, tuple, set, frozenset) and is_upload_type(item):
        result = _FieldPlan("files")
    elif base is bytes:
        result = _FieldPlan("bytes")
    elif origin in (list, tuple, set, frozenset) and item is bytes:
        result = _FieldPlan("bytes_list")
    elif (model_adapter := adapted_model(base)) is not None:
        fields = model_adapter.fields(base)
        result = _FieldPlan(
            "adapted",
            [(field.key, field.is_sequence) for field in fields],
            validate=model_adapter.validator(base, ("body",)),
        )
    elif (isinstance(base, type) and issubclass(base, msgspec.Struct)) or (
        dataclasses.is_dataclass(base) and isinstance(base, type)
    ):
        result = _FieldPlan(
            "model", _form_fields(base), _required_keys(base), forbids_unknown_fields(base), _bool_keys(base)
        )
    else:
        result = _FieldPlan("value")
    _PLANS[plan] = result
    return result


async def _request_form(ctx: RequestContext) -> FormData:
    connection = ctx.get_connection()
    if not isinstance(connection, Request):
        return FormData()
    form = connection._form
    if form is None:
        form = await parse_form(connection, **_form_limits(connection.scope))
        connection._form = form
        if ctx.exit_stack is None:
            ctx.exit_stack = contextlib.AsyncExitStack()
        ctx.exit_stack.push_async_callback(form.close)
    result: FormData = form
    return result


def _form_limits(scope: Any) -> dict[str, int]:
    """The app's ``form_limits`` with the serving route's over them (both checked when declared)."""
    app_limits = getattr(scope.get("app"), "form_limits", None)
    route_limits = getattr(scope.get("route"), "form_limits", None)
    if route_limits and app_limits:
        return {**app_limits, **route_limits}
    return route_limits or app_limits or {}


def _upload_error(loc: tuple[Any, ...], value: object) -> dict[str, Any]:
    return {
        "type": "value_error",
        "loc": list(loc),
        "msg": f"Value error, Expected UploadFile, received: {type(value)}",
        "input": value,
    }


async def extract_form(plans: list[ParamPlan], ctx: RequestContext, values: dict[str, Any]) -> None:
    """Fill ``values`` from the request's form body, recording missing or invalid fields in ``ctx.errors``."""
    form = await _request_form(ctx)
    errors = ctx.errors
    for plan in plans:
        field_plan = _plan_for(plan)
        loc = ("body", plan.alias)
        if field_plan.kind == "model":
            _extract_model(plan, field_plan, form, values, errors)
            continue
        if field_plan.kind == "adapted":
            _extract_adapted(plan, field_plan, form, values, errors)
            continue
        raw = [v for v in form.getlist(plan.alias) if not (isinstance(v, str) and v == "")]
        if not raw:
            if plan.required:
                errors.append(missing_error(loc))
            else:
                values[plan.name] = plan.default_value()
            continue
        kind = field_plan.kind
        if kind == "file":
            value = raw[-1]
            if isinstance(value, UploadFile):
                values[plan.name] = value
            else:
                errors.append(_upload_error(loc, value))
        elif kind == "files":
            bad = [v for v in raw if not isinstance(v, UploadFile)]
            if bad:
                errors.append(_upload_error(loc, bad[0]))
            else:
                values[plan.name] = raw
        elif kind == "bytes":
            values[plan.name] = await _as_bytes(raw[-1])
        elif kind == "bytes_list":
            values[plan.name] = [await _as_bytes(v) for v in raw]
        else:
            texts = [v for v in raw if isinstance(v, str)]
            if len(texts) != len(raw):
                errors.append(
                    {"type": "string_type", "loc": list(loc), "msg": "Input should be a valid string", "input": None}
                )
                continue
            value_in: Any = texts if plan.is_sequence else texts[-1]
            try:
                values[plan.name] = plan.convert(value_in)
            except ModelValidationError as exc:  # a pydantic value type (HttpUrl, EmailStr, ...)
                errors.append(plan.error("body", value_in, exc))
            except (ValueError, TypeError, msgspec.ValidationError) as exc:
                errors.append(conversion_error(loc, value_in, exc, plan.type_label))


async def _as_bytes(value: object) -> bytes:
    if isinstance(value, UploadFile):
        await value.seek(0)
        return await value.read()
    return str(value).encode("utf-8")


def _extract_adapted(
    plan: ParamPlan, field_plan: _FieldPlan, form: FormData, values: dict[str, Any], errors: list[Any]
) -> None:
    """A pydantic form model, as FastAPI fills it: its fields (blank values left out), then every other key."""
    raw: dict[str, Any] = {}
    for key, many in field_plan.model_fields:
        found = [v for v in form.getlist(key) if not (isinstance(v, str) and v == "")]
        if found:
            raw[key] = found if many else found[-1]
    if not raw and not plan.required:
        values[plan.name] = plan.default_value()
        return
    known = {key for key, _ in field_plan.model_fields}
    extras: dict[str, list[Any]] = {}
    for key, value in form.multi_items():
        if key not in known:
            extras.setdefault(key, []).append(value)
    for key, found in extras.items():
        raw[key] = found[0] if len(found) == 1 else found
    assert field_plan.validate is not None
    try:
        values[plan.name] = field_plan.validate(raw)
    except ModelValidationError as exc:
        errors.extend(exc.errors)


def _extract_model(
    plan: ParamPlan, field_plan: _FieldPlan, form: FormData, values: dict[str, Any], errors: list[Any]
) -> None:
    raw: dict[str, Any] = {}
    for key, many in field_plan.model_fields:
        found = [v for v in form.getlist(key) if not (isinstance(v, str) and v == "")]
        if found:
            raw[key] = found if many else found[-1]
    if not raw and not plan.required:
        values[plan.name] = plan.default_value()
        return
    if field_plan.forbid:
        known = {key for key, _ in field_plan.model_fields}
        extras = [
            {"type": "extra_forbidden", "loc": ["body", key], "msg": "Extra inputs are not permitted", "input": value}
            for key, value in form.multi_items()
            if key not in known
        ]
        if extras:
            errors.extend(extras)
            return
    for key in field_plan.bool_keys:
        text = raw.get(key)
        if isinstance(text, str):
            try:
                raw[key] = _parse_bool(text)
            except ValueError as exc:
                errors.append(conversion_error(("body", key), text, exc, "bool"))
                return
    try:
        values[plan.name] = msgspec.convert(raw, unwrap_optional(plan.annotation), strict=False)
    except msgspec.ValidationError as exc:
        missing = [key for key in field_plan.required if key not in raw]
        if missing:  # FastAPI lists every missing field, each with what was sent for the model
            errors.extend(
                {"type": "missing", "loc": ["body", key], "msg": "Field required", "input": raw} for key in missing
            )
            return
        error = body_error(("body",), exc)
        if error["input"] is None and len(error["loc"]) > 1:
            error["input"] = raw.get(error["loc"][1])
        errors.append(error)
