"""The ``WebSocketDisconnect`` class raised to tests: ours, combined with the framework's own when loaded.

Test code catches ``WebSocketDisconnect`` from whatever it imports: ``fasterapi_testclient``,
``FasterAPI`` (``fasterapi_ws``) or ``starlette.websockets``. We never import those frameworks; when one
of them is already in ``sys.modules`` the raised class also subclasses its ``WebSocketDisconnect``.
"""

from __future__ import annotations

import sys

from .exceptions import WebSocketDisconnect

__all__ = ["disconnect_class", "make_disconnect", "with_framework_bases"]

_FRAMEWORK_MODULES = ("fasterapi_ws", "fasterapi_ws.websockets", "starlette.websockets")
_combined: dict[tuple[type[BaseException], ...], type[WebSocketDisconnect]] = {}


def _combined_init(self: WebSocketDisconnect, code: int = 1000, reason: str | None = None) -> None:
    BaseException.__init__(self, code, reason)
    self.code = code
    self.reason = reason


def disconnect_class() -> type[WebSocketDisconnect]:
    """Our ``WebSocketDisconnect``, or a cached subclass that is also every loaded framework's one."""
    return with_framework_bases(WebSocketDisconnect)


def with_framework_bases(ours: type[WebSocketDisconnect]) -> type[WebSocketDisconnect]:
    """``ours`` (a ``WebSocketDisconnect`` class of this package), or a cached subclass of it that is also
    every loaded framework's ``WebSocketDisconnect`` (so ``pytest.raises(FasterAPI.WebSocketDisconnect)``
    catches a refused handshake too)."""
    bases: list[type[BaseException]] = [ours]
    for module_name in _FRAMEWORK_MODULES:
        module = sys.modules.get(module_name)
        candidate = getattr(module, "WebSocketDisconnect", None) if module is not None else None
        if isinstance(candidate, type) and issubclass(candidate, BaseException) and candidate not in bases:
            bases.append(candidate)
    # keep only the most derived classes, so a framework class that already subclasses ours is fine
    bases = [base for base in bases if not any(other is not base and issubclass(other, base) for other in bases)]
    if bases == [ours]:
        return ours
    key = tuple(bases)
    cached = _combined.get(key)
    if cached is None:
        namespace: dict[str, object] = {"__module__": __name__}
        if ours is WebSocketDisconnect:
            namespace.update({"__init__": _combined_init, "__str__": WebSocketDisconnect.__str__})
        try:
            made = type(ours.__name__, key, namespace)
        except TypeError:  # incompatible layouts or MRO: fall back to ours alone
            return ours
        if not issubclass(made, ours):  # a framework class derived from ours won the MRO
            return ours
        cached = _combined[key] = made
    return cached


def make_disconnect(code: int = 1000, reason: str | None = None) -> WebSocketDisconnect:
    """An instance of :func:`disconnect_class` with ``code`` and ``reason`` set."""
    return disconnect_class()(code, reason)
