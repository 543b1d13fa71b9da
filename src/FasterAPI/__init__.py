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
    FormData as FormData,
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
    UploadFile as UploadFile,
    WebSocketException as WebSocketException,
    http_exception_response as http_exception_response,
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
from fasterapi_routing import (
    CONVERTERS as CONVERTERS,
    Converter as Converter,
    FloatConverter as FloatConverter,
    IntConverter as IntConverter,
    Match as Match,
    MatchStatus as MatchStatus,
    Mount as Mount,
    NoMatchFound as NoMatchFound,
    PathConverter as PathConverter,
    PathTemplate as PathTemplate,
    Route as Route,
    Router as RadixRouter,
    Router as Router,
    StringConverter as StringConverter,
    TemplateError as TemplateError,
    UUIDConverter as UUIDConverter,
    parse_template as parse_template,
    register_converter as register_converter,
)
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketState as WebSocketState,
    compile_websocket_route as compile_websocket_route,
)

from ._lazy import resolve_lazy

if TYPE_CHECKING:
    from fasterapi_testclient import (
        AsyncTestClient as AsyncTestClient,
        AsyncWebSocketTestSession as AsyncWebSocketTestSession,
        LifespanManager as LifespanManager,
        LifespanShutdownError as LifespanShutdownError,
        LifespanStartupError as LifespanStartupError,
        TestClient as TestClient,
        WebSocketDenialResponse as WebSocketDenialResponse,
        WebSocketTestSession as WebSocketTestSession,
    )

    __version__: str

__all__ = [
    "APIRoute",
    "APIRouter",
    "Address",
    "AsyncTestClient",
    "AsyncWebSocketTestSession",
    "BackgroundTask",
    "BackgroundTasks",
    "Body",
    "CONVERTERS",
    "Converter",
    "Cookie",
    "DatabasePoolMiddleware",
    "DependencyOverrides",
    "Depends",
    "Faster",
    "FasterAPIError",
    "FasterRouter",
    "File",
    "FloatConverter",
    "Form",
    "FormData",
    "HTMLResponse",
    "HTTPConnection",
    "HTTPException",
    "Header",
    "Headers",
    "IntConverter",
    "JSONResponse",
    "LifespanManager",
    "LifespanShutdownError",
    "LifespanStartupError",
    "Match",
    "MatchStatus",
    "Middleware",
    "Mount",
    "NoMatchFound",
    "ORJSONResponse",
    "Path",
    "PathConverter",
    "PathTemplate",
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
    "Route",
    "Router",
    "Security",
    "SecurityScopes",
    "State",
    "StringConverter",
    "TemplateError",
    "TestClient",
    "UJSONResponse",
    "URL",
    "UUIDConverter",
    "UploadFile",
    "WebSocket",
    "WebSocketDenialResponse",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketState",
    "WebSocketTestSession",
    "__version__",
    "compile_websocket_route",
    "get_header",
    "get_server_host",
    "http_exception_response",
    "http_version",
    "is_http2",
    "jsonable_encoder",
    "parse_template",
    "register_converter",
    "run_in_threadpool",
]


def __getattr__(name: str) -> Any:
    value = resolve_lazy(name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
