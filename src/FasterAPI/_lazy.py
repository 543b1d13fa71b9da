"""Names of ``FasterAPI`` that are imported on first use (they pull in optional packages)."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

__all__ = ["FIRST_USE_NAMES", "LAZY_NAMES", "MOVED_NAMES", "resolve_lazy"]

# name -> (module, attribute): always installed, imported when first used (``import fasterapi_extras``
# brings asyncio, multiprocessing and more: a tenth of ``import FasterAPI``).
FIRST_USE_NAMES: dict[str, tuple[str, str]] = {
    "get_header": ("fasterapi_extras.asgi_compat", "get_header"),
    "get_server_host": ("fasterapi_extras.asgi_compat", "get_server_host"),
    "http_version": ("fasterapi_extras.asgi_compat", "http_version"),
    "is_http2": ("fasterapi_extras.asgi_compat", "is_http2"),
    "JWTBearer": ("fasterapi_extras.jwt_auth", "JWTBearer"),
    "create_access_token": ("fasterapi_extras.jwt_auth", "create_access_token"),
    "oauth2_access_token_json": ("fasterapi_extras.jwt_auth", "oauth2_access_token_json"),
    "oauth2_password_token_response": ("fasterapi_extras.jwt_auth", "oauth2_password_token_response"),
    "configure_structlog": ("fasterapi_extras.log_config", "configure_structlog"),
    "DatabasePoolMiddleware": ("fasterapi_extras.production", "DatabasePoolMiddleware"),
    "RateLimitMiddleware": ("fasterapi_extras.production", "RateLimitMiddleware"),
    "RequestIDMiddleware": ("fasterapi_extras.production", "RequestIDMiddleware"),
    "RedisCacheMiddleware": ("fasterapi_extras.redis_cache", "RedisCacheMiddleware"),
    "async_engine_from_url_optional": ("fasterapi_extras.sqlalchemy_ext", "async_engine_from_url_optional"),
    "sqlalchemy_session_dependency": ("fasterapi_extras.sqlalchemy_ext", "sqlalchemy_session_dependency"),
    "SubInterpreterPool": ("fasterapi_extras.subinterpreters", "SubInterpreterPool"),
    "run_in_subinterpreter": ("fasterapi_extras.subinterpreters", "run_in_subinterpreter"),
}

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
    first_use = FIRST_USE_NAMES.get(name)
    if first_use is not None:
        return getattr(importlib.import_module(first_use[0]), first_use[1])
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
