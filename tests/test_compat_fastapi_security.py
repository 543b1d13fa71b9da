"""FastAPI parity: security helpers (docs: tutorial/security/first-steps, get-current-user,
simple-oauth2, advanced/security/http-basic-auth, oauth2-scopes)."""

from __future__ import annotations

import base64
from typing import Annotated

import msgspec

from FasterAPI import Depends, Faster, HTTPException, Security, SecurityScopes
from FasterAPI.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
)
from FasterAPI.testclient import TestClient

FAKE_USERS = {"johndoe": {"username": "johndoe", "hashed_password": "fakehashedsecret", "disabled": False}}


class User(msgspec.Struct):
    username: str
    disabled: bool = False


def make_oauth_app() -> Faster:
    app = Faster()
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

    async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
        user = FAKE_USERS.get(token)
        if user is None:
            raise HTTPException(
                status_code=401,
                detail="Invalid authentication credentials",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return User(username=str(user["username"]))

    @app.post("/token")
    async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
        user = FAKE_USERS.get(form_data.username)
        if not user or "fakehashed" + form_data.password != user["hashed_password"]:
            raise HTTPException(status_code=400, detail="Incorrect username or password")
        return {"access_token": str(user["username"]), "token_type": "bearer"}

    @app.get("/users/me")
    async def read_users_me(current_user: Annotated[User, Depends(get_current_user)]) -> User:
        return current_user

    @app.get("/items/")
    async def read_items(token: Annotated[str, Depends(oauth2_scheme)]) -> dict[str, str]:
        return {"token": token}

    return app


client = TestClient(make_oauth_app())


def test_oauth2_bearer_missing_token_is_401() -> None:
    r = client.get("/items/")
    assert r.status_code == 401
    assert r.json() == {"detail": "Not authenticated"}
    assert r.headers["www-authenticate"] == "Bearer"


def test_oauth2_bearer_wrong_scheme_is_401() -> None:
    r = client.get("/items/", headers={"Authorization": "Basic abc"})
    assert r.status_code == 401


def test_oauth2_bearer_token_passed() -> None:
    assert client.get("/items/", headers={"Authorization": "Bearer foobar"}).json() == {"token": "foobar"}


def test_oauth2_password_flow() -> None:
    r = client.post("/token", data={"username": "johndoe", "password": "secret"})
    assert r.status_code == 200
    assert r.json() == {"access_token": "johndoe", "token_type": "bearer"}
    bad = client.post("/token", data={"username": "johndoe", "password": "nope"})
    assert bad.status_code == 400
    assert bad.json() == {"detail": "Incorrect username or password"}
    me = client.get("/users/me", headers={"Authorization": "Bearer johndoe"})
    assert me.json() == {"username": "johndoe", "disabled": False}
    assert client.get("/users/me", headers={"Authorization": "Bearer nobody"}).status_code == 401


def test_oauth2_password_form_missing_fields_is_422() -> None:
    r = client.post("/token", data={"username": "johndoe"})
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "missing"
    assert err["loc"] == ["body", "password"]


def test_oauth2_password_form_scopes() -> None:
    app = Faster()

    @app.post("/token")
    async def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, object]:
        return {"scopes": form.scopes, "client_id": form.client_id}

    r = TestClient(app).post("/token", data={"username": "a", "password": "b", "scope": "me items"})
    assert r.json() == {"scopes": ["me", "items"], "client_id": None}


def test_http_basic() -> None:
    app = Faster()
    security = HTTPBasic()

    @app.get("/users/me")
    def read_current_user(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> dict[str, str]:
        return {"username": credentials.username, "password": credentials.password}

    c = TestClient(app)
    assert c.get("/users/me", auth=("john", "secret")).json() == {"username": "john", "password": "secret"}
    r = c.get("/users/me")
    assert r.status_code == 401
    assert r.json() == {"detail": "Not authenticated"}
    assert r.headers["www-authenticate"] == "Basic"
    colon = base64.b64encode(b"john:se:cret").decode()
    assert c.get("/users/me", headers={"Authorization": f"Basic {colon}"}).json()["password"] == "se:cret"


def test_http_basic_realm() -> None:
    app = Faster()
    security = HTTPBasic(realm="simple")

    @app.get("/x")
    def x(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> str:
        return credentials.username

    r = TestClient(app).get("/x")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Basic realm="simple"'


def test_http_bearer() -> None:
    app = Faster()
    bearer = HTTPBearer()

    @app.get("/x")
    def x(creds: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> dict[str, str]:
        return {"scheme": creds.scheme, "credentials": creds.credentials}

    c = TestClient(app)
    assert c.get("/x", headers={"Authorization": "Bearer abc"}).json() == {"scheme": "Bearer", "credentials": "abc"}
    assert c.get("/x").status_code in (401, 403)


def test_api_keys() -> None:
    app = Faster()

    @app.get("/h")
    def h(key: Annotated[str, Depends(APIKeyHeader(name="X-API-Key"))]) -> str:
        return key

    @app.get("/q")
    def q(key: Annotated[str, Depends(APIKeyQuery(name="api_key"))]) -> str:
        return key

    @app.get("/c")
    def c_(key: Annotated[str, Depends(APIKeyCookie(name="session"))]) -> str:
        return key

    @app.get("/opt")
    def opt(key: Annotated[str | None, Depends(APIKeyHeader(name="X-API-Key", auto_error=False))]) -> object:
        return {"key": key}

    c = TestClient(app)
    assert c.get("/h", headers={"x-api-key": "k1"}).json() == "k1"
    assert c.get("/q?api_key=k2").json() == "k2"
    assert TestClient(app, cookies={"session": "k3"}).get("/c").json() == "k3"
    assert c.get("/h").status_code in (401, 403)
    assert c.get("/h").json() == {"detail": "Not authenticated"}
    assert c.get("/opt").json() == {"key": None}


def test_oauth2_auto_error_false() -> None:
    app = Faster()
    scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)

    @app.get("/x")
    def x(token: Annotated[str | None, Depends(scheme)]) -> object:
        return {"token": token}

    assert TestClient(app).get("/x").json() == {"token": None}


def test_security_scopes() -> None:
    app = Faster()
    scheme = OAuth2PasswordBearer(tokenUrl="token", scopes={"me": "Read me", "items": "Read items"})

    def get_current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(scheme)]) -> dict[str, object]:
        granted = token.split(",")
        for scope in security_scopes.scopes:
            if scope not in granted:
                raise HTTPException(
                    status_code=401,
                    detail="Not enough permissions",
                    headers={"WWW-Authenticate": f'Bearer scope="{security_scopes.scope_str}"'},
                )
        return {"scopes": security_scopes.scopes}

    @app.get("/users/me/items/")
    def items(user: Annotated[dict[str, object], Security(get_current_user, scopes=["items"])]) -> object:
        return user

    c = TestClient(app)
    assert c.get("/users/me/items/", headers={"Authorization": "Bearer me,items"}).json() == {"scopes": ["items"]}
    r = c.get("/users/me/items/", headers={"Authorization": "Bearer me"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer scope="items"'


def test_security_schemes_in_openapi() -> None:
    schema = client.get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["OAuth2PasswordBearer"] == {
        "type": "oauth2",
        "flows": {"password": {"scopes": {}, "tokenUrl": "token"}},
    }
    assert schema["paths"]["/items/"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]
