"""FastAPI tutorial conformance: Security (first steps, current user, simple OAuth2 password flow, OAuth2 with
JWT, scopes with SecurityScopes, HTTP Basic; bearer and API-key schemes), translated to FasterAPI with msgspec
models."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

import msgspec
import pytest

from FasterAPI import Depends, Faster, HTTPException, Security, status
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
    SecurityScopes,
)
from FasterAPI.testclient import TestClient


class User(msgspec.Struct):
    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool | None = None


class UserInDB(User, kw_only=True):
    hashed_password: str


# --- first steps (security/tutorial001) -----------------------------------------------------------------


def _first_steps_app() -> Faster:
    app = Faster()
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

    @app.get("/items/")
    async def read_items(token: Annotated[str, Depends(oauth2_scheme)]) -> dict[str, str]:
        return {"token": token}

    return app


def test_first_steps_token() -> None:
    response = TestClient(_first_steps_app()).get("/items", headers={"Authorization": "Bearer testtoken"})
    assert response.status_code == 200
    assert response.json() == {"token": "testtoken"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Notexistent testtoken"}, {"Authorization": "Bearer"}])
def test_first_steps_not_authenticated(headers: dict[str, str]) -> None:
    response = TestClient(_first_steps_app()).get("/items", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_first_steps_openapi_security() -> None:
    schema = TestClient(_first_steps_app()).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"] == {
        "OAuth2PasswordBearer": {"type": "oauth2", "flows": {"password": {"scopes": {}, "tokenUrl": "token"}}}
    }
    assert schema["paths"]["/items/"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]


# --- get current user (security/tutorial002) -------------------------------------------------------------


def test_get_current_user() -> None:
    app = Faster()
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

    def fake_decode_token(token: str) -> User:
        return User(username=token + "fakedecoded", email="john@example.com", full_name="John Doe")

    async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
        return fake_decode_token(token)

    @app.get("/users/me")
    async def read_users_me(current_user: Annotated[User, Depends(get_current_user)]) -> User:
        return current_user

    client = TestClient(app)
    response = client.get("/users/me", headers={"Authorization": "Bearer testtoken"})
    assert response.status_code == 200
    assert response.json() == {
        "username": "testtokenfakedecoded",
        "email": "john@example.com",
        "full_name": "John Doe",
        "disabled": None,
    }
    response = client.get("/users/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Bearer"


# --- simple OAuth2 with password and Bearer (security/tutorial003) ---------------------------------------


def fake_users_db() -> dict[str, dict[str, Any]]:
    return {
        "johndoe": {
            "username": "johndoe",
            "full_name": "John Doe",
            "email": "johndoe@example.com",
            "hashed_password": "fakehashedsecret",
            "disabled": False,
        },
        "alice": {
            "username": "alice",
            "full_name": "Alice Wonderson",
            "email": "alice@example.com",
            "hashed_password": "fakehashedsecret2",
            "disabled": True,
        },
    }


@pytest.fixture(name="simple_client")
def _simple_client() -> TestClient:
    app = Faster()
    db = fake_users_db()
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

    def get_user(username: str) -> UserInDB | None:
        if username in db:
            return UserInDB(**db[username])
        return None

    async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> UserInDB:
        user = get_user(token)
        if not user:
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="Invalid authentication credentials",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return user

    async def get_current_active_user(current_user: Annotated[UserInDB, Depends(get_current_user)]) -> UserInDB:
        if current_user.disabled:
            raise HTTPException(status_code=400, detail="Inactive user")
        return current_user

    @app.post("/token")
    async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
        user_dict = db.get(form_data.username)
        if not user_dict:
            raise HTTPException(status_code=400, detail="Incorrect username or password")
        user = UserInDB(**user_dict)
        if "fakehashed" + form_data.password != user.hashed_password:
            raise HTTPException(status_code=400, detail="Incorrect username or password")
        return {"access_token": user.username, "token_type": "bearer"}

    @app.get("/users/me")
    async def read_users_me(current_user: Annotated[UserInDB, Depends(get_current_active_user)]) -> UserInDB:
        return current_user

    return TestClient(app)


def test_simple_oauth2_login(simple_client: TestClient) -> None:
    response = simple_client.post("/token", data={"username": "johndoe", "password": "secret"})
    assert response.status_code == 200
    assert response.json() == {"access_token": "johndoe", "token_type": "bearer"}


@pytest.mark.parametrize(("username", "password"), [("johndoe", "incorrect"), ("foo", "secret")])
def test_simple_oauth2_login_incorrect(simple_client: TestClient, username: str, password: str) -> None:
    response = simple_client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 400
    assert response.json() == {"detail": "Incorrect username or password"}


def test_simple_oauth2_login_missing_fields(simple_client: TestClient) -> None:
    response = simple_client.post("/token", data={})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": None},
        ]
    }


def test_simple_oauth2_token(simple_client: TestClient) -> None:
    response = simple_client.get("/users/me", headers={"Authorization": "Bearer johndoe"})
    assert response.status_code == 200
    assert response.json() == {
        "username": "johndoe",
        "full_name": "John Doe",
        "email": "johndoe@example.com",
        "hashed_password": "fakehashedsecret",
        "disabled": False,
    }


def test_simple_oauth2_no_token_and_bad_tokens(simple_client: TestClient) -> None:
    response = simple_client.get("/users/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Bearer"
    response = simple_client.get("/users/me", headers={"Authorization": "Bearer nonexistent"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid authentication credentials"}
    assert response.headers["WWW-Authenticate"] == "Bearer"
    response = simple_client.get("/users/me", headers={"Authorization": "Notexistent testtoken"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_simple_oauth2_inactive_user(simple_client: TestClient) -> None:
    response = simple_client.get("/users/me", headers={"Authorization": "Bearer alice"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Inactive user"}


def test_simple_oauth2_openapi_form_body() -> None:
    app = Faster()

    @app.post("/token")
    async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
        return {"access_token": form_data.username, "token_type": "bearer"}

    operation = TestClient(app).get("/openapi.json").json()["paths"]["/token"]["post"]
    content = operation["requestBody"]["content"]
    assert list(content) == ["application/x-www-form-urlencoded"]
    assert operation["requestBody"]["required"] is True


# --- OAuth2 with JWT and scopes (security/tutorial004 / tutorial005) -------------------------------------

SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
ALGORITHM = "HS256"


def _hash(password: str) -> str:
    """A stand-in for pwdlib/passlib: the tutorial's flow only needs hash-and-compare."""
    return hashlib.sha256(password.encode()).hexdigest()


