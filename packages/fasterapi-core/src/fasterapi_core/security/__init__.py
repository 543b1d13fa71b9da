"""Security dependencies (FastAPI's names): API keys, HTTP Basic/Bearer/Digest, OAuth2, OpenID Connect.

Each is a callable instance used with ``Depends``/``Security``; it reads the request, returns the
credentials (or ``None`` with ``auto_error=False``) and shows up in the OpenAPI document.
"""

from ..dependencies import SecurityScopes
from .api_key import APIKeyCookie, APIKeyHeader, APIKeyQuery
from .base import SecurityBase, get_authorization_scheme_param
from .http import (
    HTTPAuthorizationCredentials,
    HTTPBase,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    HTTPDigest,
)
from .oauth2 import (
    OAuth2,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    OAuth2PasswordRequestFormStrict,
    OpenIdConnect,
)

__all__ = [
    "APIKeyCookie",
    "APIKeyHeader",
    "APIKeyQuery",
    "HTTPAuthorizationCredentials",
    "HTTPBase",
    "HTTPBasic",
    "HTTPBasicCredentials",
    "HTTPBearer",
    "HTTPDigest",
    "OAuth2",
    "OAuth2AuthorizationCodeBearer",
    "OAuth2PasswordBearer",
    "OAuth2PasswordRequestForm",
    "OAuth2PasswordRequestFormStrict",
    "OpenIdConnect",
    "SecurityBase",
    "SecurityScopes",
    "get_authorization_scheme_param",
]
