"""Names of ``FasterAPI`` that are imported on first use (they pull in optional packages)."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

__all__ = ["LAZY_NAMES", "MOVED_NAMES", "resolve_lazy"]

# name -> (module, attribute, the extra that installs the module)
LAZY_NAMES: dict[str, tuple[str, str, str]] = {
    "Jinja2Templates": ("fasterapi_core.templating", "Jinja2Templates", "templates"),
    "TestClient": ("fasterapi_testclient", "TestClient", "test"),
    "AsyncTestClient": ("fasterapi_testclient", "AsyncTestClient", "test"),
    "AsyncWebSocketTestSession": ("fasterapi_testclient", "AsyncWebSocketTestSession", "test"),
    "LifespanManager": ("fasterapi_testclient", "LifespanManager", "test"),
    "LifespanShutdownError": ("fasterapi_testclient", "LifespanShutdownError", "test"),
    "LifespanStartupError": ("fasterapi_testclient", "LifespanStartupError", "test"),
    "WebSocketDenialResponse": ("fasterapi_testclient", "WebSocketDenialResponse", "test"),
    "WebSocketTestSession": ("fasterapi_testclient", "WebSocketTestSession", "test"),
}


# Internals that left the top level (import them from the module named); reachable here for one release.
MOVED_NAMES: dict[str, str] = {
    "compile_websocket_route": "fasterapi_ws",
    "http_exception_response": "fasterapi_core.exception_handlers",
    "DependencyOverrides": "FasterAPI.applications",
    "Match": "FasterAPI.routing",
    "MatchStatus": "FasterAPI.routing",
    "NoMatchFound": "FasterAPI.routing",
    "PathTemplate": "FasterAPI.routing",
    "parse_template": "fasterapi_routing",
    "TemplateError": "fasterapi_routing",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("faster-api-web")
    except PackageNotFoundError:
        return "0.0.0"


def resolve_lazy(name: str) -> Any:
    """Import and return ``FasterAPI.<name>``; a missing optional package names the extra to install."""
    if name == "__version__":
        return _version()
    home = MOVED_NAMES.get(name)
    if home is not None:
        warnings.warn(
            f"FasterAPI.{name} is an internal name and leaves the top level: import it from {home}",
            DeprecationWarning,
            stacklevel=3,
        )
        return getattr(importlib.import_module(home), name)
    target = LAZY_NAMES.get(name)
    if target is None:
        raise AttributeError(f"module 'FasterAPI' has no attribute {name!r}")
    module_name, attribute, extra = target
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except ImportError as exc:
        raise ImportError(
            f"FasterAPI.{name} needs the [{extra}] extra: pip install 'faster-api-web[{extra}]' ({exc})"
        ) from exc
