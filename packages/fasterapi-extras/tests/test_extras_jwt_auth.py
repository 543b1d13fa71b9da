"""faster-api-web's JWT helpers: JWTBearer, create_access_token and the OAuth2 token responses."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import jwt
import pytest

from fasterapi_core import Depends, Faster, HTTPException
from fasterapi_core.security import OAuth2PasswordRequestForm
from fasterapi_extras.jwt_auth import (
    JWTBearer,
    create_access_token,
    oauth2_access_token_json,
    oauth2_password_token_response,
)

SECRET = "s3cret-key-that-is-long-enough-for-hs256"
auth = JWTBearer(SECRET, audience="api", issuer="me")


async def _authenticate(username: str, password: str) -> str | None:
    return username if password == "right" else None


def make_app() -> Faster:
    app = Faster()

    @app.get("/me")
    async def me(claims: dict[str, Any] = Depends(auth)) -> dict[str, Any]:
        return {"sub": claims["sub"], "role": claims.get("role")}

    @app.post("/token")
    async def token(form: OAuth2PasswordRequestForm = Depends()) -> dict[str, Any]:
        return await oauth2_password_token_response(form, secret=SECRET, authenticate=_authenticate, expires_minutes=5)

    return app


@pytest.fixture
def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=make_app()), base_url="http://test")


async def test_valid_token_gives_claims(client: httpx.AsyncClient) -> None:
    token = create_access_token("ann", SECRET, audience="api", issuer="me", extra_claims={"role": "admin"})
    response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"sub": "ann", "role": "admin"}


async def test_missing_and_bad_tokens_are_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"
    bad = [
        "not-a-jwt",
        create_access_token("ann", "other-secret-that-is-long-enough-too", audience="api", issuer="me"),
        create_access_token("ann", SECRET, audience="other", issuer="me"),
        create_access_token("ann", SECRET, audience="api", issuer="me", expires_delta=datetime.timedelta(seconds=-60)),
        jwt.encode({"sub": "ann", "aud": "api", "iss": "me"}, SECRET, algorithm="HS256"),  # no exp
    ]
    for token in bad:
        response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
        assert response.json() == {"detail": "Could not validate credentials"}
        assert response.headers["www-authenticate"] == "Bearer"


async def test_password_token_endpoint(client: httpx.AsyncClient) -> None:
    response = await client.post("/token", data={"username": "ann", "password": "right"})
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 300
    claims = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert claims["sub"] == "ann"
    response = await client.post("/token", data={"username": "ann", "password": "wrong"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect username or password"}


def test_create_access_token_claims() -> None:
    token = create_access_token({"sub": "x", "iat": 5}, SECRET, expires_minutes=1)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["iat"] == 5
    assert claims["exp"] > 5


def test_token_json_and_constructor_checks() -> None:
    assert oauth2_access_token_json("t") == {"access_token": "t", "token_type": "bearer"}
    assert oauth2_access_token_json("t", expires_in=9)["expires_in"] == 9
    with pytest.raises(ValueError):
        JWTBearer()
    with pytest.raises(ValueError):
        JWTBearer("a", public_key="b")
    assert JWTBearer(SECRET).model == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def test_decode_raises_http_exception() -> None:
    with pytest.raises(HTTPException) as info:
        JWTBearer(SECRET).decode("x.y.z")
    assert info.value.status_code == 401
