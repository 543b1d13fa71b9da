"""``fastapi.exception_handlers`` equivalent: the default handlers, to call from your own."""

from fasterapi_core.exception_handlers import (
    http_exception_handler as http_exception_handler,
    request_validation_exception_handler as request_validation_exception_handler,
    websocket_request_validation_exception_handler as websocket_request_validation_exception_handler,
)

__all__ = [
    "http_exception_handler",
    "request_validation_exception_handler",
    "websocket_request_validation_exception_handler",
]
