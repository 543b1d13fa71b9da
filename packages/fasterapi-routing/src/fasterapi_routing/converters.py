"""Path parameter converters: how a URL segment becomes a Python value and back."""

from __future__ import annotations

import math
import re
import uuid
from decimal import Decimal
from typing import Any

__all__ = [
    "CONVERTERS",
    "Converter",
    "FloatConverter",
    "IntConverter",
    "PathConverter",
    "StringConverter",
    "UUIDConverter",
    "register_converter",
]


class Converter:
    """Base class: ``regex`` says which text matches, ``convert`` parses it, ``to_string`` renders it.

    The router checks ``regex`` (a full match of one segment, or of the rest of the path when
    ``matches_rest``) before it calls ``convert``; ``convert`` may still raise ``ValueError`` to reject
    a segment, and the router then tries the next candidate. ``to_string`` raises ``ValueError`` (or
    ``TypeError``) for values it cannot render, which ``url_path_for`` reports as ``NoMatchFound``.
    """

    regex: str = "[^/]+"
    #: Set on ``{name:path}``-like converters that swallow the rest of the path, slashes included.
    matches_rest: bool = False

    def __init__(self) -> None:
        self._pattern = re.compile(self.regex)

    def convert(self, value: str) -> Any:
        if self._pattern.fullmatch(value) is None:
            raise ValueError(value)
        return value

    def to_string(self, value: Any) -> str:
        return str(value)


class StringConverter(Converter):
    """Any non-empty segment without a slash (the default)."""

    def convert(self, value: str) -> Any:
        if not value:
            raise ValueError(value)
        return value

    def to_string(self, value: Any) -> str:
        text = str(value)
        if not text or "/" in text:
            raise ValueError(f"{text!r} is not a valid path segment")
        return text


class IntConverter(Converter):
    """Non-negative decimal integers, as Starlette's ``int`` converter."""

    regex = "[0-9]+"

    def convert(self, value: str) -> Any:
        if not value.isascii() or not value.isdigit():
            raise ValueError(value)
        return int(value)

    def to_string(self, value: Any) -> str:
        number = int(value)
        if number < 0:
            raise ValueError("negative integers are not supported by the int converter")
        return str(number)


class FloatConverter(Converter):
    """Non-negative decimal numbers such as ``3`` or ``3.25``."""

    regex = r"[0-9]+(\.[0-9]+)?"

    def convert(self, value: str) -> Any:
        if self._pattern.fullmatch(value) is None:
            raise ValueError(value)
        number = float(value)
        if math.isinf(number):
            raise ValueError(f"{value[:40]!r}... is too large for a float")
        return number

    def to_string(self, value: Any) -> str:
        number = float(value)
        if number < 0 or not math.isfinite(number):
            raise ValueError("only finite non-negative floats are supported by the float converter")
        # The shortest text that round-trips, written without an exponent so ``regex`` accepts it.
        text = format(Decimal(repr(number)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text


class UUIDConverter(Converter):
    """Canonical (hyphenated) UUIDs, returned as :class:`uuid.UUID`."""

    regex = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    def convert(self, value: str) -> Any:
        if len(value) != 36 or self._pattern.fullmatch(value) is None:
            raise ValueError(value)
        return uuid.UUID(value)

    def to_string(self, value: Any) -> str:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


class PathConverter(Converter):
    """The rest of the path, slashes included; only valid as the last segment of a template."""

    regex = ".*"
    matches_rest = True

    def convert(self, value: str) -> Any:
        return value

    def to_string(self, value: Any) -> str:
        return str(value)


CONVERTERS: dict[str, Converter] = {
    "str": StringConverter(),
    "int": IntConverter(),
    "float": FloatConverter(),
    "uuid": UUIDConverter(),
    "path": PathConverter(),
}


def register_converter(name: str, converter: Converter) -> None:
    """Make ``{param:name}`` available in templates registered from now on.

    ``converter`` is a :class:`Converter` instance, or any object with ``regex``, ``convert`` and
    ``to_string`` (a Starlette-style converter works as is).
    """
    if not name.isidentifier():
        raise ValueError(f"converter name {name!r} must be an identifier")
    CONVERTERS[name] = converter
