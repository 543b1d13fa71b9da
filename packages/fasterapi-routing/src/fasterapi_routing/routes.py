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

    __slots__ = ("endpoint", "implicit_head", "methods", "name", "options", "path", "template")

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
        if isinstance(methods, str):
            raise TypeError(f"methods must be a collection of names such as ['GET'], not the string {methods!r}")
        upper = {method.upper() for method in (methods if methods is not None else ("GET",))}
        if not upper:
            raise ValueError(f"route {path!r} must serve at least one method (methods=None means GET)")
        #: HEAD was added only because GET is served; an explicit HEAD route may take it over.
        self.implicit_head = "GET" in upper and "HEAD" not in upper
        if self.implicit_head:
            upper.add("HEAD")
        self.methods: frozenset[str] = frozenset(upper)
        self.name = name if name is not None else getattr(endpoint, "__name__", None)
        self.options: dict[str, Any] = dict(options or {})

    @property
    def param_names(self) -> tuple[str, ...]:
        return self.template.param_names

    @property
    def explicit_methods(self) -> frozenset[str]:
        """The methods asked for at registration (``methods`` without an implied HEAD)."""
        return self.methods - {"HEAD"} if self.implicit_head else self.methods

    def url_path(self, **params: Any) -> str:
        """This route's path with ``params`` filled in; raises ``ValueError`` when they do not fit."""
        return self.template.format(params)

    def __repr__(self) -> str:
        methods = ", ".join(sorted(self.methods))
        return f"{type(self).__name__}(path={self.path!r}, methods=[{methods}], name={self.name!r})"


class Mount:
    """A path prefix handed, with everything below it, to another application.

    ``""`` (or ``"/"``) mounts at the root; a trailing slash is dropped (``"/sub/"`` is ``"/sub"``).
    The mount owns the prefix itself and everything below ``prefix + "/"``: ``/sub`` and ``/sub/x``
    but not ``/subway``.
    """

    __slots__ = ("app", "name", "path")

    def __init__(self, path: str, app: Any, *, name: str | None = None) -> None:
        if not isinstance(path, str) or (path and not path.startswith("/")):
            raise ValueError(f"mount path {path!r} must start with '/' (or be '' for the root)")
        if "{" in path or "}" in path:
            raise ValueError(f"mount path {path!r} cannot contain parameters")
        self.path = path.rstrip("/")
        self.app = app
        self.name = name

    def matches(self, path: str) -> str | None:
        """The remaining path when ``path`` is under this mount, else ``None``."""
        prefix = self.path
        if not prefix:
            return path
        if not path.startswith(prefix):
            return None
        if len(path) == len(prefix):
            return "/"
        if path[len(prefix)] == "/":
            return path[len(prefix) :]
        return None

    def url_path(self, *, path: str = "/") -> str:
        """The path of ``path`` inside the mounted app, seen from outside (``/sub`` + ``/x``)."""
        if not isinstance(path, str):
            raise ValueError(f"mount {self.path or '/'!r}: path must be a string, got {path!r}")
        return self.path + "/" + path.lstrip("/")

    def __repr__(self) -> str:
        return f"Mount(path={self.path!r}, name={self.name!r})"
