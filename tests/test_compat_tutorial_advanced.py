"""FastAPI tutorial conformance: advanced user guide (additional status codes, returning responses directly,
custom responses, additional responses, response cookies/headers/status, advanced dependencies, using the
request directly, sub-applications, behind a proxy, templates, path operation configuration)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import msgspec
import pytest

from FasterAPI import Body, Depends, Faster, Request, Response
from FasterAPI.encoders import jsonable_encoder
from FasterAPI.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    StreamingResponse,
)
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.testclient import TestClient

# --- additional status codes (additional_status_codes/tutorial001) ---------------------------------------


def test_additional_status_codes() -> None:
    items: dict[str, dict[str, Any]] = {"foo": {"name": "Fighters", "size": 6}, "bar": {"name": "Tenders", "size": 3}}
    app = Faster()

    @app.put("/items/{item_id}")
    async def upsert_item(
        item_id: str,
        name: Annotated[str | None, Body()] = None,
        size: Annotated[int | None, Body()] = None,
    ) -> Any:
        if item_id in items:
            item = items[item_id]
            item["name"] = name
            item["size"] = size
            return item
        item = {"name": name, "size": size}
        items[item_id] = item
        return JSONResponse(status_code=201, content=item)

    client = TestClient(app)
    response = client.put("/items/foo", json={"name": "Wrestlers"})
    assert response.status_code == 200
    assert response.json() == {"name": "Wrestlers", "size": None}
    response = client.put("/items/red", json={"name": "Chillies"})
    assert response.status_code == 201
    assert response.json() == {"name": "Chillies", "size": None}


# --- returning a response directly (response_directly/tutorial001-002) -----------------------------------


class TimedItem(msgspec.Struct):
    title: str
    timestamp: datetime
    description: str | None = None


def test_response_directly_with_jsonable_encoder() -> None:
    app = Faster()
    stored: dict[str, Any] = {}

    @app.put("/items/{id}")
    def update_item(id: str, item: TimedItem) -> JSONResponse:
        json_compatible_item_data = jsonable_encoder(item)
        stored[id] = json_compatible_item_data
        return JSONResponse(content=json_compatible_item_data)

    response = TestClient(app).put("/items/1", json={"title": "Foo", "timestamp": "2023-01-01T12:00:00"})
    assert response.status_code == 200
    assert response.json() == {"title": "Foo", "timestamp": "2023-01-01T12:00:00", "description": None}
    assert stored["1"] == {"title": "Foo", "timestamp": "2023-01-01T12:00:00", "description": None}


def test_response_directly_xml() -> None:
    app = Faster()

    @app.get("/legacy/")
    def get_legacy_data() -> Response:
        data = """<?xml version="1.0"?>
    <shampoo>
    <Header>
        Apply shampoo here.
    </Header>
    <Body>
        You'll have to use soap here.
    </Body>
    </shampoo>
    """
        return Response(content=data, media_type="application/xml")

    response = TestClient(app).get("/legacy/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    assert "<Header>" in response.text


# --- custom responses (custom_response/tutorial001-010) --------------------------------------------------


def test_orjson_like_responses() -> None:
    app = Faster()

    @app.get("/items/", response_class=ORJSONResponse)
    async def read_items() -> Any:
        return ORJSONResponse([{"item_id": "Foo"}])

    @app.get("/implicit/", response_class=ORJSONResponse)
    async def implicit() -> Any:
        return [{"item_id": "Foo"}]

    client = TestClient(app)
    for path in ("/items/", "/implicit/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json() == [{"item_id": "Foo"}]


def test_default_response_class() -> None:
    app = Faster(default_response_class=HTMLResponse)

    @app.get("/items/")
    async def read_items() -> str:
        return "<h1>Items</h1>"

    @app.get("/json/", response_class=JSONResponse)
    async def as_json() -> dict[str, str]:
        return {"a": "b"}

    client = TestClient(app)
    response = client.get("/items/")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == "<h1>Items</h1>"
    assert client.get("/json/").json() == {"a": "b"}
    operation = client.get("/openapi.json").json()["paths"]["/items/"]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["text/html"]


HTML = """
    <html>
        <head>
            <title>Some HTML in here</title>
        </head>
        <body>
            <h1>Look ma! HTML!</h1>
        </body>
    </html>
    """


def test_html_responses() -> None:
    app = Faster()

    @app.get("/items/", response_class=HTMLResponse)
    async def read_items() -> str:
        return HTML

    @app.get("/direct/")
    async def direct() -> HTMLResponse:
        return HTMLResponse(content=HTML, status_code=200)

    @app.get("/documented/", response_class=HTMLResponse)
    async def documented() -> HTMLResponse:
        return HTMLResponse(content=HTML, status_code=200)

    client = TestClient(app)
    for path in ("/items/", "/direct/", "/documented/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.text == HTML
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/items/"]["get"]["responses"]["200"] == {
        "description": "Successful Response",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
    assert list(paths["/documented/"]["get"]["responses"]["200"]["content"]) == ["text/html"]


def test_plain_text_response() -> None:
    app = Faster()

    @app.get("/", response_class=PlainTextResponse)
    async def main() -> str:
        return "Hello World"

    response = TestClient(app).get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "Hello World"


def test_redirect_responses() -> None:
    app = Faster()

    @app.get("/typer")
    async def redirect_typer() -> RedirectResponse:
        return RedirectResponse("https://typer.tiangolo.com")

    @app.get("/fastapi", response_class=RedirectResponse)
    async def redirect_fastapi() -> str:
        return "https://fastapi.tiangolo.com"

    @app.get("/pydantic", response_class=RedirectResponse, status_code=302)
    async def redirect_pydantic() -> str:
        return "https://docs.pydantic.dev/"

    client = TestClient(app)
    response = client.get("/typer", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://typer.tiangolo.com"
    response = client.get("/fastapi", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://fastapi.tiangolo.com"
    response = client.get("/pydantic", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "https://docs.pydantic.dev/"


def test_streaming_responses(tmp_path: Path) -> None:
    video = tmp_path / "large-video-file.mp4"
    video.write_bytes(b"fake video bytes" * 1000)
    app = Faster()

    async def fake_video_streamer() -> Any:
        for _ in range(10):
            yield b"some fake video bytes"

    @app.get("/")
    async def main() -> StreamingResponse:
        return StreamingResponse(fake_video_streamer())

    @app.get("/video")
    def video_file() -> StreamingResponse:
        def iterfile() -> Iterator[bytes]:
            with video.open(mode="rb") as file_like:
                yield from file_like

        return StreamingResponse(iterfile(), media_type="video/mp4")

    client = TestClient(app)
    response = client.get("/")
    assert response.status_code == 200
    assert response.content == b"some fake video bytes" * 10
    response = client.get("/video")
    assert response.status_code == 200
    assert response.headers["content-type"] == "video/mp4"
    assert response.content == video.read_bytes()


def test_file_responses(tmp_path: Path) -> None:
    video = tmp_path / "large-video-file.mp4"
    video.write_bytes(b"fake video bytes")
    app = Faster()

    @app.get("/")
    async def main() -> FileResponse:
        return FileResponse(video)

    @app.get("/class", response_class=FileResponse)
    async def as_class() -> str:
        return str(video)

    client = TestClient(app)
    for path in ("/", "/class"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "video/mp4"
        assert response.headers["content-length"] == str(len(b"fake video bytes"))
        assert response.content == b"fake video bytes"
        assert "content-disposition" not in response.headers


def test_file_response_with_filename(tmp_path: Path) -> None:
    report = tmp_path / "data.csv"
    report.write_text("a,b\n1,2\n")
    app = Faster()

    @app.get("/download")
    async def download() -> FileResponse:
        return FileResponse(report, filename="report.csv")

    response = TestClient(app).get("/download")
    assert response.headers["content-disposition"] == 'attachment; filename="report.csv"'
    assert response.headers["content-type"].startswith("text/csv")


def test_custom_response_class_render() -> None:
    class CustomJSONResponse(Response):
        media_type = "application/json"

        def render(self, content: Any) -> bytes:
            return msgspec.json.format(msgspec.json.encode(content), indent=2)

    app = Faster()

    @app.get("/", response_class=CustomJSONResponse)
    async def main() -> dict[str, str]:
        return {"message": "Hello World"}

    response = TestClient(app).get("/")
    assert response.headers["content-type"] == "application/json"
    assert response.text == '{\n  "message": "Hello World"\n}'


# --- additional responses in OpenAPI (additional_responses/tutorial001-004) -------------------------------


class Item(msgspec.Struct):
    id: str
    value: str


class Message(msgspec.Struct):
    message: str


def test_additional_responses_model() -> None:
    app = Faster()

    @app.get("/items/{item_id}", response_model=Item, responses={404: {"model": Message}})
    async def read_item(item_id: str) -> Any:
        if item_id == "foo":
            return {"id": "foo", "value": "there goes my hero"}
        return JSONResponse(status_code=404, content={"message": "Item not found"})

    client = TestClient(app)
    response = client.get("/items/foo")
    assert response.status_code == 200
    assert response.json() == {"id": "foo", "value": "there goes my hero"}
    response = client.get("/items/bar")
    assert response.status_code == 404
    assert response.json() == {"message": "Item not found"}
    schema = client.get("/openapi.json").json()
    responses = schema["paths"]["/items/{item_id}"]["get"]["responses"]
    assert responses["404"] == {
        "description": "Not Found",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}},
    }
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Item"}
    assert schema["components"]["schemas"]["Message"]["properties"]["message"]["type"] == "string"


def test_additional_responses_media_type_and_examples(tmp_path: Path) -> None:
    image = tmp_path / "image.png"
    image.write_bytes(b"\x89PNG fake")
    app = Faster()

    @app.get(
        "/items/{item_id}",
        response_model=Item,
        responses={
            404: {"model": Message, "description": "The item was not found"},
            200: {
                "content": {
                    "image/png": {},
                    "application/json": {"example": {"id": "bar", "value": "The bar tenders"}},
                },
                "description": "Return the JSON item or an image.",
            },
        },
    )
    async def read_item(item_id: str, img: bool | None = None) -> Any:
        if img:
            return FileResponse(image, media_type="image/png")
        return {"id": "foo", "value": "there goes my hero"}

    client = TestClient(app)
    assert client.get("/items/foo").json() == {"id": "foo", "value": "there goes my hero"}
    response = client.get("/items/foo?img=1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == b"\x89PNG fake"
    responses = client.get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]["responses"]
    assert responses["200"]["description"] == "Return the JSON item or an image."
    assert responses["200"]["content"]["image/png"] == {}
    assert responses["200"]["content"]["application/json"] == {
        "schema": {"$ref": "#/components/schemas/Item"},
        "example": {"id": "bar", "value": "The bar tenders"},
    }
    assert responses["404"]["description"] == "The item was not found"


def test_additional_responses_predefined_and_merged() -> None:
    responses: dict[int | str, dict[str, Any]] = {
        404: {"description": "Item not found"},
        302: {"description": "The item was moved"},
        403: {"description": "Not enough privileges"},
    }
    app = Faster()

    @app.get("/items/{item_id}", response_model=Item, responses={**responses, 200: {"content": {"image/png": {}}}})
    async def read_item(item_id: str) -> Any:
        return {"id": "foo", "value": "there goes my hero"}

    documented = TestClient(app).get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]["responses"]
    assert documented["404"] == {"description": "Item not found"}
    assert documented["302"] == {"description": "The item was moved"}
    assert documented["403"] == {"description": "Not enough privileges"}
    assert documented["200"] == {
        "description": "Successful Response",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}, "image/png": {}},
    }


def test_additional_responses_description_and_example() -> None:
    app = Faster()

    @app.get(
        "/items/{item_id}",
        response_model=Item,
        responses={
            404: {"model": Message, "description": "The item was not found"},
            200: {
                "description": "Item requested by ID",
                "content": {"application/json": {"example": {"id": "bar", "value": "The bar tenders"}}},
            },
        },
    )
    async def read_item(item_id: str) -> Any:
        if item_id == "foo":
            return {"id": "foo", "value": "there goes my hero"}
        return JSONResponse(status_code=404, content={"message": "Item not found"})

    client = TestClient(app)
    assert client.get("/items/foo").json() == {"id": "foo", "value": "there goes my hero"}
    assert client.get("/items/bar").json() == {"message": "Item not found"}
    responses = client.get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]["responses"]
    assert responses["200"] == {
        "description": "Item requested by ID",
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Item"},
                "example": {"id": "bar", "value": "The bar tenders"},
            }
        },
    }
    assert responses["404"] == {
        "description": "The item was not found",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}},
    }


# --- response cookies, headers and status code -----------------------------------------------------------


def test_response_cookies() -> None:
    app = Faster()

    @app.post("/direct/")
    def create_cookie_direct() -> JSONResponse:
        content = {"message": "Come to the dark side, we have cookies"}
        response = JSONResponse(content=content)
        response.set_cookie(key="fakesession", value="fake-cookie-session-value")
        return response

    @app.post("/cookie-and-object/")
    def create_cookie(response: Response) -> dict[str, str]:
        response.set_cookie(key="fakesession", value="fake-cookie-session-value")
        return {"message": "Come to the dark side, we have cookies"}

    client = TestClient(app)
    for path in ("/direct/", "/cookie-and-object/"):
        response = client.post(path)
        assert response.status_code == 200
        assert response.json() == {"message": "Come to the dark side, we have cookies"}
        assert response.cookies["fakesession"] == "fake-cookie-session-value"
        assert response.headers["set-cookie"] == "fakesession=fake-cookie-session-value; Path=/; SameSite=lax"


def test_response_headers() -> None:
    app = Faster()

    @app.get("/headers/")
    def get_headers() -> JSONResponse:
        content = {"message": "Hello World"}
        headers = {"X-Cat-Dog": "alone in the world", "Content-Language": "en-US"}
        return JSONResponse(content=content, headers=headers)

    @app.get("/headers-and-object/")
    def get_headers_object(response: Response) -> dict[str, str]:
        response.headers["X-Cat-Dog"] = "alone in the world"
        return {"message": "Hello World"}

    client = TestClient(app)
    response = client.get("/headers/")
    assert response.json() == {"message": "Hello World"}
    assert response.headers["X-Cat-Dog"] == "alone in the world"
    assert response.headers["Content-Language"] == "en-US"
    response = client.get("/headers-and-object/")
    assert response.json() == {"message": "Hello World"}
    assert response.headers["X-Cat-Dog"] == "alone in the world"


def test_response_change_status_code() -> None:
    tasks = {"foo": "Listen to the Bar Fighters"}
    app = Faster()

    @app.put("/get-or-create-task/{task_id}", status_code=200)
    def get_or_create_task(task_id: str, response: Response) -> str:
        if task_id not in tasks:
            tasks[task_id] = "This didn't exist before"
            response.status_code = 201
        return tasks[task_id]

    client = TestClient(app)
    response = client.put("/get-or-create-task/foo")
    assert response.status_code == 200
    assert response.json() == "Listen to the Bar Fighters"
    response = client.put("/get-or-create-task/bar")
    assert response.status_code == 201
    assert response.json() == "This didn't exist before"


def test_response_parameter_in_dependency() -> None:
    app = Faster()

    def set_header(response: Response) -> None:
        response.headers["X-From-Dependency"] = "yes"
        response.set_cookie("dep", "1")

    @app.get("/", dependencies=[Depends(set_header)])
    def root() -> dict[str, bool]:
        return {"ok": True}

    response = TestClient(app).get("/")
    assert response.headers["X-From-Dependency"] == "yes"
    assert response.cookies["dep"] == "1"


# --- advanced dependencies: callable instances (dependencies/tutorial011) --------------------------------


class FixedContentQueryChecker:
    def __init__(self, fixed_content: str) -> None:
        self.fixed_content = fixed_content

    def __call__(self, q: str = "") -> bool:
        if q:
            return self.fixed_content in q
        return False


checker = FixedContentQueryChecker("bar")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/query-checker/", False), ("/query-checker/?q=foo", False), ("/query-checker/?q=barfoo", True)],
)
def test_callable_instance_dependency(path: str, expected: bool) -> None:
    app = Faster()

    @app.get("/query-checker/")
    async def read_query_check(fixed_content_included: Annotated[bool, Depends(checker)]) -> dict[str, bool]:
        return {"fixed_content_in_query": fixed_content_included}

    response = TestClient(app).get(path)
    assert response.status_code == 200
    assert response.json() == {"fixed_content_in_query": expected}


# --- using the request directly (using_request_directly/tutorial001) -------------------------------------


def test_using_request_directly() -> None:
    app = Faster()

    @app.get("/items/{item_id}")
    def read_root(item_id: str, request: Request) -> dict[str, Any]:
        assert request.client is not None
        return {"client_host": request.client.host, "item_id": item_id}

    response = TestClient(app).get("/items/foo")
    assert response.status_code == 200
    assert response.json() == {"client_host": "testclient", "item_id": "foo"}


# --- sub applications (sub_applications/tutorial001) -----------------------------------------------------


def _sub_app_client() -> TestClient:
    app = Faster()

    @app.get("/app")
    def read_main() -> dict[str, str]:
        return {"message": "Hello World from main app"}

    subapi = Faster()

    @subapi.get("/sub")
    def read_sub() -> dict[str, str]:
        return {"message": "Hello World from sub API"}

    app.mount("/subapi", subapi)
    return TestClient(app)


def test_sub_application_routes() -> None:
    client = _sub_app_client()
    assert client.get("/app").json() == {"message": "Hello World from main app"}
    assert client.get("/subapi/sub").json() == {"message": "Hello World from sub API"}


def test_sub_application_has_its_own_docs() -> None:
    client = _sub_app_client()
    main_schema = client.get("/openapi.json").json()
    assert list(main_schema["paths"]) == ["/app"]
    assert main_schema["paths"]["/app"]["get"]["operationId"] == "read_main_app_get"
    sub_schema = client.get("/subapi/openapi.json").json()
    assert list(sub_schema["paths"]) == ["/sub"]
    assert sub_schema["paths"]["/sub"]["get"]["operationId"] == "read_sub_sub_get"
    assert sub_schema["servers"] == [{"url": "/subapi"}]
    docs = client.get("/subapi/docs")
    assert docs.status_code == 200
    assert "/subapi/openapi.json" in docs.text


# --- behind a proxy (behind_a_proxy/tutorial001-004) -----------------------------------------------------


def test_root_path_from_test_client() -> None:
    app = Faster()

    @app.get("/app")
    def read_main(request: Request) -> dict[str, Any]:
        return {"message": "Hello World", "root_path": request.scope.get("root_path")}

    client = TestClient(app, root_path="/api/v1")
    assert client.get("/app").json() == {"message": "Hello World", "root_path": "/api/v1"}


def test_root_path_on_the_app() -> None:
    app = Faster(root_path="/api/v1")

    @app.get("/app")
    def read_main(request: Request) -> dict[str, Any]:
        return {"message": "Hello World", "root_path": request.scope.get("root_path")}

    client = TestClient(app)
    assert client.get("/app").json() == {"message": "Hello World", "root_path": "/api/v1"}
    schema = client.get("/openapi.json").json()
    assert schema["servers"] == [{"url": "/api/v1"}]


def test_root_path_with_servers() -> None:
    servers = [
        {"url": "https://stag.example.com", "description": "Staging environment"},
        {"url": "https://prod.example.com", "description": "Production environment"},
    ]
    app = Faster(servers=servers, root_path="/api/v1")

    @app.get("/app")
    def read_main(request: Request) -> dict[str, Any]:
        return {"message": "Hello World", "root_path": request.scope.get("root_path")}

    schema = TestClient(app).get("/openapi.json").json()
    assert schema["servers"] == [{"url": "/api/v1"}, *servers]

    hidden = Faster(servers=servers, root_path="/api/v1", root_path_in_servers=False)
    assert TestClient(hidden).get("/openapi.json").json()["servers"] == servers


# --- templates (templates/tutorial001) -------------------------------------------------------------------


def test_templates_with_url_for(tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    from FasterAPI.templating import Jinja2Templates

    (tmp_path / "templates").mkdir()
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "styles.css").write_text("h1 { color: green; }")
    (tmp_path / "templates" / "item.html").write_text(
        "<html><head><title>Item Details</title>"
        "<link href=\"{{ url_for('static', path='/styles.css') }}\" rel=\"stylesheet\"></head>"
        "<body><h1><a href=\"{{ url_for('read_item', id=id) }}\">Item ID: {{ id }}</a></h1></body></html>"
    )
    app = Faster()
    app.mount("/static", StaticFiles(directory=tmp_path / "static"), name="static")
    templates = Jinja2Templates(directory=str(tmp_path / "templates"))

    @app.get("/items/{id}", response_class=HTMLResponse)
    async def read_item(request: Request, id: str) -> Any:
        return templates.TemplateResponse(request=request, name="item.html", context={"id": id})

    client = TestClient(app)
    response = client.get("/items/foo")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<h1><a href="http://testserver/items/foo">Item ID: foo</a></h1>' in response.text
    assert 'href="http://testserver/static/styles.css"' in response.text
    assert client.get("/static/styles.css").text == "h1 { color: green; }"


# --- path operation advanced configuration ---------------------------------------------------------------


def test_operation_id_and_route_names() -> None:
    app = Faster()

    @app.get("/items/", operation_id="some_specific_id_you_define")
    async def read_items() -> list[dict[str, str]]:
        return [{"item_id": "Foo"}]

    @app.get("/users/")
    async def read_users() -> list[dict[str, str]]:
        return [{"user_id": "Bar"}]

    from FasterAPI.routing import APIRoute

    for route in app.routes:
        if isinstance(route, APIRoute) and route.path == "/users/":
            route.operation_id = route.name

    client = TestClient(app)
    assert client.get("/items/").json() == [{"item_id": "Foo"}]
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/items/"]["get"]["operationId"] == "some_specific_id_you_define"
    assert paths["/users/"]["get"]["operationId"] == "read_users"


def test_include_in_schema_false() -> None:
    app = Faster()

    @app.get("/items/", include_in_schema=False)
    async def read_items() -> list[dict[str, str]]:
        return [{"item_id": "Foo"}]

    client = TestClient(app)
    assert client.get("/items/").json() == [{"item_id": "Foo"}]
    assert client.get("/openapi.json").json()["paths"] == {}


def test_docstring_description_cut_at_form_feed() -> None:
    app = Faster()

    @app.post("/items/", summary="Create an item")
    async def create_item(item: Item) -> Item:
        """
        Create an item with all the information:

        - **name**: each item must have a name
        \f
        :param item: User input.
        """
        return item

    operation = TestClient(app).get("/openapi.json").json()["paths"]["/items/"]["post"]
    assert operation["summary"] == "Create an item"
    assert "each item must have a name" in operation["description"]
    assert ":param item" not in operation["description"]


def test_openapi_extra() -> None:
    app = Faster()

    @app.get("/items/", openapi_extra={"x-aperture-labs-portal": "blue"})
    async def read_items() -> list[dict[str, str]]:
        return [{"item_id": "portal-gun"}]

    magic_body = {
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "required": ["name", "price"],
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "price": {"type": "number"}},
                    }
                }
            },
            "required": True,
        },
    }

    @app.post("/magic/", openapi_extra=magic_body)
    async def create_item(request: Request) -> dict[str, Any]:
        raw_body = await request.body()
        data = msgspec.json.decode(raw_body)
        return {"size": len(raw_body), "content": data}

    client = TestClient(app)
    assert client.get("/items/").json() == [{"item_id": "portal-gun"}]
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/items/"]["get"]["x-aperture-labs-portal"] == "blue"
    assert paths["/magic/"]["post"]["requestBody"] == magic_body["requestBody"]
    response = client.post("/magic/", content=b'{"name": "Foo", "price": 50.5}')
    assert response.json() == {"size": 30, "content": {"name": "Foo", "price": 50.5}}


def test_redirect_to_trailing_slash_is_absolute() -> None:
    app = Faster()

    @app.get("/items/")
    def read_items() -> list[str]:
        return ["plumbus", "portal gun"]

    client = TestClient(app)
    response = client.get("/items", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "http://testserver/items/"
    assert client.get("/items").json() == ["plumbus", "portal gun"]


# --- OpenAPI webhooks (openapi_webhooks/tutorial001) -----------------------------------------------------


class Subscription(msgspec.Struct):
    username: str
    monthly_fee: float
    start_date: datetime


def test_openapi_webhooks() -> None:
    app = Faster()

    @app.webhooks.post("new-subscription")
    def new_subscription(body: Subscription) -> None:
        """
        When a new user subscribes to your service we'll send you a POST request with this
        data to the URL that you register for the event `new-subscription` in the dashboard.
        """

    @app.get("/users/")
    def read_users() -> list[str]:
        return ["Rick", "Morty"]

    client = TestClient(app)
    assert client.get("/users/").json() == ["Rick", "Morty"]
    assert client.post("/new-subscription", json={}).status_code == 404  # documented, never served
    schema = client.get("/openapi.json").json()
    assert list(schema["paths"]) == ["/users/"]
    operation = schema["webhooks"]["new-subscription"]["post"]
    assert operation["summary"] == "New Subscription"
    assert operation["operationId"] == "new_subscriptionnew_subscription_post"
    assert operation["description"].startswith("When a new user subscribes to your service")
    assert operation["requestBody"] == {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Subscription"}}},
        "required": True,
    }
    assert "422" in operation["responses"]
    assert set(schema["components"]["schemas"]["Subscription"]["properties"]) == {
        "username",
        "monthly_fee",
        "start_date",
    }


# --- OpenAPI callbacks (openapi_callbacks/tutorial001) ---------------------------------------------------


class Invoice(msgspec.Struct):
    id: str
    customer: str
    total: float
    title: str | None = None


class InvoiceEvent(msgspec.Struct):
    description: str
    paid: bool


class InvoiceEventReceived(msgspec.Struct):
    ok: bool


def test_openapi_callbacks() -> None:
    from FasterAPI import APIRouter

    app = Faster()
    invoices_callback_router = APIRouter()

    @invoices_callback_router.post("{$callback_url}/invoices/{$request.body.id}", response_model=InvoiceEventReceived)
    def invoice_notification(body: InvoiceEvent) -> None:
        pass

    @app.post("/invoices/", callbacks=invoices_callback_router.routes)
    def create_invoice(invoice: Invoice, callback_url: str | None = None) -> dict[str, str]:
        """Create an invoice; the external API named in ``callback_url`` is told when it is paid."""
        return {"msg": "Invoice received"}

    client = TestClient(app)
    body = {"id": "fooinvoice", "customer": "John", "total": 5.3}
    response = client.post("/invoices/", json=body, params={"callback_url": "https://example.com/api/v1"})
    assert response.status_code == 200
    assert response.json() == {"msg": "Invoice received"}
    assert client.post("/invoices/", json={"id": "x"}).status_code == 422
    schema = client.get("/openapi.json").json()
    assert list(schema["paths"]) == ["/invoices/"]
    callbacks = schema["paths"]["/invoices/"]["post"]["callbacks"]
    operation = callbacks["invoice_notification"]["{$callback_url}/invoices/{$request.body.id}"]["post"]
    assert operation["summary"] == "Invoice Notification"
    assert operation["operationId"] == "invoice_notification__callback_url__invoices___request_body_id__post"
    assert operation["requestBody"] == {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvoiceEvent"}}},
        "required": True,
    }
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/InvoiceEventReceived"
    }
    assert {"Invoice", "InvoiceEvent", "InvoiceEventReceived"} <= set(schema["components"]["schemas"])


# -- beyond the tutorial's own examples: the Request object in full, url_for, api_route, HEAD ----------------------


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
