"""FastAPI tutorial conformance: app structure (bigger applications as real modules, middleware, CORS,
background tasks, metadata and docs URLs, path operation configuration in the document, static files, the
advanced middleware page), translated to FasterAPI."""

from __future__ import annotations

import importlib
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import msgspec
import pytest

from FasterAPI import APIRouter, BackgroundTasks, Depends, Faster, Query, Request, Response
from FasterAPI.middleware import Middleware
from FasterAPI.middleware.cors import CORSMiddleware
from FasterAPI.responses import JSONResponse
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.testclient import TestClient

# --- bigger applications: the multi-file app, imported as a package -------------------------------------

BIGGER_APP_FILES = {
    "__init__.py": "",
    "dependencies.py": """
        from typing import Annotated

        from FasterAPI import Header, HTTPException


        async def get_token_header(x_token: Annotated[str, Header()]):
            if x_token != "fake-super-secret-token":
                raise HTTPException(status_code=400, detail="X-Token header invalid")


        async def get_query_token(token: str):
            if token != "jessica":
                raise HTTPException(status_code=400, detail="No Jessica token provided")
    """,
    "routers/__init__.py": "",
    "routers/users.py": """
        from FasterAPI import APIRouter

        router = APIRouter()


        @router.get("/users/", tags=["users"])
        async def read_users():
            return [{"username": "Rick"}, {"username": "Morty"}]


        @router.get("/users/me", tags=["users"])
        async def read_user_me():
            return {"username": "fakecurrentuser"}


        @router.get("/users/{username}", tags=["users"])
        async def read_user(username: str):
            return {"username": username}
    """,
    "routers/items.py": """
        from FasterAPI import APIRouter, Depends, HTTPException

        from ..dependencies import get_token_header

        router = APIRouter(
            prefix="/items",
            tags=["items"],
            dependencies=[Depends(get_token_header)],
            responses={404: {"description": "Not found"}},
        )

        fake_items_db = {"plumbus": {"name": "Plumbus"}, "gun": {"name": "Portal Gun"}}


        @router.get("/")
        async def read_items():
            return fake_items_db


        @router.get("/{item_id}")
        async def read_item(item_id: str):
            if item_id not in fake_items_db:
                raise HTTPException(status_code=404, detail="Item not found")
            return {"name": fake_items_db[item_id]["name"], "item_id": item_id}


        @router.put("/{item_id}", tags=["custom"], responses={403: {"description": "Operation forbidden"}})
        async def update_item(item_id: str):
            if item_id != "plumbus":
                raise HTTPException(status_code=403, detail="You can only update the item: plumbus")
            return {"item_id": item_id, "name": "The great Plumbus"}
    """,
    "internal/__init__.py": "",
    "internal/admin.py": """
        from FasterAPI import APIRouter

        router = APIRouter()


        @router.post("/")
        async def update_admin():
            return {"message": "Admin getting schwifty"}
    """,
    "main.py": """
        from FasterAPI import Depends, Faster

        from .dependencies import get_query_token, get_token_header
        from .internal import admin
        from .routers import items, users

        app = Faster(dependencies=[Depends(get_query_token)])

        app.include_router(users.router)
        app.include_router(items.router)
        app.include_router(
            admin.router,
            prefix="/admin",
            tags=["admin"],
            dependencies=[Depends(get_token_header)],
            responses={418: {"description": "I'm a teapot"}},
        )


        @app.get("/")
        async def root():
            return {"message": "Hello Bigger Applications!"}
    """,
}

PACKAGE = "tutorial_b_bigger_app"


@pytest.fixture(name="big_client", scope="module")
def _big_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("bigger")
    for name, source in BIGGER_APP_FILES.items():
        target = root / PACKAGE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(source))
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(f"{PACKAGE}.main")
        yield TestClient(module.app)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


