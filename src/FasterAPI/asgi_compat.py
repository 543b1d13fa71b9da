"""``faster-api-web``'s ASGI scope helpers."""

from fasterapi_extras.asgi_compat import (
    get_header as get_header,
    get_server_host as get_server_host,
    http_version as http_version,
    is_http2 as is_http2,
)

__all__ = ["get_header", "get_server_host", "http_version", "is_http2"]
