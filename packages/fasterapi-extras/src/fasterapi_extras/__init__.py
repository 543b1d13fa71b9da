"""Production integrations for FasterAPI apps that are not the framework itself.

Each lives in its own module and imports its optional library only when used: request-id,
rate-limit (in memory or in Redis) and DB-pool middleware (``production``), a Redis response cache
(``redis_cache``), SQLAlchemy sessions (``sqlalchemy_ext``), structlog setup (``log_config``),
JWT helpers (``jwt_auth``), raw-scope helpers (``asgi_compat``), worker pools
(``subinterpreters``, ``workers``) and uvloop (``event_loop``).
"""

from .asgi_compat import (
    get_header as get_header,
    get_server_host as get_server_host,
    http_version as http_version,
    is_http2 as is_http2,
)
from .event_loop import install_event_loop as install_event_loop
from .jwt_auth import (
    JWTBearer as JWTBearer,
    create_access_token as create_access_token,
    oauth2_access_token_json as oauth2_access_token_json,
    oauth2_password_token_response as oauth2_password_token_response,
)
from .log_config import configure_structlog as configure_structlog
from .production import (
    DatabasePoolMiddleware as DatabasePoolMiddleware,
    RateLimitMiddleware as RateLimitMiddleware,
    RequestIDMiddleware as RequestIDMiddleware,
)
from .rate_limit_stores import (
    MemoryRateLimitStore as MemoryRateLimitStore,
    RateLimitStore as RateLimitStore,
    RedisRateLimitStore as RedisRateLimitStore,
)
from .redis_cache import AsyncKeyValueStore as AsyncKeyValueStore, RedisCacheMiddleware as RedisCacheMiddleware
from .sqlalchemy_ext import (
    async_engine_from_url_optional as async_engine_from_url_optional,
    sqlalchemy_session_dependency as sqlalchemy_session_dependency,
)
from .subinterpreters import (
    SubInterpreterPool as SubInterpreterPool,
    run_in_subinterpreter as run_in_subinterpreter,
    shutdown_default_pool as shutdown_default_pool,
    subinterpreters_available as subinterpreters_available,
)
from .workers import run_in_executor as run_in_executor, shutdown_process_pool as shutdown_process_pool

__all__ = [
    "AsyncKeyValueStore",
    "DatabasePoolMiddleware",
    "JWTBearer",
    "MemoryRateLimitStore",
    "RateLimitMiddleware",
    "RateLimitStore",
    "RedisCacheMiddleware",
    "RedisRateLimitStore",
    "RequestIDMiddleware",
    "SubInterpreterPool",
    "async_engine_from_url_optional",
    "configure_structlog",
    "create_access_token",
    "get_header",
    "get_server_host",
    "http_version",
    "install_event_loop",
    "is_http2",
    "oauth2_access_token_json",
    "oauth2_password_token_response",
    "run_in_executor",
    "run_in_subinterpreter",
    "shutdown_default_pool",
    "shutdown_process_pool",
    "sqlalchemy_session_dependency",
    "subinterpreters_available",
]