TOKEN = {"X-Token": "fake-super-secret-token"}
MISSING_TOKEN = {"type": "missing", "loc": ["query", "token"], "msg": "Field required", "input": None}
MISSING_HEADER = {"type": "missing", "loc": ["header", "x-token"], "msg": "Field required", "input": None}


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "body"),
    [
        ("get", "/users?token=jessica", {}, 200, [{"username": "Rick"}, {"username": "Morty"}]),
        ("get", "/users", {}, 422, {"detail": [MISSING_TOKEN]}),
        ("get", "/users/foo?token=jessica", {}, 200, {"username": "foo"}),
        ("get", "/users/foo", {}, 422, {"detail": [MISSING_TOKEN]}),
        ("get", "/users/me?token=jessica", {}, 200, {"username": "fakecurrentuser"}),
        ("get", "/users/me", {}, 422, {"detail": [MISSING_TOKEN]}),
        ("get", "/users?token=monica", {}, 400, {"detail": "No Jessica token provided"}),
        ("get", "/items?token=jessica", TOKEN, 200, {"plumbus": {"name": "Plumbus"}, "gun": {"name": "Portal Gun"}}),
        ("get", "/items", TOKEN, 422, {"detail": [MISSING_TOKEN]}),
        ("get", "/items/plumbus?token=jessica", TOKEN, 200, {"name": "Plumbus", "item_id": "plumbus"}),
        ("get", "/items/bar?token=jessica", TOKEN, 404, {"detail": "Item not found"}),
        ("get", "/items/plumbus", TOKEN, 422, {"detail": [MISSING_TOKEN]}),
        ("get", "/items?token=jessica", {"X-Token": "invalid"}, 400, {"detail": "X-Token header invalid"}),
        ("get", "/items/bar?token=jessica", {"X-Token": "invalid"}, 400, {"detail": "X-Token header invalid"}),
        ("get", "/items?token=jessica", {}, 422, {"detail": [MISSING_HEADER]}),
        ("get", "/items/plumbus?token=jessica", {}, 422, {"detail": [MISSING_HEADER]}),
        ("get", "/?token=jessica", {}, 200, {"message": "Hello Bigger Applications!"}),
        ("get", "/", {}, 422, {"detail": [MISSING_TOKEN]}),
        ("put", "/items/foo", {}, 422, {"detail": [MISSING_TOKEN, MISSING_HEADER]}),
        ("put", "/items/foo", {"X-Token": "invalid"}, 400, {"detail": "X-Token header invalid"}),
        ("put", "/items/plumbus?token=jessica", TOKEN, 200, {"item_id": "plumbus", "name": "The great Plumbus"}),
        ("put", "/items/bar?token=jessica", TOKEN, 403, {"detail": "You can only update the item: plumbus"}),
        ("post", "/admin/?token=jessica", TOKEN, 200, {"message": "Admin getting schwifty"}),
        ("post", "/admin/", {"X-Token": "invalid"}, 400, {"detail": "X-Token header invalid"}),
    ],
)
def test_bigger_application(
    big_client: TestClient, method: str, path: str, headers: dict[str, str], status: int, body: Any
) -> None:
    response = big_client.request(method, path, headers=headers)
    assert response.status_code == status, response.text
    assert response.json() == body


def test_bigger_application_openapi(big_client: TestClient) -> None:
    paths = big_client.get("/openapi.json").json()["paths"]
    assert list(paths) == ["/users/", "/users/me", "/users/{username}", "/items/", "/items/{item_id}", "/admin/", "/"]
    assert paths["/users/"]["get"]["tags"] == ["users"]
    assert paths["/items/"]["get"]["tags"] == ["items"]
    assert paths["/items/"]["get"]["operationId"] == "read_items_items__get"
    assert paths["/items/"]["get"]["responses"]["404"] == {"description": "Not found"}
    update = paths["/items/{item_id}"]["put"]
    assert update["tags"] == ["items", "custom"]
    assert update["operationId"] == "update_item_items__item_id__put"
    assert update["responses"]["404"] == {"description": "Not found"}
    assert update["responses"]["403"] == {"description": "Operation forbidden"}
    admin = paths["/admin/"]["post"]
    assert admin["tags"] == ["admin"]
    assert admin["operationId"] == "update_admin_admin__post"
    assert admin["responses"]["418"] == {"description": "I'm a teapot"}
    assert paths["/"]["get"]["operationId"] == "root__get"
    names = [(p["name"], p["in"]) for p in update["parameters"]]
    assert names == [("item_id", "path"), ("token", "query"), ("x-token", "header")]


