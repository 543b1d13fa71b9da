"""HTTP ``Authorization`` schemes: Basic, Bearer and Digest (RFC 7617, 6750, 7616)."""

from __future__ import annotations

import base64
import binascii

import msgspec

from ..requests import Request
from .base import SecurityBase, get_authorization_scheme_param

__all__ = ["HTTPAuthorizationCredentials", "HTTPBase", "HTTPBasic", "HTTPBasicCredentials", "HTTPBearer", "HTTPDigest"]


class HTTPBasicCredentials(msgspec.Struct):
    """The username and password of an HTTP Basic ``Authorization`` header."""

    username: str
    password: str


class HTTPAuthorizationCredentials(msgspec.Struct):
    """The scheme (``Bearer``, ``Digest``, ...) and the credentials after it."""

    scheme: str
    credentials: str


class HTTPBase(SecurityBase):
    """Any ``Authorization: <scheme> <credentials>`` header; missing -> 401 naming the scheme."""

    def __init__(
        self, *, scheme: str, scheme_name: str | None = None, description: str | None = None, auto_error: bool = True
    ) -> None:
        self.scheme = scheme
        self._setup({"type": "http", "scheme": scheme}, scheme_name, description, auto_error)

    def make_authenticate_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": self.scheme.title()}

    def _credentials(self, request: Request, expected: str | None) -> HTTPAuthorizationCredentials | None:
        authorization = request.headers.get("authorization")
        scheme, credentials = get_authorization_scheme_param(authorization)
        if not (scheme and credentials) or (expected is not None and scheme.lower() != expected):
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return HTTPAuthorizationCredentials(scheme=scheme, credentials=credentials)

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        return self._credentials(request, None)


class HTTPBasic(HTTPBase):
    """HTTP Basic: base64 ``username:password``; answers 401 with ``WWW-Authenticate: Basic``."""

    def __init__(
        self,
        *,
        scheme_name: str | None = None,
        realm: str | None = None,
        description: str | None = None,
        auto_error: bool = True,
    ) -> None:
        super().__init__(scheme="basic", scheme_name=scheme_name, description=description, auto_error=auto_error)
        self.realm = realm

    def make_authenticate_headers(self) -> dict[str, str]:
        if self.realm:
            return {"WWW-Authenticate": f'Basic realm="{self.realm}"'}
        return {"WWW-Authenticate": "Basic"}

    async def __call__(self, request: Request) -> HTTPBasicCredentials | None:  # type: ignore[override]
        authorization = request.headers.get("authorization")
        scheme, param = get_authorization_scheme_param(authorization)
        if not authorization or scheme.lower() != "basic":
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        # Malformed Basic credentials are a 401 even with ``auto_error=False`` (the client did try), as in
        # FastAPI: the same "Not authenticated" detail and ``WWW-Authenticate`` challenge, ASCII only.
        try:
            decoded = base64.b64decode(param).decode("ascii")
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise self.make_not_authenticated_error() from None
        username, separator, password = decoded.partition(":")
        if not separator:
            raise self.make_not_authenticated_error()
        return HTTPBasicCredentials(username=username, password=password)


class HTTPBearer(HTTPBase):
    """``Authorization: Bearer <token>``; anything else is 401 ``WWW-Authenticate: Bearer`` (or ``None``)."""

    def __init__(
        self,
        *,
        bearerFormat: str | None = None,
        scheme_name: str | None = None,
        description: str | None = None,
        auto_error: bool = True,
    ) -> None:
        super().__init__(scheme="bearer", scheme_name=scheme_name, description=description, auto_error=auto_error)
        if bearerFormat:
            self.model["bearerFormat"] = bearerFormat

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        return self._credentials(request, "bearer")


class HTTPDigest(HTTPBase):
    """``Authorization: Digest ...`` handed over as is; verifying it is the application's job."""

    def __init__(
        self, *, scheme_name: str | None = None, description: str | None = None, auto_error: bool = True
    ) -> None:
        super().__init__(scheme="digest", scheme_name=scheme_name, description=description, auto_error=auto_error)

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        return self._credentials(request, "digest")