class Token(msgspec.Struct):
    access_token: str
    token_type: str


def _jwt_app(jwt: Any) -> Faster:
    db = fake_users_db()
    db["johndoe"]["hashed_password"] = _hash("secret")
    db["alice"]["hashed_password"] = _hash("secretalice")
    app = Faster()
    oauth2_scheme = OAuth2PasswordBearer(
        tokenUrl="token", scopes={"me": "Read information about the current user.", "items": "Read items."}
    )

    def authenticate_user(username: str, password: str) -> UserInDB | None:
        if username not in db:
            return None
        user = UserInDB(**db[username])
        if not secrets.compare_digest(_hash(password), user.hashed_password):
            return None
        return user

    def create_access_token(data: dict[str, Any], expires_delta: timedelta | None = None) -> str:
        to_encode = data.copy()
        to_encode["exp"] = datetime.now(timezone.utc) + (expires_delta or timedelta(minutes=15))
        return str(jwt.encode(to_encode, SECRET_KEY, algorithm=ALGORITHM))

    async def get_current_user(
        security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]
    ) -> UserInDB:
        authenticate_value = f'Bearer scope="{security_scopes.scope_str}"' if security_scopes.scopes else "Bearer"
        credentials_exception = HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Could not validate credentials",
            headers={"WWW-Authenticate": authenticate_value},
        )
        try:
            payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
        except jwt.InvalidTokenError as exc:
            raise credentials_exception from exc
        username = payload.get("sub")
        if username is None or username not in db:
            raise credentials_exception
        token_scopes = payload.get("scope", "").split(" ")
        for scope in security_scopes.scopes:
            if scope not in token_scopes:
                raise HTTPException(
                    status_code=status.HTTP_401_UNAUTHORIZED,
                    detail="Not enough permissions",
                    headers={"WWW-Authenticate": authenticate_value},
                )
        return UserInDB(**db[username])

    async def get_current_active_user(
        current_user: Annotated[UserInDB, Security(get_current_user, scopes=["me"])],
    ) -> UserInDB:
        if current_user.disabled:
            raise HTTPException(status_code=400, detail="Inactive user")
        return current_user

    @app.post("/token")
    async def login_for_access_token(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
        user = authenticate_user(form_data.username, form_data.password)
        if not user:
            raise HTTPException(status_code=400, detail="Incorrect username or password")
        token = create_access_token({"sub": user.username, "scope": " ".join(form_data.scopes)})
        return Token(access_token=token, token_type="bearer")

    @app.get("/users/me/", response_model=User)
    async def read_users_me(current_user: Annotated[User, Depends(get_current_active_user)]) -> Any:
        return current_user

    @app.get("/users/me/items/")
    async def read_own_items(
        current_user: Annotated[User, Security(get_current_active_user, scopes=["items"])],
    ) -> list[dict[str, str]]:
        return [{"item_id": "Foo", "owner": current_user.username}]

    @app.get("/status/")
    async def read_system_status(current_user: Annotated[User, Depends(get_current_user)]) -> dict[str, str]:
        return {"status": "ok"}

    return app


@pytest.fixture(name="jwt")
def _jwt() -> Any:
    return pytest.importorskip("jwt")


@pytest.fixture(name="jwt_client")
def _jwt_client(jwt: Any) -> TestClient:
    return TestClient(_jwt_app(jwt))


def _access_token(client: TestClient, username: str = "johndoe", password: str = "secret", scope: str = "") -> str:
    data = {"username": username, "password": password}
    if scope:
        data["scope"] = scope
    response = client.post("/token", data=data)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_jwt_login(jwt_client: TestClient) -> None:
    response = jwt_client.post("/token", data={"username": "johndoe", "password": "secret"})
    assert response.status_code == 200
    content = response.json()
    assert content["token_type"] == "bearer"
    assert content["access_token"].count(".") == 2


@pytest.mark.parametrize(("username", "password"), [("johndoe", "incorrect"), ("foo", "secret")])
def test_jwt_login_incorrect(jwt_client: TestClient, username: str, password: str) -> None:
    response = jwt_client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 400
    assert response.json() == {"detail": "Incorrect username or password"}


def test_jwt_token_with_scope(jwt_client: TestClient) -> None:
    token = _access_token(jwt_client, scope="me")
    response = jwt_client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {
        "username": "johndoe",
        "full_name": "John Doe",
        "email": "johndoe@example.com",
        "disabled": False,
    }


def test_jwt_no_token(jwt_client: TestClient) -> None:
    for path in ("/users/me", "/status/"):
        response = jwt_client.get(path)
        assert response.status_code == 401
        assert response.json() == {"detail": "Not authenticated"}
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_jwt_invalid_tokens(jwt: Any, jwt_client: TestClient) -> None:
    no_sub = jwt.encode({"data": "foo"}, SECRET_KEY, algorithm=ALGORITHM)
    unknown_user = jwt.encode({"sub": "username:bob"}, SECRET_KEY, algorithm=ALGORITHM)
    for token in ("nonexistent", no_sub, unknown_user):
        response = jwt_client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json() == {"detail": "Could not validate credentials"}
        assert response.headers["WWW-Authenticate"] == 'Bearer scope="me"'


def test_jwt_not_enough_permissions(jwt_client: TestClient) -> None:
    token = _access_token(jwt_client)
    response = jwt_client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Not enough permissions"}
    assert response.headers["WWW-Authenticate"] == 'Bearer scope="me"'
    token = _access_token(jwt_client, scope="me")
    response = jwt_client.get("/users/me/items/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Not enough permissions"}
    assert response.headers["WWW-Authenticate"] == 'Bearer scope="items me"'


def test_jwt_inactive_user(jwt_client: TestClient) -> None:
    token = _access_token(jwt_client, username="alice", password="secretalice", scope="me")
    response = jwt_client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Inactive user"}


def test_jwt_read_items_and_status(jwt_client: TestClient) -> None:
    token = _access_token(jwt_client, scope="me items")
    response = jwt_client.get("/users/me/items/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == [{"item_id": "Foo", "owner": "johndoe"}]
    token = _access_token(jwt_client)
    response = jwt_client.get("/status/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_jwt_openapi_scopes(jwt: Any) -> None:
    schema = TestClient(_jwt_app(jwt)).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["OAuth2PasswordBearer"] == {
        "type": "oauth2",
        "flows": {
            "password": {
                "scopes": {"me": "Read information about the current user.", "items": "Read items."},
                "tokenUrl": "token",
            }
        },
    }
    paths = schema["paths"]
    assert paths["/users/me/"]["get"]["security"] == [{"OAuth2PasswordBearer": ["me"]}]
    assert paths["/users/me/items/"]["get"]["security"] == [{"OAuth2PasswordBearer": ["items", "me"]}]
    assert paths["/status/"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]
    assert paths["/token"]["post"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Token"
    }


# --- HTTP Basic (security/tutorial006 / tutorial007) -----------------------------------------------------


def _basic_app() -> Faster:
    app = Faster()
    security = HTTPBasic()

    @app.get("/users/me")
    def read_current_user(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> dict[str, str]:
        return {"username": credentials.username, "password": credentials.password}

    return app


def test_http_basic() -> None:
    response = TestClient(_basic_app()).get("/users/me", auth=("john", "secret"))
    assert response.status_code == 200
    assert response.json() == {"username": "john", "password": "secret"}
    colon = base64.b64encode(b"john:se:cret").decode()  # only the first colon splits
    response = TestClient(_basic_app()).get("/users/me", headers={"Authorization": f"Basic {colon}"})
    assert response.json() == {"username": "john", "password": "se:cret"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Other invalidauthorization"}])
def test_http_basic_not_authenticated(headers: dict[str, str]) -> None:
    response = TestClient(_basic_app()).get("/users/me", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Basic"


@pytest.mark.parametrize("payload", ["notabase64token", base64.b64encode(b"johnsecret").decode()])
def test_http_basic_invalid_credentials(payload: str) -> None:
    """Malformed Basic credentials: FastAPI 0.165 answers its "Not authenticated" detail and the challenge."""
    response = TestClient(_basic_app()).get("/users/me", headers={"Authorization": f"Basic {payload}"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Basic"


def test_http_basic_openapi() -> None:
    schema = TestClient(_basic_app()).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"] == {"HTTPBasic": {"type": "http", "scheme": "basic"}}
    assert schema["paths"]["/users/me"]["get"]["security"] == [{"HTTPBasic": []}]


def _compare_digest_app() -> Faster:
    app = Faster()
    security = HTTPBasic()

    def get_current_username(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> str:
        is_correct_username = secrets.compare_digest(credentials.username.encode("utf8"), b"stanleyjobson")
        is_correct_password = secrets.compare_digest(credentials.password.encode("utf8"), b"swordfish")
        if not (is_correct_username and is_correct_password):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="Incorrect username or password",
                headers={"WWW-Authenticate": "Basic"},
            )
        return credentials.username

    @app.get("/users/me")
    def read_current_user(username: Annotated[str, Depends(get_current_username)]) -> dict[str, str]:
        return {"username": username}

    return app


def test_http_basic_compare_digest() -> None:
    client = TestClient(_compare_digest_app())
    response = client.get("/users/me", auth=("stanleyjobson", "swordfish"))
    assert response.status_code == 200
    assert response.json() == {"username": "stanleyjobson"}
    response = client.get("/users/me", auth=("alice", "swordfish"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect username or password"}
    assert response.headers["WWW-Authenticate"] == "Basic"
    response = client.get("/users/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}


def test_oauth2_password_request_form_fields() -> None:
    from FasterAPI.security import OAuth2PasswordRequestFormStrict

    app = Faster()

    @app.post("/token")
    async def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, Any]:
        return {"username": form.username, "scopes": form.scopes, "grant_type": form.grant_type, "id": form.client_id}

    @app.post("/strict")
    async def strict(form: Annotated[OAuth2PasswordRequestFormStrict, Depends()]) -> dict[str, Any]:
        return {"username": form.username, "grant_type": form.grant_type}

    client = TestClient(app)
    data = {"username": "u", "password": "p", "scope": "me items", "client_id": "c"}
    assert client.post("/token", data=data).json() == {
        "username": "u",
        "scopes": ["me", "items"],
        "grant_type": None,
        "id": "c",
    }
    response = client.post("/token", data={"username": "u", "password": "p", "grant_type": "other"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "grant_type"]
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
    response = client.post("/strict", data={"username": "u", "password": "p"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["body", "grant_type"], "msg": "Field required", "input": None}]
    }
    response = client.post("/strict", data={"username": "u", "password": "p", "grant_type": "password"})
    assert response.json() == {"username": "u", "grant_type": "password"}


# -- beyond the tutorial's own examples: realms, bearer and API-key schemes, auto_error=False, scopes without JWT ---


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
