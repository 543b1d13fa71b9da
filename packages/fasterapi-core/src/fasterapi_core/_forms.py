"""Form bodies: parsing (urlencoded here, multipart in ``_multipart``) and ``Form``/``File`` parameters.

``extract_form`` is what the solver calls for a dependant's ``Form()``/``File()`` parameters; each
parameter's kind (plain value, upload, bytes, a Struct/dataclass grouping several fields) is worked
out once per plan and remembered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import typing
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import msgspec

from ._convert import _parse_bool, is_sequence
from ._errors import body_error, conversion_error, missing_error
from ._models import forbids_unknown_fields, model_fields
from .datastructures import parse_query_string
from .exceptions import HTTPException
from .uploads import FormData, UploadFile

if TYPE_CHECKING:
    from ._solver import RequestContext
    from .dependencies import ParamPlan
    from .requests import Request

__all__ = [
    "DEFAULT_MAX_FIELDS",
    "DEFAULT_MAX_FILES",
    "DEFAULT_MAX_PART_SIZE",
    "FormRequest",
    "extract_form",
    "is_upload_annotation",
    "parse_form",
]

DEFAULT_MAX_FILES = 1000
DEFAULT_MAX_FIELDS = 1000
DEFAULT_MAX_PART_SIZE = 1024 * 1024


async def parse_form(
    request: Request,
    *,
    max_files: int = DEFAULT_MAX_FILES,
    max_fields: int = DEFAULT_MAX_FIELDS,
    max_part_size: int = DEFAULT_MAX_PART_SIZE,
) -> FormData:
    """The request's form: urlencoded or multipart; any other content type is an empty form."""
    content_type = request.headers.get("content-type") or ""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
        from ._multipart import parse_multipart

        return await parse_multipart(
            content_type,
            request.stream(),
            max_files=max_files,
            max_fields=max_fields,
            max_part_size=max_part_size,
        )
    if media_type == "application/x-www-form-urlencoded":
        body = await request.body()
        pairs = parse_query_string(body.decode("latin-1"))
        if len(pairs) > max_fields:
            raise HTTPException(400, f"Too many fields: the maximum is {max_fields}")
        for key, value in pairs:
            if len(value) > max_part_size:
                raise HTTPException(413, f"Form field {key!r} is larger than the maximum of {max_part_size} bytes")
        return FormData(pairs)
    return FormData()


class FormRequest:
    """What ``request.form()`` returns: await it, or ``async with`` it to close the files afterwards."""

    __slots__ = ("_limits", "_request")

    def __init__(self, request: Request, limits: dict[str, int]) -> None:
        self._request = request
        self._limits = limits

    async def _load(self) -> FormData:
        request = self._request
        cached = request._form
        if cached is None:
            cached = await parse_form(request, **self._limits)
            request._form = cached
        form: FormData = cached
        return form

    def __await__(self) -> Generator[Any, None, FormData]:
        return self._load().__await__()

    async def __aenter__(self) -> FormData:
        return await self._load()

    async def __aexit__(self, *exc_info: object) -> None:
        form = self._request._form
        if form is not None:
            await form.close()


# -- Form()/File() parameters ------------------------------------------------------------------


def _unwrap_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _is_upload_type(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, UploadFile)


def is_upload_annotation(annotation: Any) -> bool:
    """True for ``UploadFile``, ``UploadFile | None`` and ``list[UploadFile]`` (read from a form)."""
    base = _unwrap_optional(annotation)
    if _is_upload_type(base):
        return True
    args = typing.get_args(base)
    return typing.get_origin(base) in (list, tuple, set, frozenset) and bool(args) and _is_upload_type(args[0])


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


_PLANS: dict[Any, _FieldPlan] = {}


def _unannotated(tp: Any) -> Any:
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _form_fields(model: Any) -> list[tuple[str, bool]]:
    """(form key, is sequence) per field."""
    return [(field.key, is_sequence(_unannotated(field.annotation))) for field in model_fields(model)]


def _required_keys(model: Any) -> tuple[str, ...]:
    return tuple(field.key for field in model_fields(model) if field.required)


def _bool_keys(model: Any) -> tuple[str, ...]:
    return tuple(field.key for field in model_fields(model) if _unwrap_optional(_unannotated(field.annotation)) is bool)


def _plan_for(plan: ParamPlan) -> _FieldPlan:
    found = _PLANS.get(plan)
    if found is not None:
        return found
    base = _unwrap_optional(plan.annotation)
    origin = typing.get_origin(base)
    item = typing.get_args(base)[0] if typing.get_args(base) else None
    if _is_upload_type(base):
        result = _FieldPlan("file")
    elif origin in (list, tuple, set, frozenset) and _is_upload_type(item):
        result = _FieldPlan("files")
    elif base is bytes:
        result = _FieldPlan("bytes")
    elif origin in (list, tuple, set, frozenset) and item is bytes:
        result = _FieldPlan("bytes_list")
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
    from .requests import Request

    connection = ctx.get_connection()
    if not isinstance(connection, Request):
        return FormData()
    form = connection._form
    if form is None:
        form = await parse_form(connection)
        connection._form = form
        if ctx.exit_stack is None:
            ctx.exit_stack = contextlib.AsyncExitStack()
        ctx.exit_stack.push_async_callback(form.close)
    result: FormData = form
    return result


def _upload_error(loc: tuple[Any, ...], value: Any) -> dict[str, Any]:
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
            except (ValueError, TypeError, msgspec.ValidationError) as exc:
                errors.append(conversion_error(loc, value_in, exc, plan.type_label))


async def _as_bytes(value: Any) -> bytes:
    if isinstance(value, UploadFile):
        await value.seek(0)
        return await value.read()
    return str(value).encode("utf-8")


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
        values[plan.name] = msgspec.convert(raw, _unwrap_optional(plan.annotation), strict=False)
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
