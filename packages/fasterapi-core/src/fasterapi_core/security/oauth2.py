"""OAuth2 helpers: bearer-token dependencies for the password and authorization-code flows,
the password-flow login form, and OpenID Connect discovery."""

from __future__ import annotations

from typing import Annotated, Any

from ..params import Form
from ..requests import Request
from .base import SecurityBase, get_authorization_scheme_param

__all__ = [
    "OAuth2",
    "OAuth2AuthorizationCodeBearer",
    "OAuth2PasswordBearer",
    "OAuth2PasswordRequestForm",
    "OAuth2PasswordRequestFormStrict",
    "OpenIdConnect",
]


class OAuth2(SecurityBase):
    """Any OAuth2 flow; the dependency returns the raw ``Authorization`` header value."""

    def __init__(
        self,
        *,
        flows: dict[str, Any] | None = None,
        scheme_name: str | None = None,
        description: str | None = None,
        auto_error: bool = True,
    ) -> None:
        self._setup({"type": "oauth2", "flows": dict(flows or {})}, scheme_name, description, auto_error)

    async def __call__(self, request: Request) -> str | None:
        authorization: str | None = request.headers.get("authorization")
        if not authorization:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return authorization

    def _bearer_token(self, request: Request) -> str | None:
        scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
        if scheme.lower() != "bearer" or not token:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return token


class OAuth2PasswordBearer(OAuth2):
    """The token from ``Authorization: Bearer <token>``; clients get it from ``tokenUrl``."""

    def __init__(
        self,
        tokenUrl: str,
        scheme_name: str | None = None,
        scopes: dict[str, str] | None = None,
        description: str | None = None,
        auto_error: bool = True,
        refreshUrl: str | None = None,
    ) -> None:
        flow: dict[str, Any] = {"tokenUrl": tokenUrl, "scopes": dict(scopes or {})}
        if refreshUrl:
            flow["refreshUrl"] = refreshUrl
        super().__init__(
            flows={"password": flow}, scheme_name=scheme_name, description=description, auto_error=auto_error
        )
        self.tokenUrl = tokenUrl
        self.scopes = dict(scopes or {})

    async def __call__(self, request: Request) -> str | None:
        return self._bearer_token(request)


class OAuth2AuthorizationCodeBearer(OAuth2):
    """The bearer token of the authorization-code flow (``authorizationUrl`` then ``tokenUrl``)."""

    def __init__(
        self,
        authorizationUrl: str,
        tokenUrl: str,
        refreshUrl: str | None = None,
        scheme_name: str | None = None,
        scopes: dict[str, str] | None = None,
        description: str | None = None,
        auto_error: bool = True,
    ) -> None:
        flow: dict[str, Any] = {
            "authorizationUrl": authorizationUrl,
            "tokenUrl": tokenUrl,
            "scopes": dict(scopes or {}),
        }
        if refreshUrl:
            flow["refreshUrl"] = refreshUrl
        super().__init__(
            flows={"authorizationCode": flow}, scheme_name=scheme_name, description=description, auto_error=auto_error
        )

    async def __call__(self, request: Request) -> str | None:
        return self._bearer_token(request)


class OpenIdConnect(SecurityBase):
    """OpenID Connect discovery URL for the docs; the dependency returns the ``Authorization`` header."""

    def __init__(
        self,
        *,
        openIdConnectUrl: str,
        scheme_name: str | None = None,
        description: str | None = None,
        auto_error: bool = True,
    ) -> None:
        self._setup(
            {"type": "openIdConnect", "openIdConnectUrl": openIdConnectUrl}, scheme_name, description, auto_error
        )

    async def __call__(self, request: Request) -> str | None:
        authorization: str | None = request.headers.get("authorization")
        if not authorization:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return authorization


class OAuth2PasswordRequestForm:
    """The OAuth2 password-flow login form, as a class dependency: ``form: OAuth2PasswordRequestForm = Depends()``.

    ``username`` and ``password`` are required form fields (422 when missing); ``scope`` is a
    space-separated string, also available split as ``scopes``.
    """

    def __init__(
        self,
        *,
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
        username: Annotated[str, Form()],
        password: Annotated[str, Form(json_schema_extra={"format": "password"})],
        scope: Annotated[str, Form()] = "",
        client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form(json_schema_extra={"format": "password"})] = None,
    ) -> None:
        self.grant_type = grant_type
        self.username = username
        self.password = password
        self.scope = scope
        self.scopes = scope.split()
        self.client_id = client_id
        self.client_secret = client_secret

    @classmethod
    async def from_request(cls, request: Request) -> OAuth2PasswordRequestForm:
        """Build the form from ``await request.form()`` (faster-api-web's helper; missing text -> "")."""
        form = await request.form()

        def text(key: str) -> str | None:
            value = form.get(key)
            return value if isinstance(value, str) else None

        return cls(
            grant_type=text("grant_type"),
            username=text("username") or "",
            password=text("password") or "",
            scope=text("scope") or "",
            client_id=text("client_id"),
            client_secret=text("client_secret"),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(username={self.username!r}, scopes={self.scopes!r})"


class OAuth2PasswordRequestFormStrict(OAuth2PasswordRequestForm):
    """Like ``OAuth2PasswordRequestForm`` but ``grant_type=password`` is required, as the spec says."""

    def __init__(
        self,
        *,
        grant_type: Annotated[str, Form(pattern="^password$")],
        username: Annotated[str, Form()],
        password: Annotated[str, Form(json_schema_extra={"format": "password"})],
        scope: Annotated[str, Form()] = "",
        client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form(json_schema_extra={"format": "password"})] = None,
    ) -> None:
        super().__init__(
            grant_type=grant_type,
            username=username,
            password=password,
            scope=scope,
            client_id=client_id,
            client_secret=client_secret,
        )
