"""faster-api-web parity: middleware classes and their documented signatures, production middleware,
security helpers and JWT (anchor inventory 1.1 "Middleware", "Security & auth", 2.10, 2.16)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pytest

from FasterAPI import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    DatabasePoolMiddleware,
    Depends,
    Faster,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPException,
    JWTBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    RateLimitMiddleware,
    Request,
    RequestIDMiddleware,
    create_access_token,
    get_header,
    get_server_host,
    http_version,
    is_http2,
    oauth2_access_token_json,
    oauth2_password_token_response,
)
from FasterAPI.middleware.base import BaseHTTPMiddleware
from FasterAPI.middleware.cors import CORSMiddleware
from FasterAPI.middleware.gzip import GZipMiddleware
from FasterAPI.middleware.trustedhost import TrustedHostMiddleware
from FasterAPI.testclient import TestClient

SECRET = "s3cr3t-key-that-is-long-enough-for-hs256"


def app_with(*middleware: tuple[type, dict[str, Any]]) -> Faster:
    app = Faster()
    for cls, kwargs in middleware:
        app.add_middleware(cls, **kwargs)

    @app.get("/")
    async def root(request: Request) -> dict[str, object]:
        return {"ok": True}

    @app.get("/big")
    async def big() -> str:
        return "y" * 4000

    return app


def test_raw_asgi_base_http_middleware_dispatch() -> None:
    class AddHeader(BaseHTTPMiddleware):
        async def dispatch(self, scope: dict[str, Any], receive: Any, send: Any) -> None:  # type: ignore[override]
            async def send_wrapper(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message.get("headers", []), (b"x-custom", b"1")]
                await send(message)

            await self.app(scope, receive, send_wrapper)

    r = TestClient(app_with((AddHeader, {}))).get("/")
    assert r.json() == {"ok": True}
    assert r.headers["x-custom"] == "1"


def test_cors_keyword_signature_and_expose_headers() -> None:
    app = app_with(
        (
            CORSMiddleware,
            {
                "allow_origins": ["https://a.example"],
                "allow_methods": ["GET", "POST"],
                "allow_headers": ["X-Token"],
                "allow_credentials": True,
                "max_age": 100,
                "expose_headers": ["X-Total"],
            },
        )
    )
    c = TestClient(app)
    r = c.get("/", headers={"Origin": "https://a.example"})
    assert r.headers["access-control-allow-origin"] == "https://a.example"
    assert r.headers["access-control-expose-headers"].lower() == "x-total"
    assert "origin" in r.headers["vary"].lower()
    pre = c.options("/", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200
    assert pre.headers["access-control-max-age"] == "100"
    assert pre.headers["access-control-allow-credentials"] == "true"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "access-control-allow-origin" not in c.get("/").headers


def test_gzip_minimum_size() -> None:
    c = TestClient(app_with((GZipMiddleware, {"minimum_size": 1000})))
    big = c.get("/big", headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in big.headers["vary"].lower()
    assert big.json() == "y" * 4000
    assert "content-encoding" not in c.get("/", headers={"Accept-Encoding": "gzip"}).headers


def test_trusted_host_exact_and_star() -> None:
    c = TestClient(app_with((TrustedHostMiddleware, {"allowed_hosts": ["example.com"]})), base_url="http://example.com")
    assert c.get("/").status_code == 200
    bad = c.get("/", headers={"Host": "other.com"})
    assert bad.status_code == 400
    assert bad.text == "Invalid host header"
    anyhost = TestClient(app_with((TrustedHostMiddleware, {"allowed_hosts": ["*"]})))
    assert anyhost.get("/", headers={"Host": "whatever.io"}).status_code == 200


def test_request_id_middleware_generates_and_reuses() -> None:
    app = Faster()
    app.add_middleware(RequestIDMiddleware)

    @app.get("/")
    async def root(request: Request) -> dict[str, object]:
        return {"rid": request.state.request_id}

    c = TestClient(app)
    r = c.get("/")
    assert r.headers["x-request-id"] == r.json()["rid"]
    assert r.json()["rid"]
    given = c.get("/", headers={"X-Request-ID": "abc"})
    assert given.headers["x-request-id"] == "abc"
    assert given.json() == {"rid": "abc"}


def test_rate_limit_middleware() -> None:
    app = app_with((RateLimitMiddleware, {"requests_per_minute": 2}))
    c = TestClient(app)
    assert c.get("/").status_code == 200
    assert c.get("/").status_code == 200
    r = c.get("/")
    assert r.status_code == 429
    assert r.json() == {"detail": "Too Many Requests"}
    assert "retry-after" in r.headers


def test_rate_limit_rejects_bad_config() -> None:
    with pytest.raises(ValueError):
        RateLimitMiddleware(app_with(), requests_per_minute=0)


def test_database_pool_middleware() -> None:
    pool = object()
    app = Faster()
    app.add_middleware(DatabasePoolMiddleware, pool=pool, state_key="db_pool")

    @app.get("/")
    async def root(request: Request) -> dict[str, bool]:
        return {"same": request.state.db_pool is pool}

    assert TestClient(app).get("/").json() == {"same": True}


def test_asgi_compat_helpers() -> None:
    scope: dict[str, Any] = {
        "type": "http",
        "http_version": "2",
        "headers": [(b"host", b"example.com:8443"), (b"X-Thing", b"v")],
        "server": ("10.0.0.1", 80),
    }
    assert http_version(scope) == "2"
    assert is_http2(scope) is True
    assert get_server_host(scope) == "example.com"
    assert get_header(scope, "x-thing") == "v"
    assert http_version({"type": "http"}) == "1.1"
    assert get_server_host({"type": "http", "headers": [], "server": ("1.2.3.4", 80)}) == "1.2.3.4"


def test_api_key_missing_auto_error_and_optional() -> None:
    app = Faster()

    @app.get("/h")
    def h(key: str = Depends(APIKeyHeader("X-Key"))) -> str:
        return key

    @app.get("/q")
    def q(key: str = Depends(APIKeyQuery("key"))) -> str:
        return key

    @app.get("/c")
    def c_(key: str = Depends(APIKeyCookie("k"))) -> str:
        return key

    @app.get("/opt")
    def opt(key: str | None = Depends(APIKeyQuery("key", auto_error=False))) -> object:
        return {"key": key}

    c = TestClient(app)
    assert c.get("/h", headers={"x-key": "1"}).json() == "1"
    assert c.get("/q?key=2").json() == "2"
    for path in ("/h", "/q", "/c"):
        r = c.get(path)
        assert r.status_code in (401, 403)
        assert r.json() == {"detail": "Not authenticated"}
    assert c.get("/opt").json() == {"key": None}


def test_oauth2_password_bearer_and_form_forms() -> None:
    app = Faster()
    scheme = OAuth2PasswordBearer("token", scheme_name="pw", scopes={"me": "me"}, auto_error=True)

    @app.get("/me")
    def me(token: str = Depends(scheme)) -> str:
        return token

    @app.post("/token")
    async def token(form: OAuth2PasswordRequestForm = Depends()) -> dict[str, object]:
        return {"u": form.username, "p": form.password, "scopes": form.scopes, "grant_type": form.grant_type}

    c = TestClient(app)
    assert c.get("/me", headers={"Authorization": "Bearer abc"}).json() == "abc"
    r = c.get("/me")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert c.post(
        "/token", data={"username": "u", "password": "p", "scope": "a b", "grant_type": "password"}
    ).json() == {
        "u": "u",
        "p": "p",
        "scopes": ["a", "b"],
        "grant_type": "password",
    }


def test_http_basic_forms() -> None:
    app = Faster()
    basic = HTTPBasic(realm="r", auto_error=True)

    @app.get("/b")
    def b(creds: HTTPBasicCredentials = Depends(basic)) -> list[str]:
        return [creds.username, creds.password]

    c = TestClient(app)
    assert c.get("/b", auth=("u", "p:q")).json() == ["u", "p:q"]
    r = c.get("/b")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Basic realm="r"'
    assert HTTPBasicCredentials(username="a", password="b").username == "a"


def test_jwt_bearer_and_create_access_token() -> None:
    app = Faster()
    bearer = JWTBearer(secret=SECRET, audience="api", issuer="me")

    @app.get("/claims")
    def claims(claims: Annotated[dict[str, Any], Depends(bearer)]) -> dict[str, Any]:
        return {"sub": claims["sub"], "role": claims["role"]}

    token = create_access_token(
        "alice", SECRET, expires_minutes=5, audience="api", issuer="me", extra_claims={"role": "admin"}
    )
    c = TestClient(app)
    assert c.get("/claims", headers={"Authorization": f"Bearer {token}"}).json() == {"sub": "alice", "role": "admin"}
    missing = c.get("/claims")
    assert missing.status_code == 401
    assert missing.json() == {"detail": "Not authenticated"}
    assert missing.headers["www-authenticate"] == "Bearer"
    bad = c.get("/claims", headers={"Authorization": "Bearer not.a.jwt"})
    assert bad.status_code == 401
    assert bad.json() == {"detail": "Could not validate credentials"}
    expired = create_access_token("alice", SECRET, expires_delta=dt.timedelta(seconds=-10), audience="api", issuer="me")
    assert c.get("/claims", headers={"Authorization": f"Bearer {expired}"}).status_code == 401


def test_jwt_bearer_requires_exactly_one_key() -> None:
    with pytest.raises(ValueError):
        JWTBearer()
    with pytest.raises(ValueError):
        JWTBearer(secret="a", public_key="b")


def test_create_access_token_claims() -> None:
    import jwt

    token = create_access_token({"sub": "bob", "x": 1}, SECRET, expires_minutes=10)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["sub"] == "bob"
    assert claims["x"] == 1
    assert "exp" in claims
    assert "iat" in claims


def test_oauth2_token_json_helpers() -> None:
    assert oauth2_access_token_json("t") == {"access_token": "t", "token_type": "bearer"}
    assert oauth2_access_token_json("t", expires_in=60) == {
        "access_token": "t",
        "token_type": "bearer",
        "expires_in": 60,
    }


def test_oauth2_password_token_response() -> None:
    app = Faster()

    async def authenticate(username: str, password: str) -> str | None:
        return username if password == "pw" else None

    @app.post("/token")
    async def token(form: OAuth2PasswordRequestForm = Depends()) -> dict[str, Any]:
        return await oauth2_password_token_response(form, secret=SECRET, authenticate=authenticate, expires_minutes=2)

    c = TestClient(app)
    ok = c.post("/token", data={"username": "u", "password": "pw"}).json()
    assert ok["token_type"] == "bearer"
    assert ok["expires_in"] == 120
    assert ok["access_token"]
    bad = c.post("/token", data={"username": "u", "password": "no"})
    assert bad.status_code == 401
    assert bad.json() == {"detail": "Incorrect username or password"}


def test_dependency_raising_http_exception_with_headers() -> None:
    app = Faster()

    def guard() -> None:
        raise HTTPException(401, "nope", {"WWW-Authenticate": "Bearer"})

    @app.get("/g", dependencies=[Depends(guard)])
    def g() -> str:
        return "never"

    r = TestClient(app).get("/g")
    assert r.status_code == 401
    assert r.json() == {"detail": "nope"}
    assert r.headers["www-authenticate"] == "Bearer"
