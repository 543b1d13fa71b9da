"""FasterAPI: one import for the whole framework (``faster-api-web``).

This package holds no logic, only names re-exported from the component distributions. The test
client is loaded on first use so that ``import FasterAPI`` never imports httpx.
"""

from __future__ import annotations

from typing import Any

from fasterapi_core import (
    URL as URL,
    APIRoute as APIRoute,
    APIRouter as APIRouter,
    BackgroundTask as BackgroundTask,
    BackgroundTasks as BackgroundTasks,
    Body as Body,
    Cookie as Cookie,
    Depends as Depends,
    Faster as Faster,
    FasterRouter as FasterRouter,
    File as File,
    Form as Form,
    Header as Header,
    HTMLResponse as HTMLResponse,
    HTTPException as HTTPException,
    JSONResponse as JSONResponse,
    Path as Path,
    PlainTextResponse as PlainTextResponse,
    Query as Query,
    RedirectResponse as RedirectResponse,
    Request as Request,
    RequestValidationError as RequestValidationError,
    Response as Response,
    Security as Security,
    SecurityScopes as SecurityScopes,
    WebSocketException as WebSocketException,
)
from fasterapi_routing import Router as RadixRouter
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketState as WebSocketState,
)

__all__ = [
    "URL",
    "APIRoute",
    "APIRouter",
    "BackgroundTask",
    "BackgroundTasks",
    "Body",
    "Cookie",
    "Depends",
    "Faster",
    "FasterRouter",
    "File",
    "Form",
    "HTMLResponse",
    "HTTPException",
    "Header",
    "JSONResponse",
    "Path",
    "PlainTextResponse",
    "Query",
    "RadixRouter",
    "RedirectResponse",
    "Request",
    "RequestValidationError",
    "Response",
    "Security",
    "SecurityScopes",
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketState",
    "__version__",
]

_TEST_NAMES = {"TestClient": "TestClient", "AsyncTestClient": "AsyncTestClient"}


def __getattr__(name: str) -> Any:
    if name in _TEST_NAMES:
        try:
            import fasterapi_testclient
        except ImportError as exc:
            raise ImportError(f"FasterAPI.{name} needs the test extra: pip install 'faster-api-web[test]'") from exc
        value = getattr(fasterapi_testclient, _TEST_NAMES[name])
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("faster-api-web")
        except PackageNotFoundError:
            return "0.0.0"
    raise AttributeError(f"module 'FasterAPI' has no attribute {name!r}")
