"""Security dependencies: status codes, WWW-Authenticate headers, auto_error, credentials parsing."""

from __future__ import annotations

import base64
from typing import Annotated, Any

import httpx
import pytest

from fasterapi_core import Depends, Faster, Security
from fasterapi_core.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    HTTPDigest,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    OAuth2PasswordRequestFormStrict,
    OpenIdConnect,
    SecurityScopes,
    get_authorization_scheme_param,
)

oauth2 = OAuth2PasswordBearer(tokenUrl="token", scopes={"read": "Read things"})
oauth2_optional = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
code_flow = OAuth2AuthorizationCodeBearer(authorizationUrl="/authorize", tokenUrl="/token")
basic = HTTPBasic(realm="test")
basic_plain = HTTPBasic()
bearer = HTTPBearer()
bearer_optional = HTTPBearer(auto_error=False)
digest = HTTPDigest()
key_header = APIKeyHeader(name="X-Key")
key_query = APIKeyQuery(name="key", auto_error=False)
key_cookie = APIKeyCookie(name="session")
oidc = OpenIdConnect(openIdConnectUrl="https://example.com/.well-known/openid-configuration")


def make_app() -> Faster:
    app = Faster()

    @app.get("/oauth2")
    async def read_oauth2(token: str = Depends(oauth2)) -> dict[str, Any]:
        return {"token": token}

    @app.get("/oauth2-optional")
    async def read_oauth2_optional(token: str | None = Depends(oauth2_optional)) -> dict[str, Any]:
        return {"token": token}

    def scoped(scopes: SecurityScopes, token: str = Depends(oauth2)) -> dict[str, Any]:
        return {"token": token, "scopes": scopes.scopes, "scope_str": scopes.scope_str}

    @app.get("/scoped")
    async def read_scoped(info: dict[str, Any] = Security(scoped, scopes=["read", "write"])) -> dict[str, Any]:
        return info

    @app.get("/code")
    async def read_code(token: Annotated[str, Depends(code_flow)]) -> dict[str, Any]:
        return {"token": token}

    @app.get("/basic")
    async def read_basic(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> dict[str, Any]:
        return {"username": credentials.username, "password": credentials.password}

    @app.get("/basic-plain")
    async def read_basic_plain(credentials: Annotated[HTTPBasicCredentials, Depends(basic_plain)]) -> dict[str, Any]:
        return {"username": credentials.username}

    @app.get("/bearer")
    async def read_bearer(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> Any:
        return credentials

    @app.get("/bearer-optional")
    async def read_bearer_optional(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_optional)],
    ) -> Any:
        return {"credentials": None if credentials is None else credentials.credentials}

    @app.get("/digest")
    async def read_digest(credentials: Annotated[HTTPAuthorizationCredentials, Depends(digest)]) -> Any:
        return credentials

    @app.get("/keys")
    async def read_keys(
        header: str = Depends(key_header),
        query: str | None = Depends(key_query),
        cookie: str = Depends(key_cookie),
    ) -> dict[str, Any]:
        return {"header": header, "query": query, "cookie": cookie}

    @app.get("/oidc")
    async def read_oidc(authorization: str = Depends(oidc)) -> dict[str, Any]:
        return {"authorization": authorization}

    @app.post("/token")
    async def login(form: OAuth2PasswordRequestForm = Depends()) -> dict[str, Any]:
        return {
            "username": form.username,
            "password": form.password,
            "scopes": form.scopes,
            "grant_type": form.grant_type,
            "client_id": form.client_id,
        }

    @app.post("/token-strict")
    async def login_strict(form: Annotated[OAuth2PasswordRequestFormStrict, Depends()]) -> dict[str, Any]:
        return {"username": form.username, "grant_type": form.grant_type}

    return app


@pytest.fixture
def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=make_app()), base_url="http://test")


def _basic(value: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(value.encode()).decode()}


async def test_oauth2_password_bearer(client: httpx.AsyncClient) -> None:
    response = await client.get("/oauth2", headers={"Authorization": "Bearer abc"})
    assert response.json() == {"token": "abc"}
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer"}):
        response = await client.get("/oauth2", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"detail": "Not authenticated"}
        assert response.headers["www-authenticate"] == "Bearer"
    response = await client.get("/oauth2-optional")
    assert response.json() == {"token": None}
    response = await client.get("/oauth2", headers={"Authorization": "bearer lower"})
    assert response.json() == {"token": "lower"}