def test_include_router_in_router() -> None:
    from FasterAPI import APIRouter

    app = Faster()
    outer = APIRouter(prefix="/outer", tags=["outer"])
    inner = APIRouter(prefix="/inner", tags=["inner"])

    @inner.get("/leaf")
    async def leaf() -> dict[str, str]:
        return {"at": "leaf"}

    outer.include_router(inner)
    app.include_router(outer, prefix="/api")
    client = TestClient(app)
    assert client.get("/api/outer/inner/leaf").json() == {"at": "leaf"}
    operation = client.get("/openapi.json").json()["paths"]["/api/outer/inner/leaf"]["get"]
    assert operation["tags"] == ["outer", "inner"]


# --- middleware (middleware/tutorial001) -----------------------------------------------------------------


def test_http_middleware_adds_process_time() -> None:
    app = Faster()

    @app.middleware("http")
    async def add_process_time_header(request: Request, call_next: Any) -> Any:
        start_time = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Process-Time"] = str(time.perf_counter() - start_time)
        return response

    @app.get("/items/{item_id}")
    async def read_item(item_id: str) -> dict[str, str]:
        return {"item_id": item_id}

    response = TestClient(app).get("/items/foo")
    assert response.status_code == 200
    assert response.json() == {"item_id": "foo"}
    assert float(response.headers["X-Process-Time"]) >= 0
    missing = TestClient(app).get("/nowhere")
    assert missing.status_code == 404
    assert "X-Process-Time" in missing.headers


def test_http_middlewares_run_last_added_first() -> None:
    app = Faster()
    seen: list[str] = []

    @app.middleware("http")
    async def first(request: Request, call_next: Any) -> Any:
        seen.append("first")
        return await call_next(request)

    @app.middleware("http")
    async def second(request: Request, call_next: Any) -> Any:
        seen.append("second")
        return await call_next(request)

    @app.get("/")
    async def root() -> str:
        return "ok"

    TestClient(app).get("/")
    assert seen == ["second", "first"]


# --- CORS (cors/tutorial001) -----------------------------------------------------------------------------


