"""JWT helpers (faster-api-web's names) on PyJWT, an optional dependency (``fasterapi-extras[jwt]``).

``JWTBearer`` is an ``HTTPBearer`` that also verifies the token and returns its claims;
``create_access_token`` signs one; the two ``oauth2_*`` helpers build token-endpoint answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from fasterapi_core.exceptions import HTTPException
from fasterapi_core.requests import Request
from fasterapi_core.security import HTTPBearer, OAuth2PasswordRequestForm

__all__ = ["JWTBearer", "create_access_token", "oauth2_access_token_json", "oauth2_password_token_response"]

_INSTALL_HINT = "JWT support needs PyJWT: pip install 'fasterapi-extras[jwt]' (or 'faster-api-web[jwt]')"


def _jwt() -> Any:
    try:
        import jwt
    except ImportError:
        raise ImportError(_INSTALL_HINT) from None
    return jwt


class JWTBearer(HTTPBearer):
    """``Authorization: Bearer <jwt>`` verified with ``secret`` (HMAC) or ``public_key``; returns the claims.

    Missing token -> 401 "Not authenticated"; a bad, expired or wrongly addressed token -> 401
    "Could not validate credentials"; both with ``WWW-Authenticate: Bearer``. ``exp`` is required.
    """

    def __init__(
        self,
        secret: str | bytes | None = None,
        *,
        algorithms: Sequence[str] | None = None,
        audience: str | Sequence[str] | None = None,
        issuer: str | None = None,
        auto_error: bool = True,
        scheme_name: str | None = None,
        public_key: Any = None,
        description: str | None = None,
    ) -> None:
        if (secret is None) == (public_key is None):
            raise ValueError("JWTBearer needs exactly one of secret= (HMAC) or public_key= (RSA/EC)")
        _jwt()
        super().__init__(bearerFormat="JWT", scheme_name=scheme_name, description=description, auto_error=auto_error)
        self.key = secret if secret is not None else public_key
        self.algorithms = list(algorithms or ["HS256"])
        self.audience = audience
        self.issuer = issuer

    def decode(self, token: str) -> dict[str, Any]:
        """The verified claims of ``token``; raises HTTPException(401) when it does not verify."""
        jwt = _jwt()
        options: dict[str, Any] = {"require": ["exp"]}
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self.key,
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options=options,
            )
        except jwt.PyJWTError:
            raise HTTPException(401, "Could not validate credentials", headers={"WWW-Authenticate": "Bearer"}) from None
        return claims

    async def __call__(self, request: Request) -> dict[str, Any] | None:  # type: ignore[override]
        credentials = await super().__call__(request)
        if credentials is None:
            return None
        return self.decode(credentials.credentials)


def create_access_token(
    subject: str | dict[str, Any],
    secret: str | bytes,
    *,
    algorithm: str = "HS256",
    expires_delta: datetime.timedelta | None = None,
    expires_minutes: int = 60,
    audience: str | None = None,
    issuer: str | None = None,
    extra_claims: dict[str, Any] | None = None,
) -> str:
    """A signed JWT: ``sub`` (or the given claims), ``exp``, ``iat``, optional ``aud``/``iss``, then extras."""
    jwt = _jwt()
    claims: dict[str, Any] = {"sub": subject} if isinstance(subject, str) else dict(subject)
    now = datetime.datetime.now(datetime.timezone.utc)
    claims["exp"] = now + (expires_delta if expires_delta is not None else datetime.timedelta(minutes=expires_minutes))
    claims.setdefault("iat", now)
    if audience is not None:
        claims["aud"] = audience
    if issuer is not None:
        claims["iss"] = issuer
    claims.update(extra_claims or {})
    token: str = jwt.encode(claims, secret, algorithm=algorithm)
    return token


def oauth2_access_token_json(
    access_token: str, *, token_type: str = "bearer", expires_in: int | None = None
) -> dict[str, Any]:
    """The JSON body of an OAuth2 token response."""
    body: dict[str, Any] = {"access_token": access_token, "token_type": token_type}
    if expires_in is not None:
        body["expires_in"] = expires_in
    return body


async def oauth2_password_token_response(
    form: OAuth2PasswordRequestForm,
    *,
    secret: str | bytes,
    authenticate: Callable[[str, str], Awaitable[Any]],
    expires_minutes: int = 60,
) -> dict[str, Any]:
    """Check ``form`` with ``authenticate(username, password)`` and answer with a token for the subject it returns.

    ``authenticate`` returns the token subject (a str or a claims dict) or ``None`` (-> 401).
    """
    subject = await authenticate(form.username, form.password)
    if subject is None:
        raise HTTPException(401, "Incorrect username or password", headers={"WWW-Authenticate": "Bearer"})
    if not isinstance(subject, (str, dict)):
        subject = str(subject)
    token = create_access_token(subject, secret, expires_minutes=expires_minutes)
    return oauth2_access_token_json(token, expires_in=expires_minutes * 60)
