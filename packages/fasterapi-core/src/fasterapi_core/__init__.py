"""fasterapi-core: the FasterAPI application, its requests, responses, parameters and DI."""

from . import status
from .applications import DependencyOverrides, FastAPI, Faster, http_exception_response
from .background import BackgroundTask, BackgroundTasks
from .concurrency import run_in_threadpool
from .datastructures import URL, Address, Headers, QueryParams, State
from .dependencies import SecurityScopes
from .encoders import jsonable_encoder
from .exceptions import (
    FasterAPIError,
    HTTPException,
    RequestValidationError,
    ResponseValidationError,
    WebSocketException,
)
from .middleware import (
    BaseHTTPMiddleware,
    CORSMiddleware,
    GZipMiddleware,
    HTTPSRedirectMiddleware,
    Middleware,
    TrustedHostMiddleware,
)
from .params import Body, Cookie, Depends, File, Form, Header, Path, Query, Security
from .requests import HTTPConnection, Request
from .responses import (
    EventSourceResponse,
    FileResponse,
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    ServerSentEvent,
    StreamingResponse,
    UJSONResponse,
)
from .routing import APIRoute, APIRouter, FasterRouter
from .uploads import FormData, UploadFile

__all__ = [
    "URL",
    "APIRoute",
    "APIRouter",
    "Address",
    "BackgroundTask",
    "BackgroundTasks",
    "Body",
    "Cookie",
    "DependencyOverrides",
    "Depends",
    "FastAPI",
    "Faster",
    "FasterAPIError",
    "FasterRouter",
    "File",
    "Form",
    "FormData",
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
    "RedirectResponse",
    "Request",
    "RequestValidationError",
    "Response",
    "ResponseValidationError",
    "Security",
    "SecurityScopes",
    "State",
    "UJSONResponse",
    "UploadFile",
    "WebSocketException",
    "http_exception_response",
    "jsonable_encoder",
    "run_in_threadpool",
    "BaseHTTPMiddleware",
    "CORSMiddleware",
    "GZipMiddleware",
    "HTTPSRedirectMiddleware",
    "TrustedHostMiddleware",
    "EventSourceResponse",
    "FileResponse",
    "ServerSentEvent",
    "StreamingResponse",
    "status",
]
