"""API keys read from a query parameter, a header or a cookie."""

from __future__ import annotations

from ..exceptions import HTTPException
from ..requests import Request
from .base import SecurityBase

__all__ = ["APIKeyBase", "APIKeyCookie", "APIKeyHeader", "APIKeyQuery"]


class APIKeyBase(SecurityBase):
    """Shared behaviour: a missing key is 401 with ``WWW-Authenticate: APIKey`` (or ``None``)."""

    location = "header"

    def __init__(
        self, name: str, *, scheme_name: str | None = None, description: str | None = None, auto_error: bool = True
    ) -> None:
        self.name = name
        self._setup({"type": "apiKey", "in": self.location, "name": name}, scheme_name, description, auto_error)

    def make_authenticate_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "APIKey"}

    def make_not_authenticated_error(self) -> HTTPException:
        return HTTPException(401, "Not authenticated", headers=self.make_authenticate_headers())

    def check_api_key(self, api_key: str | None) -> str | None:
        if not api_key:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return api_key


class APIKeyQuery(APIKeyBase):
    """The key in the query string: ``?api_key=...``."""

    location = "query"

    async def __call__(self, request: Request) -> str | None:
        return self.check_api_key(request.query_params.get(self.name))


class APIKeyHeader(APIKeyBase):
    """The key in a request header (case-insensitive name)."""

    location = "header"

    async def __call__(self, request: Request) -> str | None:
        return self.check_api_key(request.headers.get(self.name))


class APIKeyCookie(APIKeyBase):
    """The key in a cookie."""

    location = "cookie"

    async def __call__(self, request: Request) -> str | None:
        return self.check_api_key(request.cookies.get(self.name))
