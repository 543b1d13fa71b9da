"""The radix tree behind :class:`~fasterapi_routing.Router` matching.

Static segments live in a dict per node; parameter children are tried in registration order after
the static child, so ``/files/static/x`` still reaches ``/files/{name}/x`` when no static route fits
(backtracking). A converter that rejects a segment simply lets the next candidate try.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .converters import Converter

if TYPE_CHECKING:
    from .routes import Route

__all__ = ["Node"]


class Node:
    __slots__ = ("param_children", "rest_children", "routes", "static_children")

    def __init__(self) -> None:
        self.static_children: dict[str, Node] = {}
        #: (converter name, converter, child) in the order they were first registered.
        self.param_children: list[tuple[str, Converter, Node]] = []
        #: ``{name:path}``-style children that consume every remaining segment.
        self.rest_children: list[tuple[str, Converter, Node]] = []
        #: method -> route for templates that end at this node.
        self.routes: dict[str, Route] | None = None

    def child_for(self, key: str, converter: Converter | None) -> Node:
        """The child for one template segment, created on first use."""
        if converter is None:
            node = self.static_children.get(key)
            if node is None:
                node = self.static_children[key] = Node()
            return node
        children = self.rest_children if converter.matches_rest else self.param_children
        for name, _, node in children:
            if name == key:
                return node
        node = Node()
        children.append((key, converter, node))
        return node

    def find(self, parts: list[str], index: int, values: list[Any], method: str) -> tuple[Node | None, Node | None]:
        """Depth-first search for the node at the end of ``parts``.

        Returns ``(node serving method, first node matching the path)``; the second lets the caller
        answer 405 when the path exists but the method does not. ``values`` collects converted
        parameter values in path order; on success it holds exactly the winning route's values.
        """
        if index == len(parts):
            if self.routes is not None:
                if method in self.routes:
                    return self, self
                fallback: Node | None = self
            else:
                fallback = None
        else:
            fallback = None
            part = parts[index]
            static = self.static_children.get(part)
            if static is not None:
                found, partial = static.find(parts, index + 1, values, method)
                if found is not None:
                    return found, partial
                fallback = partial
            for _, converter, child in self.param_children:
                try:
                    value = converter.convert(part)
                except ValueError:
                    continue
                values.append(value)
                found, partial = child.find(parts, index + 1, values, method)
                if found is not None:
                    return found, partial
                values.pop()
                if fallback is None:
                    fallback = partial
            for _, converter, child in self.rest_children:
                if child.routes is None:
                    continue
                try:
                    value = converter.convert("/".join(parts[index:]))
                except ValueError:
                    continue
                if method in child.routes:
                    values.append(value)
                    return child, child
                if fallback is None:
                    fallback = child
        return None, fallback
