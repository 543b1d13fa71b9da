"""The segment trie behind :meth:`Router.match <fasterapi_routing.Router.match>`.

Each node has three kinds of children, tried in this order:

1. a static child per literal segment (one dict lookup);
2. parameter children, one per converter; restrictive converters (int, uuid, user ones, ...) are
   tried before the plain ``str`` converter, otherwise in registration order;
3. rest children (``{name:path}``), which consume everything that is left.

A failed branch falls back to the next candidate (``/files/static/x`` still reaches
``/files/{name}/x`` when no static route fits), and a converter that rejects a segment just lets the
next candidate try. Every node has exactly one parent, so one search expands each node at most once:
the work is bounded by the size of the trie (the sum of the template lengths), never exponential,
however many alternatives each depth has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .converters import Converter, FloatConverter, IntConverter, PathConverter, StringConverter, UUIDConverter

if TYPE_CHECKING:
    from .routes import Route

__all__ = ["Matcher", "Node", "Target", "search", "segment_matcher"]

#: Turns the text of a segment (or of the rest of the path) into a value, or raises ``ValueError``.
#: ``None`` stands for the plain converters that accept any text as is (``str`` and ``path``).
Matcher = Callable[[str], Any] | None

#: What a node serves for one method: the route, its parameter names, and the indexes of the path
#: segments that hold their values.
Target = tuple["Route", tuple[str, ...], tuple[int, ...]]

_SELF_CHECKING = (IntConverter, FloatConverter, UUIDConverter)


def segment_matcher(converter: Converter) -> Matcher:
    """The cheapest correct way to apply ``converter``, planned once at build time.

    The built-in converters validate inside ``convert``; any other converter (user ones, or a
    built-in whose ``regex`` was changed) gets its ``regex`` checked first, then ``convert``.
    """
    kind = type(converter)
    regex = getattr(converter, "regex", None)
    if kind in (StringConverter, PathConverter) and regex == kind.regex:
        return None
    if kind in _SELF_CHECKING and regex == kind.regex:
        return converter.convert
    pattern = re.compile(regex if isinstance(regex, str) else "[^/]+")
    convert = converter.convert

    def check_then_convert(value: str) -> Any:
        if pattern.fullmatch(value) is None:
            raise ValueError(value)
        return convert(value)

    return check_then_convert


class Node:
    __slots__ = (
        "depth",
        "first_matcher",
        "first_param",
        "keys",
        "params",
        "plain",
        "rest",
        "static",
        "targets",
    )

    def __init__(self, depth: int = 0) -> None:
        #: How many path pieces lead here (the root is 0; its ``""`` child, before the first slash, is 1).
        self.depth = depth
        self.static: dict[str, Node] = {}
        #: (matcher, child) in trial order; see the module docstring.
        self.params: list[tuple[Matcher, Node]] = []
        #: ``{name:path}``-style children; each ends a template, so the child always has targets.
        self.rest: list[tuple[Matcher, Node]] = []
        #: ``params[0]`` split in two (child or ``None``, matcher): read by the router's greedy walk.
        self.first_param: Node | None = None
        self.first_matcher: Matcher = None
        #: method -> target, for templates that end at this node; ``None`` when none does.
        self.targets: dict[str, Target] | None = None
        #: converter object -> child, so templates with the same converter share the child.
        self.keys: dict[int, Node] = {}
        #: True when neither this node nor any node above it offers a second way on (see ``mark_plain``):
        #: a walk that gets stuck here has no alternative to backtrack to. Set by ``mark_plain``.
        self.plain = False

    def forks(self) -> bool:
        """More than one kind of child could take the same path piece (a search may backtrack here)."""
        ways = len(self.params) + len(self.rest)
        return ways > 1 or (ways == 1 and bool(self.static))

    def mark_plain(self, above: bool = True) -> None:
        """Set ``plain`` on this node and everything below it (``above``: every ancestor is plain)."""
        stack = [(self, above)]
        while stack:
            node, parent_plain = stack.pop()
            node.plain = plain = parent_plain and not node.forks()
            stack.extend((child, plain) for child in node.static.values())
            stack.extend((child, plain) for _, child in node.params)
            stack.extend((child, plain) for _, child in node.rest)

    def child_for(self, text: str, converter: Converter | None) -> Node:
        """The child for one template segment, created on first use."""
        if converter is None:
            node = self.static.get(text)
            if node is None:
                node = self.static[text] = Node(self.depth + 1)
            return node
        node = self.keys.get(id(converter))
        if node is not None:
            return node
        node = self.keys[id(converter)] = Node(self.depth + 1)
        matcher: Matcher = segment_matcher(converter)
        if getattr(converter, "matches_rest", False):
            self.rest.append((matcher, node))
        elif matcher is None:
            self.params.append((matcher, node))
        else:
            # Restrictive converters go before the first plain ``str`` child.
            index = next((i for i, (m, _) in enumerate(self.params) if m is None), len(self.params))
            self.params.insert(index, (matcher, node))
        if self.params:
            self.first_matcher, self.first_param = self.params[0]
        return node


def _candidates(node: Node, parts: list[str], index: int) -> Iterator[tuple[Node, Any, int]]:
    """(child, segment value, next index) for ``parts[index]`` in trial order."""
    part = parts[index]
    child = node.static.get(part)
    if child is not None:
        yield child, part, index + 1
    for matcher, child in node.params:
        if matcher is None:
            if part:
                yield child, part, index + 1
            continue
        try:
            value = matcher(part)
        except ValueError:
            continue
        yield child, value, index + 1
    if node.rest:
        tail = "/".join(parts[index:])
        for matcher, child in node.rest:
            if matcher is None:
                yield child, tail, len(parts)
                continue
            try:
                value = matcher(tail)
            except ValueError:
                continue
            yield child, value, len(parts)


def search(root: Node, parts: list[str], method: str, allowed: set[str]) -> tuple[Target, list[Any]] | None:
    """Depth-first search, iterative so that deep templates cannot exhaust the Python stack.

    Returns the first target serving ``method`` with the list of segment values (converted where a
    converter applied; index ``i`` holds segment ``i``). Every path-matching node passed on the way
    adds its methods to ``allowed``, so the caller can answer 405 with the full ``Allow`` set.
    """
    total = len(parts)
    values: list[Any] = []
    stack: list[tuple[int, Iterator[tuple[Node, Any, int]]]] = [(0, _candidates(root, parts, 0))]
    while stack:
        index, candidates = stack[-1]
        step = next(candidates, None)
        if step is None:
            stack.pop()
            continue
        child, value, next_index = step
        del values[index:]
        values.append(value)
        if next_index == total:
            targets = child.targets
            if targets is not None:
                target = targets.get(method)
                if target is not None:
                    return target, values
                allowed.update(targets)
        elif child.static or child.params or child.rest:
            stack.append((next_index, _candidates(child, parts, next_index)))
    return None
