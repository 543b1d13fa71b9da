"""FastAPI parity: the Request object, sub-applications and mounts, behind a proxy (root_path),
static files and templates (docs: advanced/using-request-directly, advanced/sub-applications,
advanced/behind-a-proxy, tutorial/static-files, advanced/templates, tutorial/bigger-applications)."""

from __future__ import annotations

from pathlib import Path

import pytest

from FasterAPI import APIRouter, Faster, Request
from FasterAPI.responses import HTMLResponse
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.templating import Jinja2Templates
from FasterAPI.testclient import TestClient


def test_request_object_attributes() -> None:
    app = Faster()

    @app.post("/items/{item_id}")
    async def read_root(item_id: str, request: Request) -> dict[str, object]:
        return {
            "item_id": item_id,
            "client_host": request.client.host if request.client else None,
            "method": request.method,
            "url": str(request.url),
            "path": request.url.path,
            "base_url": str(request.base_url),
            "query": request.query_params.get("q"),
            "ua": request.headers.get("User-Agent"),
            "path_params": request.path_params,
            "cookies": request.cookies,
            "body": (await request.body()).decode(),
        }

    r = TestClient(app).post("/items/foo?q=1", headers={"User-Agent": "ua", "Cookie": "a=b"}, content=b"raw")
    assert r.json() == {
        "item_id": "foo",
        "client_host": "testclient",
        "method": "POST",
        "url": "http://testserver/items/foo?q=1",
        "path": "/items/foo",
        "base_url": "http://testserver/",
        "query": "1",
        "ua": "ua",
        "path_params": {"item_id": "foo"},
        "cookies": {"a": "b"},
        "body": "raw",
    }


def test_request_form_and_json() -> None:
    app = Faster()

    @app.post("/form")
    async def form(request: Request) -> dict[str, object]:
        data = await request.form()
        return {"a": data["a"], "multi": data.getlist("m")}

    @app.post("/json")
    async def json_(request: Request) -> object:
        return await request.json()

    c = TestClient(app)
    assert c.post("/form", data={"a": "1", "m": ["x", "y"]}).json() == {"a": "1", "multi": ["x", "y"]}
    assert c.post("/json", json={"k": [1]}).json() == {"k": [1]}


def test_url_for() -> None:
    app = Faster()

    @app.get("/items/{item_id}", name="read_item")
    async def read_item(item_id: int, request: Request) -> str:
        return str(request.url_for("read_item", item_id=item_id))

    assert TestClient(app).get("/items/3").json() == "http://testserver/items/3"
    assert app.url_path_for("read_item", item_id=5) == "/items/5"


def test_mount_sub_application() -> None:
    app = Faster()

    @app.get("/app")
    def read_main() -> dict[str, str]:
        return {"message": "Hello World from main app"}

    subapi = Faster()

    @subapi.get("/sub")
    def read_sub(request: Request) -> dict[str, object]:
        return {"message": "Hello World from sub API", "root_path": request.scope.get("root_path")}

    app.mount("/subapi", subapi)
    c = TestClient(app)
    assert c.get("/app").json() == {"message": "Hello World from main app"}
    assert c.get("/subapi/sub").json() == {"message": "Hello World from sub API", "root_path": "/subapi"}
    sub_doc = c.get("/subapi/openapi.json").json()
    assert "/sub" in sub_doc["paths"]
    assert "/subapi/openapi.json" in c.get("/subapi/docs").text


def test_root_path_behind_proxy() -> None:
    app = Faster(root_path="/api/v1")

    @app.get("/app")
    def read_main(request: Request) -> dict[str, object]:
        return {"message": "Hello World", "root_path": request.scope.get("root_path")}

    c = TestClient(app)
    assert c.get("/app").json() == {"message": "Hello World", "root_path": "/api/v1"}
    doc = c.get("/openapi.json").json()
    assert doc["servers"] == [{"url": "/api/v1"}]


def test_root_path_given_by_server_in_scope() -> None:
    app = Faster()

    @app.get("/app")
    def read_main(request: Request) -> dict[str, object]:
        return {"root_path": request.scope.get("root_path")}

    c = TestClient(app, root_path="/api/v1")
    assert c.get("/app").json() == {"root_path": "/api/v1"}


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


def test_templates(tmp_path: Path) -> None:
    (tmp_path / "item.html").write_text(
        "<h1>Item ID: {{ id }}</h1><a href=\"{{ url_for('read_item', id=id) }}\">self</a>"
    )
    templates = Jinja2Templates(directory=str(tmp_path))
    app = Faster()

    @app.get("/items/{id}", response_class=HTMLResponse)
    async def read_item(request: Request, id: str) -> object:
        return templates.TemplateResponse(request=request, name="item.html", context={"id": id})

    r = TestClient(app).get("/items/42")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1>Item ID: 42</h1>" in r.text
    assert 'href="http://testserver/items/42"' in r.text


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


def test_nested_routers() -> None:
    inner = APIRouter(prefix="/inner")

    @inner.get("/x")
    async def x() -> str:
        return "x"

    outer = APIRouter(prefix="/outer")
    outer.include_router(inner)
    app = Faster()
    app.include_router(outer)
    assert TestClient(app).get("/outer/inner/x").json() == "x"


def test_api_route_multiple_methods() -> None:
    app = Faster()

    @app.api_route("/both", methods=["GET", "POST"])
    async def both(request: Request) -> str:
        return request.method

    c = TestClient(app)
    assert c.get("/both").json() == "GET"
    assert c.post("/both").json() == "POST"


def test_head_on_get_route() -> None:
    app = Faster()

    @app.get("/h")
    async def h() -> dict[str, int]:
        return {"a": 1}

    r = TestClient(app).head("/h")
    assert r.status_code == 200
    assert r.content == b""
