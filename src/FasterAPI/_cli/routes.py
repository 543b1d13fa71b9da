"""``fasterapi routes``: the app's routes as a table (methods, path, name, endpoint)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["app_routes", "format_routes", "route_rows"]

_HIDDEN_METHODS = {"HEAD"}  # added implicitly to every GET route


def app_routes(app: Any) -> list[Any]:
    """The routes of an app (or router) followed by its mounts."""
    router = getattr(app, "router", app)
    return [*getattr(app, "routes", ()), *getattr(router, "mounts", ())]


def route_rows(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, str, str, str]]:
    """One (methods, path, name, endpoint) row per route; mounted Faster apps are listed under their prefix."""
    for route in routes:
        methods = getattr(route, "methods", None)
        if methods is None:  # a mount
            child = getattr(route, "app", None)
            path = prefix + getattr(route, "path", "")
            if isinstance(getattr(child, "routes", None), list):
                yield from route_rows(app_routes(child), path)
            else:
                yield ("MOUNT", path or "/", str(getattr(route, "name", None) or ""), _describe(child))
            continue
        shown = sorted(m for m in methods if m not in _HIDDEN_METHODS or (m == "HEAD" and "GET" not in methods))
        label = "WS" if shown == ["WEBSOCKET"] else ",".join(shown)
        yield (label, prefix + route.path, str(route.name or ""), _describe(route.endpoint))


def _describe(obj: Any) -> str:
    module = getattr(obj, "__module__", None)
    name = getattr(obj, "__qualname__", None) or type(obj).__qualname__
    return f"{module}.{name}" if module else str(name)


def format_routes(routes: Iterable[Any]) -> str:
    rows = [("METHODS", "PATH", "NAME", "ENDPOINT"), *route_rows(routes)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])), row[3]]).rstrip() for row in rows]
    return "\n".join(lines)
