"""FasterAPI: one import for the whole framework (``faster-api-web``).

This package holds no logic, only names re-exported from the component distributions
(``fasterapi-routing``, ``fasterapi-core``, ``fasterapi-ws`` and, with the ``[test]`` extra,
``fasterapi-testclient``). Names that need optional third-party packages (the test client needs
httpx) are loaded on first use, so ``import FasterAPI`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fasterapi_core import (
    URL as URL,
    Address as Address,
    APIRoute as APIRoute,
    APIRouter as APIRouter,
    BackgroundTask as BackgroundTask,
    BackgroundTasks as BackgroundTasks,
    Body as Body,
    Cookie as Cookie,
    DependencyOverrides as DependencyOverrides,
    Depends as Depends,
    Faster as Faster,
    FasterAPIError as FasterAPIError,
    FasterRouter as FasterRouter,
    File as File,
    Form as Form,
    Header as Header,
    Headers as Headers,
    HTMLResponse as HTMLResponse,
    HTTPConnection as HTTPConnection,
    HTTPException as HTTPException,
    JSONResponse as JSONResponse,
    Middleware as Middleware,
    ORJSONResponse as ORJSONResponse,
    Path as Path,
    PlainTextResponse as PlainTextResponse,
    Query as Query,
    QueryParams as QueryParams,
    RedirectResponse as RedirectResponse,
    Request as Request,
    RequestValidationError as RequestValidationError,
    Response as Response,
    ResponseValidationError as ResponseValidationError,
    Security as Security,
    SecurityScopes as SecurityScopes,
    State as State,
    UJSONResponse as UJSONResponse,
    WebSocketException as WebSocketException,
    run_in_threadpool as run_in_threadpool,
)
from fasterapi_core.asgi_compat import (
    get_header as get_header,
    get_server_host as get_server_host,
    http_version as http_version,
    is_http2 as is_http2,
)
from fasterapi_core.encoders import jsonable_encoder as jsonable_encoder
from fasterapi_core.production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)
from fasterapi_routing import Router as RadixRouter
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketState as WebSocketState,
)

from ._lazy import resolve_lazy

if TYPE_CHECKING:
    from fasterapi_testclient import AsyncTestClient as AsyncTestClient, TestClient as TestClient

    __version__: str

__all__ = [
    "URL",
    "APIRoute",
    "APIRouter",
    "Address",
    "AsyncTestClient",
    "BackgroundTask",
    "BackgroundTasks",
    "Body",
    "Cookie",
    "DatabasePoolMiddleware",
    "DependencyOverrides",
    "Depends",
    "Faster",
    "FasterAPIError",
    "FasterRouter",
    "File",
    "Form",
    "HTMLResponse",
    "HTTPConnection",
    "HTTPException",
    "Header",
    "Headers",
    "JSONResponse",
    "Middleware",
    "ORJSONResponse",
    "Path",
    "PlainTextResponse",
    "Query",
    "QueryParams",
    "RadixRouter",
    "RateLimitMiddleware",
    "RedirectResponse",
    "Request",
    "RequestIDMiddleware",
    "RequestValidationError",
    "Response",
    "ResponseValidationError",
    "Security",
    "SecurityScopes",
    "State",
    "TestClient",
    "UJSONResponse",
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketState",
    "__version__",
    "get_header",
    "get_server_host",
    "http_version",
    "is_http2",
    "jsonable_encoder",
    "run_in_threadpool",
]


def __getattr__(name: str) -> Any:
    value = resolve_lazy(name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