def _cors_app(**options: Any) -> Faster:
    app = Faster()
    app.add_middleware(CORSMiddleware, **options)

    @app.get("/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    return app


TUTORIAL_ORIGINS = ["http://localhost.tiangolo.com", "https://localhost.tiangolo.com", "http://localhost"]


def test_cors_tutorial() -> None:
    app = _cors_app(allow_origins=TUTORIAL_ORIGINS, allow_credentials=True, allow_methods=["*"], allow_headers=["*"])
    client = TestClient(app)
    preflight = {
        "Origin": "https://localhost.tiangolo.com",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-Example",
    }
    response = client.options("/", headers=preflight)
    assert response.status_code == 200, response.text
    assert response.text == "OK"
    assert response.headers["access-control-allow-origin"] == "https://localhost.tiangolo.com"
    assert response.headers["access-control-allow-headers"] == "X-Example"
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-max-age"] == "600"
    assert response.headers["access-control-allow-methods"] == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"

    response = client.get("/", headers={"Origin": "https://localhost.tiangolo.com"})
    assert response.status_code == 200
    assert response.json() == {"message": "Hello World"}
    assert response.headers["access-control-allow-origin"] == "https://localhost.tiangolo.com"
    assert response.headers["access-control-allow-credentials"] == "true"

    response = client.get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Hello World"}
    assert "access-control-allow-origin" not in response.headers


def test_cors_disallowed_origin() -> None:
    client = TestClient(_cors_app(allow_origins=TUTORIAL_ORIGINS, allow_methods=["*"], allow_headers=["*"]))
    preflight = {"Origin": "https://evil.example.com", "Access-Control-Request-Method": "GET"}
    response = client.options("/", headers=preflight)
    assert response.status_code == 400
    assert response.text == "Disallowed CORS origin"
    response = client.get("/", headers={"Origin": "https://evil.example.com"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_wildcard_and_restricted_methods() -> None:
    client = TestClient(_cors_app(allow_origins=["*"], allow_methods=["GET"], allow_headers=["X-Example"]))
    response = client.get("/", headers={"Origin": "https://anywhere.example.com"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    bad = {"Origin": "https://anywhere.example.com", "Access-Control-Request-Method": "DELETE"}
    response = client.options("/", headers=bad)
    assert response.status_code == 400
    assert response.text == "Disallowed CORS method"
    bad_header = {
        "Origin": "https://anywhere.example.com",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-Other",
    }
    response = client.options("/", headers=bad_header)
    assert response.status_code == 400
    assert response.text == "Disallowed CORS headers"


def test_cors_allow_origin_regex() -> None:
    client = TestClient(_cors_app(allow_origin_regex=r"https://.*\.example\.org"))
    response = client.get("/", headers={"Origin": "https://api.example.org"})
    assert response.headers["access-control-allow-origin"] == "https://api.example.org"
    response = client.get("/", headers={"Origin": "https://api.example.com"})
    assert "access-control-allow-origin" not in response.headers


# --- background tasks (background_tasks/tutorial001 / tutorial002) ---------------------------------------


def test_background_task_writes_after_response(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    app = Faster()

    def write_notification(email: str, message: str = "") -> None:
        with log.open(mode="w") as email_file:
            email_file.write(f"notification for {email}: {message}")

    @app.post("/send-notification/{email}")
    async def send_notification(email: str, background_tasks: BackgroundTasks) -> dict[str, str]:
        background_tasks.add_task(write_notification, email, message="some notification")
        return {"message": "Notification sent in the background"}

    response = TestClient(app).post("/send-notification/foo@example.com")
    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert log.read_text() == "notification for foo@example.com: some notification"


def test_background_tasks_in_dependencies(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    app = Faster()

    def write_log(message: str) -> None:
        with log.open(mode="a") as log_file:
            log_file.write(message)

    def get_query(background_tasks: BackgroundTasks, q: str | None = None) -> str | None:
        if q:
            background_tasks.add_task(write_log, f"found query: {q}\n")
        return q

    @app.post("/send-notification/{email}")
    async def send_notification(
        email: str, background_tasks: BackgroundTasks, q: Annotated[str | None, Depends(get_query)]
    ) -> dict[str, str]:
        background_tasks.add_task(write_log, f"message to {email}\n")
        return {"message": "Message sent"}

    response = TestClient(app).post("/send-notification/foo@example.com?q=some-query")
    assert response.status_code == 200
    assert response.json() == {"message": "Message sent"}
    assert log.read_text() == "found query: some-query\nmessage to foo@example.com\n"


# --- metadata and docs URLs (metadata/tutorial001-004) ---------------------------------------------------

DESCRIPTION = """
ChimichangApp API helps you do awesome stuff. 🚀

## Items

You can **read items**.
"""


def test_metadata_info() -> None:
    app = Faster(
        title="ChimichangApp",
        description=DESCRIPTION,
        summary="Deadpool's favorite app. Nuff said.",
        version="0.0.1",
        terms_of_service="http://example.com/terms/",
        contact={
            "name": "Deadpoolio the Amazing",
            "url": "http://x-force.example.com/contact/",
            "email": "dp@x-force.example.com",
        },
        license_info={"name": "Apache 2.0", "identifier": "MIT"},
    )

    @app.get("/items/")
    async def read_items() -> list[dict[str, str]]:
        return [{"name": "Katana"}]

    client = TestClient(app)
    assert client.get("/items/").json() == [{"name": "Katana"}]
    schema = client.get("/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    assert schema["info"] == {
        "title": "ChimichangApp",
        "summary": "Deadpool's favorite app. Nuff said.",
        "description": DESCRIPTION,
        "termsOfService": "http://example.com/terms/",
        "contact": {
            "name": "Deadpoolio the Amazing",
            "url": "http://x-force.example.com/contact/",
            "email": "dp@x-force.example.com",
        },
        "license": {"name": "Apache 2.0", "identifier": "MIT"},
        "version": "0.0.1",
    }


def test_metadata_custom_openapi_url() -> None:
    app = Faster(openapi_url="/api/v1/openapi.json")

    @app.get("/items/")
    async def read_items() -> list[dict[str, str]]:
        return [{"name": "Foo"}]

    client = TestClient(app)
    assert client.get("/items/").json() == [{"name": "Foo"}]
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/items/" in schema.json()["paths"]
    assert client.get("/openapi.json").status_code == 404
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/v1/openapi.json" in docs.text


def test_metadata_docs_urls() -> None:
    app = Faster(docs_url="/documentation", redoc_url=None)

    @app.get("/items/")
    async def read_items() -> list[dict[str, str]]:
        return [{"name": "Foo"}]

    client = TestClient(app)
    response = client.get("/documentation")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "swagger-ui" in response.text
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_metadata_default_docs() -> None:
    client = TestClient(Faster())
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    redoc = client.get("/redoc")
    assert redoc.status_code == 200
    assert "redoc" in redoc.text
    assert client.get("/docs/oauth2-redirect").status_code == 200


def test_openapi_url_none_disables_docs() -> None:
    app = Faster(openapi_url=None)

    @app.get("/items/")
    async def read_items() -> list[str]:
        return []

    client = TestClient(app)
    assert client.get("/items/").status_code == 200
    for path in ("/openapi.json", "/docs", "/redoc"):
        assert client.get(path).status_code == 404


def test_metadata_openapi_tags() -> None:
    tags_metadata = [
        {"name": "users", "description": "Operations with users. The **login** logic is also here."},
        {
            "name": "items",
            "description": "Manage items. So _fancy_ they have their own docs.",
            "externalDocs": {"description": "Items external docs", "url": "https://fastapi.tiangolo.com/"},
        },
    ]
    app = Faster(openapi_tags=tags_metadata)

    @app.get("/users/", tags=["users"])
    async def get_users() -> list[dict[str, str]]:
        return [{"name": "Harry"}, {"name": "Ron"}]

    @app.get("/items/", tags=["items"])
    async def get_items() -> list[dict[str, str]]:
        return [{"name": "wand"}, {"name": "flying broom"}]

    client = TestClient(app)
    assert client.get("/users/").json() == [{"name": "Harry"}, {"name": "Ron"}]
    assert client.get("/items/").json() == [{"name": "wand"}, {"name": "flying broom"}]
    schema = client.get("/openapi.json").json()
    assert schema["tags"] == tags_metadata
    assert schema["paths"]["/users/"]["get"]["tags"] == ["users"]


# --- static files ----------------------------------------------------------------------------------------


def test_static_files_mount(tmp_path: Path) -> None:
    (tmp_path / "sample.txt").write_text("This is a sample static file.")
    (tmp_path / "style.css").write_text("body { color: red; }")
    app = Faster()
    app.mount("/static", StaticFiles(directory=tmp_path), name="static")

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "Hello"}

    client = TestClient(app)
    response = client.get("/static/sample.txt")
    assert response.status_code == 200
    assert response.text == "This is a sample static file."
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    missing = client.get("/static/nope.txt")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}  # raised inside the app, handled as FastAPI does
    assert client.get("/").json() == {"message": "Hello"}
    assert app.url_path_for("static", path="sample.txt") == "/static/sample.txt"


# --- advanced middleware (advanced/middleware) -----------------------------------------------------------


def test_trusted_host_middleware() -> None:
    from FasterAPI.middleware.trustedhost import TrustedHostMiddleware

    app = Faster()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com", "*.example.com"])

    @app.get("/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    response = TestClient(app).get("/")
    assert response.status_code == 400
    assert response.text == "Invalid host header"
    response = TestClient(app, base_url="http://api.example.com").get("/")
    assert response.status_code == 200
    assert response.json() == {"message": "Hello World"}


def test_https_redirect_middleware() -> None:
    from FasterAPI.middleware.httpsredirect import HTTPSRedirectMiddleware

    app = Faster()
    app.add_middleware(HTTPSRedirectMiddleware)

    @app.get("/items/")
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    response = TestClient(app).get("/items/?q=1", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://testserver/items/?q=1"
    response = TestClient(app, base_url="https://testserver").get("/items/")
    assert response.status_code == 200
    assert response.json() == {"message": "Hello World"}


def test_gzip_middleware() -> None:
    from FasterAPI.middleware.gzip import GZipMiddleware

    app = Faster()
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)

    @app.get("/big")
    async def big() -> str:
        return "x" * 2000

    @app.get("/small")
    async def small() -> str:
        return "x"

    client = TestClient(app)
    response = client.get("/big", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json() == "x" * 2000
    assert int(response.headers["content-length"]) < 2000
    response = client.get("/small", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    assert response.json() == "x"


# --- yield dependencies and background tasks, app state -------------------------------------------------


def test_yield_dependency_closes_after_background_tasks() -> None:
    events: list[str] = []
    app = Faster()

    def get_db() -> Iterator[str]:
        events.append("open")
        try:
            yield "db"
        finally:
            events.append("close")

    @app.post("/send")
    async def send(background_tasks: BackgroundTasks, db: Annotated[str, Depends(get_db)]) -> dict[str, str]:
        background_tasks.add_task(events.append, f"task uses {db}")
        return {"message": "sent"}

    assert TestClient(app).post("/send").json() == {"message": "sent"}
    assert events == ["open", "task uses db", "close"]


def test_app_state_reachable_from_request() -> None:
    app = Faster()
    app.state.greeting = "hello"

    @app.get("/")
    async def root(request: Request) -> dict[str, str]:
        return {"greeting": request.app.state.greeting}

    assert TestClient(app).get("/").json() == {"greeting": "hello"}


# --- conditional OpenAPI, extending OpenAPI, self-hosted docs UI (how-to pages next to metadata) --------


def test_empty_openapi_url_disables_docs() -> None:
    app = Faster(openapi_url="")

    @app.get("/")
    def root() -> dict[str, str]:
        return {"message": "Hello World"}

    client = TestClient(app)
    assert client.get("/").json() == {"message": "Hello World"}
    for path in ("/openapi.json", "/docs", "/redoc"):
        assert client.get(path).status_code == 404


def test_extending_openapi() -> None:
    from FasterAPI.openapi.utils import get_openapi

    app = Faster()

    @app.get("/items/")
    async def read_items() -> list[dict[str, str]]:
        return [{"name": "Foo"}]

    def custom_openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        openapi_schema = get_openapi(
            title="Custom title",
            version="2.5.0",
            summary="This is a very custom OpenAPI schema",
            description="Here's a longer description of the custom **OpenAPI** schema",
            routes=app.routes,
        )
        openapi_schema["info"]["x-logo"] = {"url": "https://fastapi.tiangolo.com/img/logo-margin/logo-teal.png"}
        app.openapi_schema = openapi_schema
        return app.openapi_schema

    app.openapi = custom_openapi  # type: ignore[method-assign]
    client = TestClient(app)
    assert client.get("/items/").json() == [{"name": "Foo"}]
    schema = client.get("/openapi.json").json()
    assert schema["info"] == {
        "title": "Custom title",
        "version": "2.5.0",
        "summary": "This is a very custom OpenAPI schema",
        "description": "Here's a longer description of the custom **OpenAPI** schema",
        "x-logo": {"url": "https://fastapi.tiangolo.com/img/logo-margin/logo-teal.png"},
    }
    assert list(schema["paths"]) == ["/items/"]


def test_self_hosted_docs_ui() -> None:
    from FasterAPI.openapi.docs import (
        get_redoc_html,
        get_swagger_ui_html,
        get_swagger_ui_oauth2_redirect_html,
    )

    app = Faster(docs_url=None, redoc_url=None)

    @app.get("/docs", include_in_schema=False)
    async def custom_swagger_ui_html() -> Any:
        assert app.openapi_url is not None
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=app.title + " - Swagger UI",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url="/static/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui.css",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_ui_redirect() -> Any:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc_html() -> Any:
        assert app.openapi_url is not None
        return get_redoc_html(
            openapi_url=app.openapi_url, title=app.title + " - ReDoc", redoc_js_url="/static/redoc.standalone.js"
        )

    client = TestClient(app)
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "/static/swagger-ui-bundle.js" in response.text
    assert "/static/swagger-ui.css" in response.text
    assert "/openapi.json" in response.text
    assert "window.opener.swaggerUIRedirectOauth2" in client.get("/docs/oauth2-redirect").text
    assert "/static/redoc.standalone.js" in client.get("/redoc").text
    assert client.get("/openapi.json").json()["paths"] == {}


# -- beyond the tutorial's own examples: a background task on a returned response ----------------------------------


def test_background_task_on_response_object() -> None:
    from FasterAPI import BackgroundTask

    log: list[str] = []
    app = Faster()

    @app.get("/")
    async def root() -> JSONResponse:
        return JSONResponse({"ok": True}, background=BackgroundTask(log.append, "done"))

    assert TestClient(app).get("/").json() == {"ok": True}
    assert log == ["done"]


def test_gzip_middleware_leaves_identity_requests_alone() -> None:
    from FasterAPI.middleware.gzip import GZipMiddleware

    app = Faster()
    app.add_middleware(GZipMiddleware, minimum_size=1000)

    @app.get("/big")
    async def big() -> str:
        return "x" * 5000

    response = TestClient(app).get("/big", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.json() == "x" * 5000


# -- beyond the tutorial's own examples: middleware order on the way out, short-circuits, middleware=[...] ---------


CallNext = Callable[[Request], Awaitable[Response]]


def test_http_middleware_order_last_added_is_outermost() -> None:
    events: list[str] = []
    app = Faster()

    @app.middleware("http")
    async def first(request: Request, call_next: CallNext) -> Response:
        events.append("first-in")
        response = await call_next(request)
        events.append("first-out")
        return response

    @app.middleware("http")
    async def second(request: Request, call_next: CallNext) -> Response:
        events.append("second-in")
        response = await call_next(request)
        events.append("second-out")
        return response

    @app.get("/")
    async def root() -> str:
        events.append("handler")
        return "ok"

    TestClient(app).get("/")
    assert events == ["second-in", "first-in", "handler", "first-out", "second-out"]


def test_http_middleware_can_short_circuit() -> None:
    app = Faster()

    @app.middleware("http")
    async def block(request: Request, call_next: CallNext) -> Response:
        if request.headers.get("x-block"):
            return Response("blocked", status_code=403)
        return await call_next(request)

    @app.get("/")
    async def root() -> str:
        return "ok"

    c = TestClient(app)
    assert c.get("/").json() == "ok"
    r = c.get("/", headers={"X-Block": "1"})
    assert r.status_code == 403
    assert r.text == "blocked"


def test_middleware_constructor_kwarg() -> None:
    app = Faster(middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])

    @app.get("/")
    async def main() -> str:
        return "ok"

    assert TestClient(app).get("/", headers={"Origin": "http://x"}).headers["access-control-allow-origin"] == "*"


# -- beyond the tutorial's own examples: what path operation configuration puts in the document ------------


class DocumentedItem(msgspec.Struct):
    name: str
    price: float
    description: str | None = None


def _documented_app() -> Faster:
    app = Faster(
        title="ChimichangApp",
        description="ChimichangApp API helps you do awesome stuff.",
        summary="Deadpool's favorite app. Nuff said.",
        version="0.0.1",
        terms_of_service="http://example.com/terms/",
        contact={"name": "Deadpoolio", "url": "http://x-force.example.com/contact/", "email": "dp@x-force.example.com"},
        license_info={"name": "Apache 2.0", "identifier": "Apache-2.0"},
        openapi_tags=[{"name": "users", "description": "Operations with users."}],
    )

    @app.post(
        "/items/",
        tags=["items"],
        summary="Create an item",
        response_description="The created item",
        status_code=201,
    )
    async def create_item(item: DocumentedItem) -> DocumentedItem:
        """Create an item with all the information."""
        return item

    @app.get("/users/", tags=["users"], operation_id="some_specific_id_you_define")
    async def read_users(q: Annotated[str | None, Query(description="search", deprecated=True)] = None) -> list[str]:
        return []

    @app.get("/elements/", tags=["items"], deprecated=True)
    async def read_elements() -> list[str]:
        return []

    @app.get("/hidden/", include_in_schema=False)
    async def hidden() -> str:
        return "hidden"

    @app.get("/items/{item_id}", description="Read one item")
    async def read_item(item_id: int, short: bool = False) -> DocumentedItem:
        return DocumentedItem(name="x", price=1.0)

    return app


@pytest.fixture(scope="module")
def documented() -> TestClient:
    return TestClient(_documented_app())


@pytest.fixture(scope="module")
def schema(documented: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = documented.get("/openapi.json").json()
    return document


def test_default_version_is_0_1_0() -> None:
    assert TestClient(Faster()).get("/openapi.json").json()["info"] == {"title": "FasterAPI", "version": "0.1.0"}


def test_operation_fields(schema: dict[str, Any]) -> None:
    op = schema["paths"]["/items/"]["post"]
    assert op["tags"] == ["items"]
    assert op["summary"] == "Create an item"
    assert op["description"] == "Create an item with all the information."
    assert op["responses"]["201"]["description"] == "The created item"
    assert op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/DocumentedItem"}
    assert op["requestBody"]["required"] is True
    assert "422" in op["responses"]


def test_default_summary_and_operation_id(schema: dict[str, Any]) -> None:
    op = schema["paths"]["/items/{item_id}"]["get"]
    assert op["summary"] == "Read Item"
    assert op["operationId"] == "read_item_items__item_id__get"
    assert op["description"] == "Read one item"
    assert schema["paths"]["/users/"]["get"]["operationId"] == "some_specific_id_you_define"


def test_parameters(schema: dict[str, Any]) -> None:
    params = {p["name"]: p for p in schema["paths"]["/items/{item_id}"]["get"]["parameters"]}
    assert params["item_id"]["in"] == "path"
    assert params["item_id"]["required"] is True
    assert params["item_id"]["schema"]["type"] == "integer"
    assert params["short"]["in"] == "query"
    assert params["short"]["required"] is False
    assert params["short"]["schema"]["type"] == "boolean"
    q = schema["paths"]["/users/"]["get"]["parameters"][0]
    assert q["description"] == "search"
    assert q["deprecated"] is True


def test_deprecated_and_hidden(schema: dict[str, Any], documented: TestClient) -> None:
    assert schema["paths"]["/elements/"]["get"]["deprecated"] is True
    assert "/hidden/" not in schema["paths"]
    assert documented.get("/hidden/").json() == "hidden"


def test_component_schema(schema: dict[str, Any]) -> None:
    item = schema["components"]["schemas"]["DocumentedItem"]
    assert item["type"] == "object"
    assert set(item["required"]) == {"name", "price"}
    assert item["properties"]["price"]["type"] == "number"
    assert "HTTPValidationError" in schema["components"]["schemas"]


# -- beyond the tutorial's own examples: static files edge cases, include_router's own tags and responses ----------


def test_static_files(tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hi there")
    app = Faster()
    app.mount("/static", StaticFiles(directory=tmp_path), name="static")
    c = TestClient(app)
    r = c.get("/static/hello.txt")
    assert r.status_code == 200
    assert r.text == "hi there"
    assert r.headers["content-type"].startswith("text/plain")
    assert c.get("/static/missing.txt").status_code == 404
    assert c.get("/static/../secret").status_code == 404


def test_static_files_html_mode(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    app = Faster()
    app.mount("/", StaticFiles(directory=tmp_path, html=True), name="site")
    assert TestClient(app).get("/").text == "<h1>home</h1>"


def test_static_files_missing_directory() -> None:
    with pytest.raises(RuntimeError):
        StaticFiles(directory="/definitely/not/here")


def test_bigger_app_include_router_with_tags_prefix_and_responses() -> None:
    router = APIRouter(prefix="/items", tags=["items"], responses={404: {"description": "Not found"}})
    fake_items_db = {"plumbus": {"name": "Plumbus"}, "gun": {"name": "Portal Gun"}}

    @router.get("/{item_id}")
    async def read_item(item_id: str) -> dict[str, str]:
        return {"name": fake_items_db[item_id]["name"], "item_id": item_id}

    admin = APIRouter()

    @admin.post("/")
    async def update_admin() -> dict[str, str]:
        return {"message": "Admin getting schwifty"}

    app = Faster()
    app.include_router(router)
    app.include_router(admin, prefix="/admin", tags=["admin"], responses={418: {"description": "I'm a teapot"}})
    c = TestClient(app)
    assert c.get("/items/plumbus").json() == {"name": "Plumbus", "item_id": "plumbus"}
    assert c.post("/admin/").json() == {"message": "Admin getting schwifty"}
    doc = c.get("/openapi.json").json()
    op = doc["paths"]["/items/{item_id}"]["get"]
    assert op["tags"] == ["items"]
    assert op["responses"]["404"]["description"] == "Not found"
    admin_paths = [p for p in doc["paths"] if p.startswith("/admin")]
    assert admin_paths
    admin_op = doc["paths"][admin_paths[0]]["post"]
    assert admin_op["tags"] == ["admin"]
    assert "418" in admin_op["responses"]
