"""Route collections and matching."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

from .routes import Mount, Route
from .tree import Node

__all__ = ["Match", "MatchStatus", "NoMatchFound", "Router"]

_EMPTY: dict[str, Any] = {}


class MatchStatus(enum.IntEnum):
    FULL = 0
    METHOD_NOT_ALLOWED = 1
    REDIRECT_SLASH = 2
    MOUNT = 3
    NOT_FOUND = 4


class NoMatchFound(LookupError):
    """``url_path_for`` got a name no route carries, or parameters that do not fit it."""


class Match:
    """The outcome of :meth:`Router.match`.

    ``route``/``params`` for FULL; ``allowed_methods`` for METHOD_NOT_ALLOWED; ``redirect_path`` for
    REDIRECT_SLASH (the slash-twin of the requested path that does match); ``mount``,
    ``remaining_path`` and ``mount_prefix`` for MOUNT.
    """

    __slots__ = ("allowed_methods", "mount", "params", "redirect_path", "remaining_path", "route", "status")

    def __init__(
        self,
        status: MatchStatus,
        route: Route | None = None,
        params: dict[str, Any] = _EMPTY,
        allowed_methods: frozenset[str] = frozenset(),
        redirect_path: str | None = None,
        mount: Mount | None = None,
        remaining_path: str | None = None,
    ) -> None:
        self.status = status
        self.route = route
        self.params = params
        self.allowed_methods = allowed_methods
        self.redirect_path = redirect_path
        self.mount = mount
        self.remaining_path = remaining_path

    @property
    def mount_prefix(self) -> str:
        return self.mount.path if self.mount is not None else ""

    def __repr__(self) -> str:
        return f"Match({self.status.name}, route={self.route!r}, params={self.params!r})"


_NOT_FOUND = Match(MatchStatus.NOT_FOUND)


class Router:
    """Records routes and mounts, and matches ``(method, path)`` against them.

    Matching uses a radix tree built lazily on the first match after a change, with a dict in front
    of it for templates that have no parameters.
    """

    route_class: type[Route] = Route

    def __init__(self, routes: Iterable[Route] | None = None, *, redirect_slashes: bool = True) -> None:
        self.routes: list[Route] = []
        self.mounts: list[Mount] = []
        self.redirect_slashes = redirect_slashes
        self._static: dict[str, dict[str, Route]] | None = None
        self._root: Node | None = None
        self._included_in: list[tuple[Router, str, dict[str, Any]]] = []
        for route in routes or ():
            self._add(route)

    # -- registration -------------------------------------------------------------------------

    def add_route(
        self,
        path: str,
        endpoint: Any,
        *,
        methods: Iterable[str] | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> Route:
        """Register ``endpoint`` for ``path``; a second registration of a method and template raises."""
        route = self.route_class(path, endpoint, methods=methods, name=name, options=options)
        self._add(route)
        return route

    def _add(self, route: Route) -> None:
        key = _shape(route.path)
        for existing in self.routes:
            if _shape(existing.path) == key and existing.methods & route.methods:
                clash = ", ".join(sorted(existing.methods & route.methods))
                raise ValueError(
                    f"{clash} {route.path!r} is already registered by {existing.endpoint!r}; "
                    f"cannot register {route.endpoint!r} for it too"
                )
        self.routes.append(route)
        self._invalidate()
        for parent, prefix, options in self._included_in:
            parent._add_included(route, prefix, options)

    def mount(self, path: str, app: Any, *, name: str | None = None) -> Mount:
        """Hand every path under ``path`` to ``app``."""
        mount = Mount(path, app, name=name)
        self.mounts.append(mount)
        self.mounts.sort(key=lambda m: len(m.path), reverse=True)
        return mount

    def include_router(self, other: Router, *, prefix: str = "", options: Mapping[str, Any] | None = None) -> None:
        """Copy ``other``'s routes under ``prefix``; routes added to ``other`` later follow too."""
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise ValueError(f"prefix {prefix!r} must start with '/' and must not end with '/'")
        opts = dict(options or {})
        for route in list(other.routes):
            self._add_included(route, prefix, opts)
        for mount in other.mounts:
            self.mount(prefix + mount.path, mount.app, name=mount.name)
        other._included_in.append((self, prefix, opts))

    def _add_included(self, route: Route, prefix: str, options: dict[str, Any]) -> None:
        path = prefix + route.path if prefix else route.path
        if prefix and route.path == "/":
            path = prefix
        merged = self.merge_options(options, route.options)
        self._add(self.route_class(path, route.endpoint, methods=route.methods, name=route.name, options=merged))

    def merge_options(self, outer: Mapping[str, Any], inner: Mapping[str, Any]) -> dict[str, Any]:
        """Combine the options given to ``include_router`` with a route's own; frameworks override this."""
        return {**outer, **inner}

    def _invalidate(self) -> None:
        self._static = None
        self._root = None

    def _build(self) -> None:
        static: dict[str, dict[str, Route]] = {}
        root = Node()
        for route in self.routes:
            if not route.template.param_names:
                table = static.setdefault(route.path, {})
            else:
                node = root
                for segment in route.template.segments:
                    key = segment.converter_name if segment.converter_name is not None else segment.text
                    node = node.child_for(key, segment.converter)
                if node.routes is None:
                    node.routes = {}
                table = node.routes
            for method in route.methods:
                table.setdefault(method, route)
        self._static = static
        self._root = root

    # -- matching ------------------------------------------------------------------------------

    def match(self, method: str, path: str) -> Match:
        """Find the route for ``method`` and ``path`` (an already percent-decoded ASGI path)."""
        static = self._static
        if static is None:
            self._build()
            static = self._static
            assert static is not None
        table = static.get(path)
        if table is not None:
            route = table.get(method)
            if route is not None:
                return Match(MatchStatus.FULL, route)
        found = self._match_tree(method, path)
        if found is not None and found.status is MatchStatus.FULL:
            return found
        if table is not None:
            return Match(MatchStatus.METHOD_NOT_ALLOWED, allowed_methods=frozenset(table))
        if found is not None:
            return found
        for mount in self.mounts:
            remaining = mount.matches(path)
            if remaining is not None:
                return Match(MatchStatus.MOUNT, mount=mount, remaining_path=remaining)
        if self.redirect_slashes and path != "/":
            twin = path[:-1] if path.endswith("/") else path + "/"
            if twin in static or self._match_tree("GET", twin) is not None:
                return Match(MatchStatus.REDIRECT_SLASH, redirect_path=twin)
        return _NOT_FOUND

    def _match_tree(self, method: str, path: str) -> Match | None:
        root = self._root
        assert root is not None
        if not root.static_children and not root.param_children and not root.rest_children:
            return None
        parts = path[1:].split("/") if path != "/" else []
        values: list[Any] = []
        node, partial = root.find(parts, 0, values, method)
        if node is not None:
            assert node.routes is not None
            route = node.routes[method]
            return Match(MatchStatus.FULL, route, dict(zip(route.template.param_names, values, strict=False)))
        if partial is not None and partial.routes:
            return Match(MatchStatus.METHOD_NOT_ALLOWED, allowed_methods=frozenset(partial.routes))
        return None

    # -- building ------------------------------------------------------------------------------

    def url_path_for(self, name: str, /, **params: Any) -> str:
        """The path of the route called ``name`` with ``params`` filled in."""
        candidates = [route for route in self.routes if route.name == name]
        if not candidates:
            raise NoMatchFound(f"no route is named {name!r}")
        errors = []
        for route in candidates:
            try:
                return route.url_path(**params)
            except ValueError as exc:
                errors.append(str(exc))
        raise NoMatchFound(f"route {name!r}: " + "; ".join(errors))


def _shape(path: str) -> str:
    """A template with parameter names erased, so ``/a/{x}`` and ``/a/{y}`` count as the same."""
    out = []
    for segment in path.split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            _, _, conv = segment[1:-1].partition(":")
            out.append("{" + (conv.strip() or "str") + "}")
        else:
            out.append(segment)
    return "/".join(out)
