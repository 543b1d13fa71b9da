"""FastAPI import paths (after ``fastapi`` -> ``FasterAPI``) and faster-api-web's documented names resolve
(FastAPI docs: every tutorial page's imports; anchor inventory 1.1 and 1.2)."""

from __future__ import annotations

import importlib

import pytest

FASTAPI_PATHS = {
    "FasterAPI": [
        "APIRouter",
        "BackgroundTasks",
        "Body",
        "Cookie",
        "Depends",
        "File",
        "Form",
        "HTTPException",
        "Header",
        "Path",
        "Query",
        "Request",
        "Response",
        "Security",
        "UploadFile",
        "WebSocket",
        "WebSocketDisconnect",
        "WebSocketException",
        "status",
    ],
    "FasterAPI.status": [
        "HTTP_200_OK",
        "HTTP_201_CREATED",
        "HTTP_204_NO_CONTENT",
        "HTTP_404_NOT_FOUND",
        "HTTP_422_UNPROCESSABLE_ENTITY",
        "WS_1008_POLICY_VIOLATION",
    ],
    "FasterAPI.responses": [
        "Response",
        "JSONResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "RedirectResponse",
        "StreamingResponse",
        "FileResponse",
        "ORJSONResponse",
        "UJSONResponse",
    ],
    "FasterAPI.security": [
        "OAuth2PasswordBearer",
        "OAuth2PasswordRequestForm",
        "HTTPBasic",
        "HTTPBasicCredentials",
        "HTTPBearer",
        "HTTPAuthorizationCredentials",
        "APIKeyHeader",
        "APIKeyQuery",
        "APIKeyCookie",
        "SecurityScopes",
    ],
    "FasterAPI.middleware": ["Middleware"],
    "FasterAPI.middleware.cors": ["CORSMiddleware"],
    "FasterAPI.middleware.gzip": ["GZipMiddleware"],
    "FasterAPI.middleware.trustedhost": ["TrustedHostMiddleware"],
    "FasterAPI.middleware.httpsredirect": ["HTTPSRedirectMiddleware"],
    "FasterAPI.staticfiles": ["StaticFiles"],
    "FasterAPI.templating": ["Jinja2Templates"],
    "FasterAPI.encoders": ["jsonable_encoder"],
    "FasterAPI.exceptions": ["HTTPException", "RequestValidationError", "WebSocketException"],
    "FasterAPI.exception_handlers": ["http_exception_handler", "request_validation_exception_handler"],
    "FasterAPI.websockets": ["WebSocket", "WebSocketDisconnect"],
    "FasterAPI.testclient": ["TestClient"],
    "FasterAPI.requests": ["Request"],
    "FasterAPI.background": ["BackgroundTasks"],
    "FasterAPI.concurrency": ["run_in_threadpool"],
    "FasterAPI.openapi.utils": ["get_openapi"],
    "FasterAPI.openapi.docs": ["get_swagger_ui_html", "get_redoc_html"],
}

ANCHOR_PATHS = {
    "FasterAPI": [
        "Faster",
        "FasterRouter",
        "RadixRouter",
        "Request",
        "Depends",
        "HTTPException",
        "RequestValidationError",
        "BackgroundTask",
        "BackgroundTasks",
        "FormData",
        "UploadFile",
        "EventSourceResponse",
        "StreamingResponse",
        "FileResponse",
        "JSONResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "RedirectResponse",
        "ORJSONResponse",
        "UJSONResponse",
        "CORSMiddleware",
        "GZipMiddleware",
        "TrustedHostMiddleware",
        "HTTPSRedirectMiddleware",
        "BaseHTTPMiddleware",
        "RequestIDMiddleware",
        "RateLimitMiddleware",
        "DatabasePoolMiddleware",
        "HTTPBasic",
        "HTTPBasicCredentials",
        "OAuth2PasswordBearer",
        "OAuth2PasswordRequestForm",
        "APIKeyHeader",
        "APIKeyQuery",
        "APIKeyCookie",
        "JWTBearer",
        "create_access_token",
        "oauth2_access_token_json",
        "oauth2_password_token_response",
        "SecurityScopes",
        "WebSocket",
        "WebSocketDisconnect",
        "WebSocketState",
        "StaticFiles",
        "Jinja2Templates",
        "TestClient",
        "http_version",
        "is_http2",
        "get_server_host",
        "get_header",
        "__version__",
        "RedisCacheMiddleware",
        "SubInterpreterPool",
        "run_in_subinterpreter",
        "configure_structlog",
        "sqlalchemy_session_dependency",
    ],
    "FasterAPI.response": [
        "Response",
        "JSONResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "RedirectResponse",
        "StreamingResponse",
        "FileResponse",
        "EventSourceResponse",
        "encode_json",
    ],
    "FasterAPI.router": ["RadixRouter", "FasterRouter"],
    "FasterAPI.params": ["Path", "Query", "Header", "Cookie", "Body", "Form", "File", "MISSING"],
    "FasterAPI.dependencies": ["Depends"],
    "FasterAPI.request": ["Request"],
    "FasterAPI.websocket": ["WebSocket", "WebSocketDisconnect", "WebSocketState"],
    "FasterAPI.datastructures": ["UploadFile", "FormData"],
    "FasterAPI.middleware": [
        "CORSMiddleware",
        "GZipMiddleware",
        "TrustedHostMiddleware",
        "HTTPSRedirectMiddleware",
        "BaseHTTPMiddleware",
    ],
    "FasterAPI.production": ["RequestIDMiddleware", "RateLimitMiddleware", "DatabasePoolMiddleware"],
    "FasterAPI.jwt_auth": [
        "JWTBearer",
        "create_access_token",
        "oauth2_access_token_json",
        "oauth2_password_token_response",
    ],
    "FasterAPI.asgi_compat": ["http_version", "is_http2", "get_server_host", "get_header"],
    "FasterAPI.openapi.generator": ["generate_openapi"],
    "FasterAPI.openapi.ui": ["swagger_ui_html", "redoc_html"],
    "FasterAPI.app": ["Faster"],
    "FasterAPI.redis_cache": ["RedisCacheMiddleware"],
    "FasterAPI.log_config": ["configure_structlog"],
    "FasterAPI.sqlalchemy_ext": ["sqlalchemy_session_dependency"],
    "FasterAPI.concurrency": ["run_in_threadpool", "run_in_subinterpreter", "SubInterpreterPool"],
}


@pytest.mark.parametrize("module", sorted(FASTAPI_PATHS))
def test_fastapi_import_paths(module: str) -> None:
    mod = importlib.import_module(module)
    assert [name for name in FASTAPI_PATHS[module] if not hasattr(mod, name)] == []


@pytest.mark.parametrize("module", sorted(ANCHOR_PATHS))
def test_anchor_documented_names(module: str) -> None:
    mod = importlib.import_module(module)
    assert [name for name in ANCHOR_PATHS[module] if not hasattr(mod, name)] == []


def test_status_constants_values() -> None:
    from FasterAPI import status

    assert status.HTTP_201_CREATED == 201
    assert status.HTTP_418_IM_A_TEAPOT == 418
    assert status.WS_1008_POLICY_VIOLATION == 1008