async def test_security_scopes_reach_the_dependency(client: httpx.AsyncClient) -> None:
    response = await client.get("/scoped", headers={"Authorization": "Bearer t"})
    assert response.json() == {"token": "t", "scopes": ["read", "write"], "scope_str": "read write"}


async def test_authorization_code_bearer(client: httpx.AsyncClient) -> None:
    assert (await client.get("/code", headers={"Authorization": "Bearer c"})).json() == {"token": "c"}
    assert (await client.get("/code")).status_code == 401


async def test_http_basic(client: httpx.AsyncClient) -> None:
    response = await client.get("/basic", headers=_basic("ann:pa:ss"))
    assert response.json() == {"username": "ann", "password": "pa:ss"}
    response = await client.get("/basic")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="test"'
    response = await client.get("/basic-plain")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Basic"
    response = await client.get("/basic", headers={"Authorization": "Basic %%%"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}  # FastAPI 0.165's answer
    assert response.headers["www-authenticate"] == 'Basic realm="test"'
    response = await client.get("/basic", headers=_basic("no-colon"))
    assert response.status_code == 401
    response = await client.get("/basic", headers={"Authorization": "Bearer x"})
    assert response.status_code == 401


async def test_http_bearer_and_digest(client: httpx.AsyncClient) -> None:
    response = await client.get("/bearer", headers={"Authorization": "Bearer tok"})
    assert response.json() == {"scheme": "Bearer", "credentials": "tok"}
    response = await client.get("/bearer", headers={"Authorization": "Digest tok"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert (await client.get("/bearer")).status_code == 401
    assert (await client.get("/bearer-optional")).json() == {"credentials": None}
    response = await client.get("/digest", headers={"Authorization": "Digest username=x"})
    assert response.json() == {"scheme": "Digest", "credentials": "username=x"}
    response = await client.get("/digest")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Digest"


async def test_api_keys(client: httpx.AsyncClient) -> None:
    response = await client.get("/keys?key=q", headers={"x-key": "h", "Cookie": "session=c"})
    assert response.json() == {"header": "h", "query": "q", "cookie": "c"}
    response = await client.get("/keys", headers={"Cookie": "session=c"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "APIKey"
    response = await client.get("/keys", headers={"x-key": "h", "Cookie": "session=c"})
    assert response.json() == {"header": "h", "query": None, "cookie": "c"}
    response = await client.get("/keys", headers={"x-key": "h"})
    assert response.status_code == 401


async def test_openid_connect(client: httpx.AsyncClient) -> None:
    response = await client.get("/oidc", headers={"Authorization": "Bearer x"})
    assert response.json() == {"authorization": "Bearer x"}
    assert (await client.get("/oidc")).status_code == 401


async def test_password_request_form(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/token", data={"username": "ann", "password": "pw", "scope": "a b", "client_id": "cid"}
    )
    assert response.json() == {
        "username": "ann",
        "password": "pw",
        "scopes": ["a", "b"],
        "grant_type": None,
        "client_id": "cid",
    }
    response = await client.post("/token", data={"username": "ann"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "password"]
    response = await client.post("/token", data={"username": "ann", "password": "pw", "grant_type": "other"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"


async def test_strict_form_requires_grant_type(client: httpx.AsyncClient) -> None:
    response = await client.post("/token-strict", data={"username": "ann", "password": "pw"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "grant_type"]
    response = await client.post("/token-strict", data={"username": "ann", "password": "pw", "grant_type": "password"})
    assert response.json() == {"username": "ann", "grant_type": "password"}


def test_scheme_models_and_names() -> None:
    assert key_header.model == {"type": "apiKey", "in": "header", "name": "X-Key"}
    assert key_header.scheme_name == "APIKeyHeader"
    assert bearer.model == {"type": "http", "scheme": "bearer"}
    assert HTTPBearer(bearerFormat="JWT", scheme_name="jwt").model["bearerFormat"] == "JWT"
    assert oauth2.model["flows"]["password"] == {"tokenUrl": "token", "scopes": {"read": "Read things"}}
    assert code_flow.model["flows"]["authorizationCode"]["authorizationUrl"] == "/authorize"
    assert get_authorization_scheme_param("Bearer  abc ") == ("Bearer", "abc")
    assert get_authorization_scheme_param(None) == ("", "")
