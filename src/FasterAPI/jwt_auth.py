"""``faster-api-web``'s JWT helpers (PyJWT is needed at call time: ``pip install 'faster-api-web[jwt]'``)."""

from fasterapi_extras.jwt_auth import (
    JWTBearer as JWTBearer,
    create_access_token as create_access_token,
    oauth2_access_token_json as oauth2_access_token_json,
    oauth2_password_token_response as oauth2_password_token_response,
)

__all__ = ["JWTBearer", "create_access_token", "oauth2_access_token_json", "oauth2_password_token_response"]
