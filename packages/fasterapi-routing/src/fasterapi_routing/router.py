"""Route collections, matching and URL building."""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .routes import Mount, Route
from .tree import Node, Target, search

__all__ = ["DuplicateRouteWarning", "Match", "MatchStatus", "NoMatchFound", "Router"]

_EMPTY_METHODS: frozenset[str] = frozenset()

#: The pseudo-method frameworks register WebSocket routes under. It is never listed in a 405's
#: ``allowed_methods``: a path served only by WebSocket routes is NOT_FOUND for HTTP methods.
WEBSOCKET = "WEBSOCKET"


class MatchStatus(enum.IntEnum):
    FULL = 0
    METHOD_NOT_ALLOWED = 1
    REDIRECT_SLASH = 2
    MOUNT = 3
    NOT_FOUND = 4


_FULL = MatchStatus.FULL


class _ReadOnlyParams(dict):  # type: ignore[type-arg]
    """The one empty ``params`` dict shared by every parameterless match: changing it would leak into
    other requests, so it refuses loudly instead (``dict(params)`` or ``params.copy()`` gives a plain
    dict to change)."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("Match.params is shared and read-only: copy it first (dict(match.params))")

    __setitem__ = __delitem__ = __ior__ = update = pop = popitem = clear = setdefault = _refuse


_SHARED_EMPTY_PARAMS: dict[str, Any] = _ReadOnlyParams()


class NoMatchFound(LookupError):
    """``url_path_for`` got a name nothing carries, or parameters that do not fit it."""


class Match:
    """The outcome of :meth:`Router.match`. Treat it as read-only.

    ``route``/``params`` for FULL; ``allowed_methods`` for METHOD_NOT_ALLOWED; ``redirect_path`` for
    REDIRECT_SLASH (the slash-twin of the requested path, which does serve the method); ``mount``,
    ``remaining_path`` and ``mount_prefix`` for MOUNT.

    Matches of parameterless routes are built once and shared by every request, so a Match must not
    be changed; their ``params`` is one shared empty dict that raises ``TypeError`` on any change
    (``dict(match.params)`` gives a copy to change). Treat every ``params`` as read-only.
    """

    __slots__ = ("_extra", "params", "route", "status")

    def __init__(
        self,
        status: MatchStatus,
        route: Route | None = None,
        params: dict[str, Any] | None = None,
        allowed_methods: frozenset[str] = _EMPTY_METHODS,
        redirect_path: str | None = None,
        mount: Mount | None = None,
        remaining_path: str | None = None,
    ) -> None:
        self.status = status
        self.route = route
        self.params: dict[str, Any] = params if params is not None else {}
        extra = (allowed_methods, redirect_path, mount, remaining_path)
        self._extra: tuple[frozenset[str], str | None, Mount | None, str | None] | None = (
            None if extra == (_EMPTY_METHODS, None, None, None) else extra
        )

    @property
    def allowed_methods(self) -> frozenset[str]:
        return self._extra[0] if self._extra is not None else _EMPTY_METHODS

    @property
    def redirect_path(self) -> str | None:
        return self._extra[1] if self._extra is not None else None

    @property
    def mount(self) -> Mount | None:
        return self._extra[2] if self._extra is not None else None

    @property
    def remaining_path(self) -> str | None:
        return self._extra[3] if self._extra is not None else None

    @property
    def mount_prefix(self) -> str:
        mount = self.mount
        return mount.path if mount is not None else ""

    def __repr__(self) -> str:
        status = self.status
        if status is MatchStatus.FULL:
            return f"Match(FULL, route={self.route!r}, params={self.params!r})"
        if status is MatchStatus.METHOD_NOT_ALLOWED:
            return f"Match(METHOD_NOT_ALLOWED, allowed_methods={sorted(self.allowed_methods)!r})"
        if status is MatchStatus.REDIRECT_SLASH:
            return f"Match(REDIRECT_SLASH, redirect_path={self.redirect_path!r})"
        if status is MatchStatus.MOUNT:
            return f"Match(MOUNT, mount={self.mount!r}, remaining_path={self.remaining_path!r})"
        return "Match(NOT_FOUND)"


_new_match = object.__new__


def _full(route: Route, params: dict[str, Any]) -> Match:
    """A FULL match without the keyword handling of ``Match.__init__`` (hot path)."""
    match: Match = _new_match(Match)
    match.status = _FULL
    match.route = route
    match.params = params
    match._extra = None
    return match


def _params(target: Target, values: list[Any]) -> dict[str, Any]:
    _, names, positions = target
    return {name: values[position] for name, position in zip(names, positions, strict=True)}


_NOT_FOUND = Match(MatchStatus.NOT_FOUND, params=_SHARED_EMPTY_PARAMS)

#: What matching needs, rebuilt after each change: ready-made matches of parameterless routes by path
#: and method, the trie's root, and how many times to split a path at most.
_Plan = tuple[dict[str, dict[str, Match]], Node, int]


class DuplicateRouteWarning(UserWarning):
    """A method and path registered twice: both are kept and the first registration answers."""


def _handler_name(endpoint: Any) -> str:
    module = getattr(endpoint, "__module__", None)
    name = getattr(endpoint, "__qualname__", None)
    return f"{module}.{name}" if module and name else repr(endpoint)


#: Methods whose 405 answers for static paths are kept (any other method is worked out each time).
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})


class Router:
    """Records routes and mounts, and matches ``(method, path)`` against them.

    Matching order: a route serving the method (static segments before parameters, with
    backtracking) > a mount owning the path > 405 when some route matches the path for other
    methods > a redirect to the slash-twin path when that serves the method > 404.

    The trie and a dict of ready-made matches for parameterless routes are built on the first match
    after a change; register routes through :meth:`add_route` (not by editing ``routes``).
    """

    route_class: type[Route] = Route

    def __init__(self, routes: Iterable[Route | Mount] | None = None, *, redirect_slashes: bool = True) -> None:
        self.routes: list[Route] = []
        self.mounts: list[Mount] = []
        self.redirect_slashes = redirect_slashes
        self._match_plan: _Plan | None = None
        self._url_names: dict[str, list[Route | Mount]] | None = None
        self._route_shapes: dict[tuple[str, ...], list[Route]] = {}
        self._included_in: list[tuple[Router, str, dict[str, Any]]] = []
        #: 405 answers already worked out for a static path, by ``(method, path)``; emptied on any change.
        self._refusals: dict[tuple[str, str], Match] = {}
        for item in routes or ():
            if isinstance(item, Mount):
                self._add_mount(item)
            else:
                self._add(item)

    # -- registration -------------------------------------------------------------------------

    def add_route(
        self,
        path: str,
        endpoint: Any,
        *legacy: Any,
        methods: Iterable[str] | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | None = None,
        route_class: type[Route] | None = None,
    ) -> Route:
        """Register ``endpoint`` for ``path`` (a second registration of a method and template warns).

        ``route_class``: build this route with that class instead of ``route_class_for(methods)``.
        ``add_route(method, path, handler, metadata=None)``, the form of `faster-api-web`'s
        ``RadixRouter``, works too: ``metadata`` becomes the route's ``options`` (see :meth:`resolve`).
        """
        if legacy:
            if len(legacy) > 2 or methods is not None or options is not None:
                raise TypeError("add_route takes (path, endpoint) or RadixRouter's (method, path, handler, metadata)")
            methods, path, endpoint = [path], endpoint, legacy[0]
            options = legacy[1] if len(legacy) == 2 else None
        if route_class is None:
            route_class = self.route_class_for(methods)
        route = route_class(path, endpoint, methods=methods, name=name, options=options)
        self._add(route)
        return route

    def route_class_for(self, methods: Iterable[str] | None) -> type[Route]:
        """The class a route registered for ``methods`` is built with: ``route_class`` unless a framework
        serves some methods (WebSocket, say) with a class of their own."""
        return self.route_class

    def included_route_class(self, route: Route, methods: Iterable[str] | None) -> type[Route]:
        """The class an included ``route`` is rebuilt with here: ``route_class_for(methods)``.

        A framework whose route classes carry behaviour of their own (FastAPI's custom route classes)
        keeps ``type(route)`` instead, so each included route stays what its own router made it.
        """
        return self.route_class_for(methods)

    def _add(self, route: Route) -> None:
        methods = _explicit(route)
        self._refuse_clash(route.path, route.template.shape, methods, route.endpoint)
        self._route_shapes.setdefault(route.template.shape, []).append(route)
        self.routes.append(route)
        self._invalidate()
        for parent, prefix, options in self._included_in:
            parent._add_included(route, prefix, options)

    def _refuse_clash(self, path: str, shape: tuple[str, ...], methods: frozenset[str], endpoint: Any) -> None:
        """Warn when a method+template is already taken here (an including router checks its own copy).

        FastAPI keeps both registrations and the first one answers; so do we, but say so, naming
        both handlers, because the second one is never called.
        """
        for existing in self._route_shapes.get(shape, ()):
            clash = _explicit(existing) & methods
            if clash:
                warnings.warn(
                    f"{', '.join(sorted(clash))} {path!r} is already registered by {_handler_name(existing.endpoint)} "
                    f"(as {existing.path!r}); {_handler_name(endpoint)} is registered too but the first one answers "
                    "(as in FastAPI): remove or rename one of them",
                    DuplicateRouteWarning,
                    stacklevel=4,
                )

    def _refuse_mount_clash(self, path: str) -> None:
        for existing in self.mounts:
            if existing.path == path:
                raise ValueError(f"{path or '/'!r} is already mounted ({existing.app!r})")
        for parent, prefix, _ in self._included_in:
            parent._refuse_mount_clash(prefix + path)

    def _includers(self) -> Iterator[Router]:
        """Every router this one is included in, directly or through others."""
        for parent, _, _ in self._included_in:
            yield parent
            yield from parent._includers()

    def mount(self, path: str, app: Any, *, name: str | None = None) -> Mount:
        """Hand every path under ``path`` to ``app``; the longest matching prefix wins."""
        mount = Mount(path, app, name=name)
        self._add_mount(mount)
        return mount

    def _add_mount(self, mount: Mount) -> None:
        self._refuse_mount_clash(mount.path)
        self.mounts.append(mount)
        self.mounts.sort(key=lambda m: len(m.path), reverse=True)
        self._url_names = None
        self._refusals.clear()  # a mount may now own a path that was a 405
        for parent, prefix, _ in self._included_in:
            parent.mount(prefix + mount.path, mount.app, name=mount.name)

    def include_router(self, other: Router, *, prefix: str = "", options: Mapping[str, Any] | None = None) -> None:
        """Copy ``other``'s routes (and mounts) under ``prefix``; later additions to ``other`` follow.

        Nothing changes when a copied mount would clash with one already here; a route that repeats a
        method and template is kept behind the first one, with a ``DuplicateRouteWarning``.
        """
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise ValueError(f"prefix {prefix!r} must start with '/' and must not end with '/'")
        if other is self:
            raise ValueError("a router cannot include itself")
        if any(includer is other for includer in self._includers()):
            raise ValueError("including this router would make a cycle: it is already included in the other one")
        for mount in other.mounts:
            self._refuse_mount_clash(prefix + mount.path)
        opts = dict(options or {})
        for route in list(other.routes):
            self._add_included(route, prefix, opts)
        for mount in list(other.mounts):
            self.mount(prefix + mount.path, mount.app, name=mount.name)
        other._included_in.append((self, prefix, opts))

    def _add_included(self, route: Route, prefix: str, options: dict[str, Any]) -> None:
        merged = self.merge_options(options, route.options)
        methods = route.explicit_methods if isinstance(getattr(route, "implicit_head", None), bool) else route.methods
        path = _prefixed(prefix, route.path)
        route_class = self.included_route_class(route, methods)
        self._add(route_class(path, route.endpoint, methods=methods, name=route.name, options=merged))

    def merge_options(self, outer: Mapping[str, Any], inner: Mapping[str, Any]) -> dict[str, Any]:
        """Combine the options given to ``include_router`` with a route's own; frameworks override this."""
        return {**outer, **inner}

    def _invalidate(self) -> None:
        self._match_plan = None
        self._url_names = None
        self._refusals.clear()

    def _build(self) -> _Plan:
        root = Node()
        top = root.child_for("", None)  # the empty text before a path's leading slash
        static_nodes: dict[str, Node] = {}
        depth = 0
        ends: list[tuple[Route, Node, Target]] = []
        for route in self.routes:
            node = top
            positions = []
            for index, segment in enumerate(route.template.segments, 1):
                if segment.converter is not None:
                    positions.append(index)
                node = node.child_for(segment.text, segment.converter)
            depth = max(depth, len(route.template.segments) + 1)
            if node.targets is None:
                node.targets = {}
            target: Target = (route, route.template.param_names, tuple(positions))
            # Explicit methods first, so an explicit HEAD route beats the HEAD implied by a GET one.
            for method in _explicit(route):
                node.targets.setdefault(method, target)
            ends.append((route, node, target))
            if route.template.is_static:
                static_nodes[route.path] = node
        for route, node, target in ends:
            if "HEAD" in route.methods and node.targets is not None:
                node.targets.setdefault("HEAD", target)
        static: dict[str, dict[str, Match]] = {}
        shared: dict[int, Match] = {}
        for path, node in static_nodes.items():
            assert node.targets is not None
            table = static[path] = {}
            for method, (route, _, _) in node.targets.items():
                match = shared.get(id(route))
                if match is None:
                    match = shared[id(route)] = _full(route, _SHARED_EMPTY_PARAMS)
                table[method] = match
        root.mark_plain()
        self._match_plan = (static, root, depth)
        return self._match_plan

    # -- matching ------------------------------------------------------------------------------

    def match(self, method: str, path: str) -> Match:
        """Find what serves ``method`` (upper case, as in ASGI) at ``path`` (the decoded ASGI path).

        The path is the already percent-decoded ``scope["path"]``: ``%2F`` arrives as ``/`` and splits
        segments like any other slash, ``.``/``..``/empty segments are literal text. Never raises for
        any path; the work is linear in the length of the path for a given route table.
        """
        plan = self._match_plan
        if plan is None:
            plan = self._build()
        static, root, depth = plan
        table = static.get(path)
        if table is not None:
            found = table.get(method)
            if found is not None:
                return found
            refused = self._refusals.get((method, path))
            if refused is not None:
                return refused
        # Greedy walk: the first candidate at every depth. When it serves the method it is exactly
        # what the full backtracking search would return first. ``parts[0]`` is the empty text before
        # the leading slash; the trie's root has it as its only static child.
        parts = path.split("/", depth)
        node = root
        for part in parts:
            child = node.static.get(part)
            if child is None:
                child = node.first_param
                if child is None:
                    if node.rest:
                        return self._match_rest(method, path, node, parts, plan)
                    break
                matcher = node.first_matcher
                if matcher is None:
                    if not part:
                        break
                else:
                    # Converted values replace their text in ``parts``; ``node.depth`` is the index.
                    try:
                        parts[node.depth] = matcher(part)
                    except ValueError:
                        break
            node = child
        else:
            targets = node.targets
            if targets is not None:
                target = targets.get(method)
                if target is not None:
                    route, names, positions = target
                    if len(names) == 1:
                        params: dict[str, Any] = {names[0]: parts[positions[0]]}
                    elif not names:
                        params = {}
                    elif len(names) == 2:
                        params = {names[0]: parts[positions[0]], names[1]: parts[positions[1]]}
                    else:
                        params = {name: parts[index] for name, index in zip(names, positions, strict=True)}
                    match: Match = _new_match(Match)
                    match.status = _FULL
                    match.route = route
                    match.params = params
                    match._extra = None
                    return match
            return self._match_slow(method, path, plan)
        # The walk is stuck at ``node`` on ``parts[node.depth]``. With no fork on the way, the full
        # search cannot do better, and no method was seen (no 405). The slash twin shares every piece
        # but the last one (it gains or loses a trailing "" piece, or a "/" in an unsplit tail), so it
        # gets stuck at the same place unless this is the last piece; a twin one piece longer also
        # does when the path was split completely.
        if node.plain and (
            node.depth < len(parts) - 1 or (len(parts) <= depth and path[-1:] != "/") or not self.redirect_slashes
        ):
            return self._mount_or_not_found(path)
        return self._match_slow(method, path, plan)

    def _mount_or_not_found(self, path: str) -> Match:
        for mount in self.mounts:
            remaining = mount.matches(path)
            if remaining is not None:
                return Match(MatchStatus.MOUNT, mount=mount, remaining_path=remaining)
        return _NOT_FOUND

    def _match_rest(self, method: str, path: str, node: Node, parts: list[Any], plan: _Plan) -> Match:
        """The greedy walk reached a node whose only way on is a ``{name:path}`` child."""
        matcher, child = node.rest[0]
        tail = "/".join(parts[node.depth :])
        try:
            parts[node.depth] = tail if matcher is None else matcher(tail)
        except ValueError:
            return self._match_slow(method, path, plan)
        target = child.targets.get(method) if child.targets is not None else None
        if target is None:
            return self._match_slow(method, path, plan)
        return _full(target[0], _params(target, parts))

    def _match_slow(self, method: str, path: str, plan: _Plan) -> Match:
        """Backtracking search, then mounts, 405, the slash redirect and 404, in that order."""
        static, root, depth = plan
        parts = path.split("/", depth)
        allowed: set[str] = set()
        found = search(root, parts, method, allowed)
        if found is not None:
            target, values = found
            return _full(target[0], _params(target, values))
        mounted = self._mount_or_not_found(path)
        if mounted is not _NOT_FOUND:
            return mounted
        allowed.discard(WEBSOCKET)
        if allowed:
            refusal = Match(MatchStatus.METHOD_NOT_ALLOWED, allowed_methods=frozenset(allowed))
            if method in _KNOWN_METHODS and path in static:
                # The same every time until the routes or mounts change (at most one per static path and method).
                self._refusals[(method, path)] = refusal
            return refusal
        if self.redirect_slashes and path != "/" and path[:1] == "/":
            twin = path[:-1] if path.endswith("/") else path + "/"
            table = static.get(twin)
            if (table is not None and method in table) or search(root, twin.split("/", depth), method, set()):
                return Match(MatchStatus.REDIRECT_SLASH, redirect_path=twin)
        return _NOT_FOUND

    def resolve(self, method: str, path: str) -> tuple[Any, dict[str, Any], dict[str, Any]] | None:
        """`faster-api-web`'s ``RadixRouter.resolve``: ``(endpoint, params, options)`` or ``None``.

        Like that router it ignores a trailing slash (it follows a slash redirect) and takes the method
        in any case; unlike it, HEAD finds GET routes and converters apply.
        """
        method = method.upper()
        match = self.match(method, path)
        if match.status is MatchStatus.REDIRECT_SLASH and match.redirect_path is not None:
            match = self.match(method, match.redirect_path)
        if match.status is not MatchStatus.FULL or match.route is None:
            return None
        return match.route.endpoint, dict(match.params), match.route.options

    # -- building ------------------------------------------------------------------------------

    def url_path_for(self, name: str, /, **params: Any) -> str:
        """The path of the route (or mount) called ``name`` with ``params`` filled in.

        Values are rendered with each converter's ``to_string``; a mount takes one ``path``
        parameter (``url_path_for("static", path="/css/site.css")``). When several routes share the
        name, the first one the parameters fit wins. Raises :class:`NoMatchFound` otherwise. The result
        is in the decoded form of ``scope["path"]``: percent-encode it before putting it in a URL when
        values may contain reserved characters.
        """
        names = self._url_names
        if names is None:
            names = {}
            items: list[Route | Mount] = [*self.routes, *self.mounts]
            for item in items:
                if item.name is not None:
                    names.setdefault(item.name, []).append(item)
            self._url_names = names
        candidates = names.get(name)
        if not candidates:
            raise NoMatchFound(f"no route or mount is named {name!r}")
        errors = []
        for item in candidates:
            try:
                if isinstance(item, Mount):
                    if set(params) != {"path"}:
                        given = ", ".join(sorted(params)) or "nothing"
                        raise ValueError(f"mount {item.path or '/'!r} takes exactly one parameter, path (got {given})")
                    return item.url_path(path=params["path"])
                return item.url_path(**params)
            except ValueError as exc:
                errors.append(str(exc))
        raise NoMatchFound(f"{name!r}: " + "; ".join(errors))


def _prefixed(prefix: str, path: str) -> str:
    """``path`` under an include prefix; a router's ``/`` becomes ``/items/`` as in FastAPI."""
    return prefix + path if prefix else path


def _explicit(route: Route) -> frozenset[str]:
    """The methods a route claims for itself (a GET route's implied HEAD is not one of them)."""
    explicit = getattr(route, "explicit_methods", None)
    return explicit if isinstance(explicit, frozenset) else route.methods
