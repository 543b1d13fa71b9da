"""Exceptions that handlers and dependencies raise to produce error responses."""

from __future__ import annotations

import http
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

__all__ = [
    "DependencyScopeError",
    "ErrorList",
    "FastAPIDeprecationWarning",
    "FastAPIError",
    "FasterAPIError",
    "HTTPException",
    "RequestValidationError",
    "ResponseValidationError",
    "ValidationException",
    "WebSocketException",
]


class FasterAPIError(RuntimeError):
    """A mistake in how the application is put together (raised at registration)."""


#: FastAPI's name for the same error, so ``from FasterAPI.exceptions import FastAPIError`` keeps working.
FastAPIError = FasterAPIError


class DependencyScopeError(FasterAPIError):
    """A ``yield`` dependency with request scope depends on one with ``Depends(scope="function")``."""


class HTTPException(Exception):
    """Stop handling and answer ``status_code`` with ``{"detail": detail}``.

    ``detail`` defaults to the standard reason phrase, as in FastAPI/Starlette.
    """

    def __init__(self, status_code: int = 500, detail: Any = None, headers: Mapping[str, str] | None = None) -> None:
        if detail is None:
            try:
                detail = http.HTTPStatus(status_code).phrase
            except ValueError:
                detail = ""
        self.status_code = status_code
        self.detail = detail
        self.headers = dict(headers) if headers is not None else None
        super().__init__(status_code, detail)

    def __str__(self) -> str:
        return f"{self.status_code}: {self.detail}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, detail={self.detail!r})"


class WebSocketException(Exception):
    """Close the WebSocket with ``code`` (and ``reason``) from an endpoint or dependency."""

    def __init__(self, code: int, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""
        super().__init__(code, self.reason)


class ErrorList(list[Any]):
    """The error dicts: a list (``faster-api-web``: ``exc.errors``), also callable (FastAPI: ``exc.errors()``)."""

    def __call__(self) -> list[Any]:
        """FastAPI's ``exc.errors()``: the dicts with ``loc`` as a tuple, as pydantic reports it."""
        return [
            {**error, "loc": tuple(error["loc"])}
            if isinstance(error, dict) and isinstance(error.get("loc"), list)
            else error
            for error in self
        ]


class ValidationException(Exception):
    """Base of the validation errors; ``errors()`` is the list of FastAPI-shaped error dicts."""

    def __init__(self, errors: Sequence[Any]) -> None:
        self.errors = ErrorList(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        """FastAPI's wording: ``1 validation error:`` then one indented line per error."""
        errors = self.errors()
        lines = [f"{len(errors)} validation error{'s' if len(errors) != 1 else ''}:"]
        lines.extend(f"  {error}" for error in errors)
        return "\n".join(lines)


class RequestValidationError(ValidationException):
    """The request did not validate: answered with 422 and ``{"detail": errors}``."""

    def __init__(self, errors: Sequence[Any], *, body: object = None) -> None:
        super().__init__(errors)
        self._body = body

    @property
    def body(self) -> Any:
        """The request body as FastAPI gives it: parsed JSON when it is JSON, else what was received."""
        raw = self._body
        if isinstance(raw, (bytes, bytearray)):
            try:
                return msgspec.json.decode(raw)
            except (msgspec.DecodeError, UnicodeDecodeError):
                return bytes(raw)
        return raw

    @body.setter
    def body(self, value: object) -> None:
        self._body = value


class ResponseValidationError(ValidationException):
    """The handler returned something its ``response_model`` rejects: a server bug, answered with 500."""


class FastAPIDeprecationWarning(UserWarning):
    """FastAPI's warning for deprecated usage: a ``UserWarning``, so it is shown by default (a plain
    ``DeprecationWarning`` raised in library code is hidden unless tests or ``-W`` turn it on)."""
