"""Route records: what was registered, independent of how a framework will serve it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .templates import PathTemplate, parse_template

__all__ = ["Mount", "Route"]


class Route:
    """A path template, the methods it answers and an opaque endpoint.

    ``options`` belongs to the framework on top (core stores the decorator's keyword arguments
    there); this package never reads it. Frameworks subclass ``Route`` to compile their handler at
    construction time and set ``Router.route_class``.
    """

    __slots__ = ("endpoint", "methods", "name", "options", "path", "template")

    def __init__(
        self,
        path: str,
        endpoint: Any,
        *,
        methods: Iterable[str] | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.template: PathTemplate = parse_template(path)
        self.endpoint = endpoint
        upper = {method.upper() for method in (methods if methods is not None else ("GET",))}
        if "GET" in upper:
            upper.add("HEAD")
        self.methods: frozenset[str] = frozenset(upper)
        self.name = name if name is not None else getattr(endpoint, "__name__", None)
        self.options: dict[str, Any] = dict(options or {})

    @property
    def param_names(self) -> tuple[str, ...]:
        return self.template.param_names

    def url_path(self, **params: Any) -> str:
        return self.template.format(params)

    def __repr__(self) -> str:
        methods = ", ".join(sorted(self.methods))
        return f"{type(self).__name__}(path={self.path!r}, methods=[{methods}], name={self.name!r})"


class Mount:
    """A path prefix handed, with everything below it, to another application."""

    __slots__ = ("app", "name", "path")

    def __init__(self, path: str, app: Any, *, name: str | None = None) -> None:
        if path == "/":
            path = ""
        if path != "" and (not path.startswith("/") or path.endswith("/")):
            raise ValueError(f"mount path {path!r} must start with '/' and not end with '/' (use '' for the root)")
        self.path = path
        self.app = app
        self.name = name

    def matches(self, path: str) -> str | None:
        """The remaining path when ``path`` is under this mount, else ``None``."""
        prefix = self.path
        if not prefix:
            return path
        if path == prefix:
            return "/"
        if path.startswith(prefix) and path[len(prefix)] == "/":
            return path[len(prefix) :]
        return None

    def __repr__(self) -> str:
        return f"Mount(path={self.path!r}, name={self.name!r})"
