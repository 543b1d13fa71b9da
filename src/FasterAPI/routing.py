"""``fastapi.routing`` equivalent: routers and route records."""

from fasterapi_core.routing import APIRoute as APIRoute, APIRouter as APIRouter, FasterRouter as FasterRouter
from fasterapi_routing import Mount as Mount, Route as Route, Router as RadixRouter

__all__ = ["APIRoute", "APIRouter", "FasterRouter", "Mount", "RadixRouter", "Route"]
