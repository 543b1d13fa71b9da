"""Decide which app exceptions are the expected echo of a client disconnect rather than bugs."""

from __future__ import annotations

from .exceptions import ClientDisconnected, WebSocketDisconnect

__all__ = ["is_disconnect_echo"]


def is_disconnect_echo(exc: BaseException) -> bool:
    """True when ``exc`` (or every leaf of an exception group) only reports that the client went away."""
    inner = getattr(exc, "exceptions", None)
    if isinstance(inner, tuple) and inner:  # an exception group (duck-typed: Python 3.10 has no builtin)
        return all(isinstance(leaf, BaseException) and is_disconnect_echo(leaf) for leaf in inner)
    if isinstance(exc, (ClientDisconnected, WebSocketDisconnect)):
        return True
    return any(cls.__name__ in ("WebSocketDisconnect", "ClientDisconnect") for cls in type(exc).__mro__)
