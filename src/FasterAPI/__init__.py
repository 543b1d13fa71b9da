"""FasterAPI: one import for the whole framework (``faster-api-web``).

This package holds no logic, only names re-exported from the component distributions
(``fasterapi-routing``, ``fasterapi-core``, ``fasterapi-ws`` and, with the ``[test]`` extra,
``fasterapi-testclient``). Names that need optional third-party packages (the test client needs
httpx) and the integrations of ``fasterapi-extras`` (which bring asyncio, multiprocessing and more)
are loaded on first use, so ``import FasterAPI`` stays light.
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
    BaseHTTPMiddleware as BaseHTTPMiddleware,
    Body as Body,
    Cookie as Cookie,
    CORSMiddleware as CORSMiddleware,
    Depends as Depends,
    EventSourceResponse as EventSourceResponse,
    FastAPI as FastAPI,
    Faster as Faster,
    FasterAPIError as FasterAPIError,
    FasterRouter as FasterRouter,
    File as File,
    FileResponse as FileResponse,
    Form as Form,
    FormData as FormData,
    GZipMiddleware as GZipMiddleware,
    Header as Header,
    Headers as Headers,
    HTMLResponse as HTMLResponse,
    HTTPConnection as HTTPConnection,
    HTTPException as HTTPException,
    HTTPSRedirectMiddleware as HTTPSRedirectMiddleware,
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
    ServerSentEvent as ServerSentEvent,
    State as State,
    StreamingResponse as StreamingResponse,
    TrustedHostMiddleware as TrustedHostMiddleware,
    UJSONResponse as UJSONResponse,
    UploadFile as UploadFile,
    WebSocketException as WebSocketException,
    run_in_threadpool as run_in_threadpool,
    status as status,
)
from fasterapi_core.encoders import jsonable_encoder as jsonable_encoder
from fasterapi_core.security import (
    APIKeyCookie as APIKeyCookie,
    APIKeyHeader as APIKeyHeader,
    APIKeyQuery as APIKeyQuery,
    HTTPAuthorizationCredentials as HTTPAuthorizationCredentials,
    HTTPBase as HTTPBase,
    HTTPBasic as HTTPBasic,
    HTTPBasicCredentials as HTTPBasicCredentials,
    HTTPBearer as HTTPBearer,
    HTTPDigest as HTTPDigest,
    OAuth2 as OAuth2,
    OAuth2AuthorizationCodeBearer as OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer as OAuth2PasswordBearer,
    OAuth2PasswordRequestForm as OAuth2PasswordRequestForm,
    OAuth2PasswordRequestFormStrict as OAuth2PasswordRequestFormStrict,
    OpenIdConnect as OpenIdConnect,
    SecurityBase as SecurityBase,
    get_authorization_scheme_param as get_authorization_scheme_param,
)
from fasterapi_core.staticfiles import StaticFiles as StaticFiles
from fasterapi_routing import (
    CONVERTERS as CONVERTERS,
    Converter as Converter,
    FloatConverter as FloatConverter,
    IntConverter as IntConverter,
    Mount as Mount,
    PathConverter as PathConverter,
    Route as Route,
    Router as RadixRouter,
    Router as Router,
    StringConverter as StringConverter,
    UUIDConverter as UUIDConverter,
    register_converter as register_converter,
)
from fasterapi_ws import (
    WebSocket as WebSocket,
    WebSocketClose as WebSocketClose,
    WebSocketDataError as WebSocketDataError,
    WebSocketDisconnect as WebSocketDisconnect,
    WebSocketRequestValidationError as WebSocketRequestValidationError,
    WebSocketState as WebSocketState,
)

from ._lazy import resolve_lazy

if TYPE_CHECKING:
    from fasterapi_core.templating import Jinja2Templates as Jinja2Templates
    from fasterapi_extras.asgi_compat import (
        get_header as get_header,
        get_server_host as get_server_host,
        http_version as http_version,
        is_http2 as is_http2,
    )
    from fasterapi_extras.jwt_auth import (
        JWTBearer as JWTBearer,
        create_access_token as create_access_token,
        oauth2_access_token_json as oauth2_access_token_json,
        oauth2_password_token_response as oauth2_password_token_response,
    )
    from fasterapi_extras.log_config import configure_structlog as configure_structlog
    from fasterapi_extras.production import (
        DatabasePoolMiddleware as DatabasePoolMiddleware,
        RateLimitMiddleware as RateLimitMiddleware,
        RequestIDMiddleware as RequestIDMiddleware,
    )
    from fasterapi_extras.redis_cache import RedisCacheMiddleware as RedisCacheMiddleware
    from fasterapi_extras.sqlalchemy_ext import (
        async_engine_from_url_optional as async_engine_from_url_optional,
        sqlalchemy_session_dependency as sqlalchemy_session_dependency,
    )
    from fasterapi_extras.subinterpreters import (
        SubInterpreterPool as SubInterpreterPool,
        run_in_subinterpreter as run_in_subinterpreter,
    )
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
    "APIKeyCookie",
    "APIKeyHeader",
    "APIKeyQuery",
    "APIRoute",
    "APIRouter",
    "Address",
    "AsyncTestClient",
    "AsyncWebSocketTestSession",
    "BackgroundTask",
    "BackgroundTasks",
    "BaseHTTPMiddleware",
    "Body",
    "CONVERTERS",
    "CORSMiddleware",
    "Converter",
    "Cookie",
    "DatabasePoolMiddleware",
    "Depends",
    "EventSourceResponse",
    "FastAPI",
    "Faster",
    "FasterAPIError",
    "FasterRouter",
    "File",
    "FileResponse",
    "FloatConverter",
    "Form",
    "FormData",
    "GZipMiddleware",
    "HTMLResponse",
    "HTTPAuthorizationCredentials",
    "HTTPBase",
    "HTTPBasic",
    "HTTPBasicCredentials",
    "HTTPBearer",
    "HTTPConnection",
    "HTTPDigest",
    "HTTPException",
    "HTTPSRedirectMiddleware",
    "Header",
    "Headers",
    "IntConverter",
    "JSONResponse",
    "JWTBearer",
    "Jinja2Templates",
    "LifespanManager",
    "LifespanShutdownError",
    "LifespanStartupError",
    "Middleware",
    "Mount",
    "OAuth2",
    "OAuth2AuthorizationCodeBearer",
    "OAuth2PasswordBearer",
    "OAuth2PasswordRequestForm",
    "OAuth2PasswordRequestFormStrict",
    "ORJSONResponse",
    "OpenIdConnect",
    "Path",
    "PathConverter",
    "PlainTextResponse",
    "Query",
    "QueryParams",
    "RadixRouter",
    "RateLimitMiddleware",
    "RedirectResponse",
    "RedisCacheMiddleware",
    "Request",
    "RequestIDMiddleware",
    "RequestValidationError",
    "Response",
    "ResponseValidationError",
    "Route",
    "Router",
    "Security",
    "SecurityBase",
    "SecurityScopes",
    "ServerSentEvent",
    "State",
    "StaticFiles",
    "StreamingResponse",
    "StringConverter",
    "SubInterpreterPool",
    "TestClient",
    "TrustedHostMiddleware",
    "UJSONResponse",
    "URL",
    "UUIDConverter",
    "UploadFile",
    "WebSocket",
    "WebSocketClose",
    "WebSocketDataError",
    "WebSocketDenialResponse",
    "WebSocketDisconnect",
    "WebSocketException",
    "WebSocketRequestValidationError",
    "WebSocketState",
    "WebSocketTestSession",
    "__version__",
    "async_engine_from_url_optional",
    "configure_structlog",
    "create_access_token",
    "get_authorization_scheme_param",
    "get_header",
    "get_server_host",
    "http_version",
    "is_http2",
    "jsonable_encoder",
    "oauth2_access_token_json",
    "oauth2_password_token_response",
    "register_converter",
    "run_in_subinterpreter",
    "run_in_threadpool",
    "sqlalchemy_session_dependency",
    "status",
]


def __getattr__(name: str) -> Any:
    value = resolve_lazy(name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
