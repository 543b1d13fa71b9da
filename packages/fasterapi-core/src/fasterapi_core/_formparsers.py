"""Request-side form parsing: an urlencoded or multipart body into ``FormData``.

Sits below ``requests`` (which calls it for ``Request.form()``); the ``Form()``/``File()`` parameters
built on top of it live in ``_form_params``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from ._multipart import parse_multipart
from .datastructures import Headers, parse_query_string
from .exceptions import HTTPException
from .uploads import FormData

__all__ = ["DEFAULT_MAX_FIELDS", "DEFAULT_MAX_FILES", "DEFAULT_MAX_PART_SIZE", "FormSource", "parse_form"]

DEFAULT_MAX_FILES = 1000
DEFAULT_MAX_FIELDS = 1000
DEFAULT_MAX_PART_SIZE = 1024 * 1024


class FormSource(Protocol):
    """What parsing a form needs from a request (``Request`` has it; the protocol keeps this module below it)."""

    @property
    def headers(self) -> Headers: ...

    def stream(self) -> AsyncIterator[bytes]: ...

    async def body(self) -> bytes: ...


async def parse_form(
    request: FormSource,
    *,
    max_files: int = DEFAULT_MAX_FILES,
    max_fields: int = DEFAULT_MAX_FIELDS,
    max_part_size: int = DEFAULT_MAX_PART_SIZE,
) -> FormData:
    """The request's form: urlencoded or multipart; any other content type is an empty form."""
    content_type = request.headers.get("content-type") or ""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
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
            raise HTTPException(400, f"Too many fields. Maximum number of fields is {max_fields}.")
        for _, value in pairs:
            if len(value) > max_part_size:  # Starlette's status and words (a 400, sizes in KB)
                raise HTTPException(400, f"Field exceeded maximum size of {int(max_part_size / 1024)}KB.")
        return FormData(pairs)
    return FormData()
