"""``fastapi.routing`` equivalent: routers, route records and path converters."""

from fasterapi_core.routing import APIRoute as APIRoute, APIRouter as APIRouter, FasterRouter as FasterRouter
from fasterapi_routing import (
    CONVERTERS as CONVERTERS,
    Converter as Converter,
    Match as Match,
    MatchStatus as MatchStatus,
    Mount as Mount,
    NoMatchFound as NoMatchFound,
    PathTemplate as PathTemplate,
    Route as Route,
    Router as RadixRouter,
    register_converter as register_converter,
)

__all__ = [
    "CONVERTERS",
    "APIRoute",
    "APIRouter",
    "Converter",
    "FasterRouter",
    "Match",
    "MatchStatus",
    "Mount",
    "NoMatchFound",
    "PathTemplate",
    "RadixRouter",
    "Route",
    "register_converter",
]
