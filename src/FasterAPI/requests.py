"""``fastapi.requests`` equivalent: the request objects."""

from fasterapi_core.requests import (
    ClientDisconnect as ClientDisconnect,
    HTTPConnection as HTTPConnection,
    Request as Request,
)

__all__ = ["ClientDisconnect", "HTTPConnection", "Request"]
