"""``faster-api-web``'s module path for the request object."""

from fasterapi_core.requests import HTTPConnection as HTTPConnection, Request as Request

__all__ = ["HTTPConnection", "Request"]
