"""fasterapi-routing: a radix-tree path router with no dependencies."""

from .converters import (
    CONVERTERS,
    Converter,
    FloatConverter,
    IntConverter,
    PathConverter,
    StringConverter,
    UUIDConverter,
    register_converter,
)
from .router import DuplicateRouteWarning, Match, MatchStatus, NoMatchFound, Router
from .routes import Mount, Route
from .templates import PathTemplate, TemplateError, parse_template

__all__ = [
    "CONVERTERS",
    "Converter",
    "DuplicateRouteWarning",
    "FloatConverter",
    "IntConverter",
    "Match",
    "MatchStatus",
    "Mount",
    "NoMatchFound",
    "PathConverter",
    "PathTemplate",
    "Route",
    "Router",
    "StringConverter",
    "TemplateError",
    "UUIDConverter",
    "parse_template",
    "register_converter",
]
