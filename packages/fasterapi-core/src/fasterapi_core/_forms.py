"""Form fields from ``application/x-www-form-urlencoded`` bodies.

Multipart bodies (file uploads) are parsed with python-multipart, an optional dependency.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from ._errors import conversion_error, missing_error
from .datastructures import parse_query_string

if TYPE_CHECKING:
    from ._solver import RequestContext
    from .dependencies import ParamPlan

__all__ = ["extract_form"]


async def extract_form(plans: list[ParamPlan], ctx: RequestContext, values: dict[str, Any]) -> None:
    """Fill ``values`` from the request's form body, recording missing or invalid fields."""
    from ._solver import read_body

    content_type = (ctx.get_headers().get("content-type") or [""])[-1]
    if content_type.startswith("multipart/form-data"):
        ctx.errors.append(
            {
                "type": "value_error",
                "loc": ["body"],
                "msg": "multipart form bodies are not supported yet",
                "input": None,
            }
        )
        return
    body = await read_body(ctx)
    fields: dict[str, list[str]] = {}
    for key, text in parse_query_string(body.decode("latin-1")):
        fields.setdefault(key, []).append(text)
    for plan in plans:
        raw = fields.get(plan.alias)
        if raw is None:
            if plan.required:
                ctx.errors.append(missing_error(("body", plan.alias)))
            else:
                values[plan.name] = plan.default_value()
            continue
        value: Any = raw if plan.is_sequence else raw[-1]
        try:
            values[plan.name] = plan.convert(value)
        except (ValueError, TypeError, msgspec.ValidationError) as exc:
            ctx.errors.append(conversion_error(("body", plan.alias), value, exc, plan.type_label))
