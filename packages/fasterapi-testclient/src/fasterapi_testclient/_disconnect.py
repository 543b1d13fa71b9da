"""The ``WebSocketDisconnect`` class raised to tests: ours, combined with the framework's own when loaded.

Test code catches ``WebSocketDisconnect`` from whatever it imports: ``fasterapi_testclient``,
``FasterAPI`` (``fasterapi_ws``) or ``starlette.websockets``. We never import a framework the test did
not import: the class is chosen when the exception is raised, from the modules already in
``sys.modules``. A facade the test imported (``FasterAPI``) is asked for its ``WebSocketDisconnect``
too, even if it has not loaded it yet, because ``except FasterAPI.WebSocketDisconnect:`` is only
evaluated after the raise; the import order of the test module then makes no difference.
"""

from __future__ import annotations

import sys

from .exceptions import WebSocketDisconnect

__all__ = ["disconnect_class", "make_disconnect", "with_framework_bases"]

_FRAMEWORK_MODULES = ("fasterapi_ws", "fasterapi_ws.websockets", "starlette.websockets")
_FACADES = ("FasterAPI",)  # re-export a framework's class lazily: resolved through them once they are imported
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
    for candidate in _framework_classes():
        if candidate not in bases:
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


def _framework_classes() -> list[type[BaseException]]:
    """The ``WebSocketDisconnect`` classes of the frameworks (and facades) the process has imported."""
    found: list[type[BaseException]] = []
    for module_name in _FRAMEWORK_MODULES + _FACADES:
        module = sys.modules.get(module_name)
        if module is None:
            continue
        try:
            candidate = getattr(module, "WebSocketDisconnect", None)
        except ImportError:  # a facade whose component is not installed
            continue
        if isinstance(candidate, type) and issubclass(candidate, BaseException):
            found.append(candidate)
    return found


def make_disconnect(code: int = 1000, reason: str | None = None) -> WebSocketDisconnect:
    """An instance of :func:`disconnect_class` with ``code`` and ``reason`` set."""
    return disconnect_class()(code, reason)
