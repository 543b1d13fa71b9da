"""Behaviour FastAPI's documentation shows for its tutorial apps, checked on ours (issue 20)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest

from fasterapi_core import APIRouter, FastAPI, Faster, Form, Query, Request
from fasterapi_core.exceptions import FastAPIDeprecationWarning, FastAPIError
from fasterapi_core.responses import JSONResponse, RedirectResponse, Response
from fasterapi_core.staticfiles import StaticFiles
from fasterapi_core.templating import Jinja2Templates


async def test_swagger_ui_page_lists_one_option_a_line_with_overrides_and_extras(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    """Options are written ``"name": json,`` (FastAPI's page shape): an override replaces the default,
    a nested value stays JSON, the presets keep their place."""
    app = Faster(swagger_ui_parameters={"deepLinking": False, "syntaxHighlight": {"theme": "obsidian"}})
    async with client_for(app) as client:
        page = (await client.get("/docs")).text
    assert '"deepLinking": false,' in page and '"deepLinking": true' not in page
    assert '"syntaxHighlight": {"theme": "obsidian"},' in page
    assert '"dom_id": "#swagger-ui",' in page and '"layout": "BaseLayout",' in page
    assert '"showExtensions": true,' in page and '"showCommonExtensions": true,' in page
    assert "presets: [" in page and "SwaggerUIBundle.presets.apis," in page
    assert "SwaggerUIBundle.SwaggerUIStandalonePreset" in page


async def test_swagger_ui_option_values_cannot_close_the_script(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    app = FastAPI(swagger_ui_parameters={"x": "</script><script>alert(1)</script>"})
    async with client_for(app) as client:
        page = (await client.get("/docs")).text
    assert "</script><script>alert" not in page
    assert '"x": "\\u003c/script\\u003e' in page


async def test_swagger_ui_page_points_at_the_document_and_redirect_as_fastapi_writes_them(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    app = FastAPI(swagger_ui_init_oauth={"appName": "The App", "clientId": "the-client"})
    async with client_for(app) as client:
        page = (await client.get("/docs")).text
    assert "url: '/openapi.json'," in page
    assert "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'" in page
    assert '"appName": "The App"' in page and '"clientId": "the-client"' in page


def test_root_path_on_the_fastapi_class_warns_as_fastapi_does_and_still_applies() -> None:
    with pytest.warns(FastAPIDeprecationWarning, match="fastapi run --root-path"):
        app = FastAPI(root_path="/api/v1")
    assert app.root_path == "/api/v1"


def test_root_path_on_faster_is_not_deprecated() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Faster(root_path="/api/v1").root_path == "/api/v1"


@pytest.mark.parametrize("root_path", ["", "/api/v1"])
@pytest.mark.parametrize("mount_path", ["", "/subapp"])
async def test_template_url_for_is_a_url_whose_path_a_template_can_take(
    tmp_path: Path, root_path: str, mount_path: str
) -> None:
    """``{{ url_for('read_item', id=id).path }}`` (FastAPI's templates tutorial) gives the path, with the
    mount and the proxy's root path in front; ``{{ url_for(...) }}`` stays the whole URL."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "styles.css").write_text("h1 { color: green; }")
    (tmp_path / "item.html").write_text(
        "<link href=\"{{ url_for('static', path='/styles.css').path }}\">"
        "<a href=\"{{ url_for('read_item', id=id).path }}\">{{ url_for('read_item', id=id) }}</a>"
    )
    templates = Jinja2Templates(directory=tmp_path)
    app = FastAPI()
    app.mount("/static", StaticFiles(directory=tmp_path / "static"), name="static")

    @app.get("/items/{id}")
    async def read_item(request: Request, id: str) -> Any:
        return templates.TemplateResponse(request=request, name="item.html", context={"id": id})

    outer: FastAPI = app
    if mount_path:
        outer = FastAPI()
        outer.mount(mount_path, app)
    prefix = root_path + mount_path
    transport = httpx.ASGITransport(app=outer, root_path=root_path)
    async with httpx.AsyncClient(transport=transport, base_url="https://example.com") as client:
        page = (await client.get(f"{prefix}/items/42")).text
        assert f'<link href="{prefix}/static/styles.css">' in page
        assert f'<a href="{prefix}/items/42">https://example.com{prefix}/items/42</a>' in page
        assert (await client.get(f"{prefix}/static/styles.css")).text == "h1 { color: green; }"


def test_a_return_annotation_mixing_a_response_and_data_is_refused_when_declared() -> None:
    app = FastAPI()
    with pytest.raises(FastAPIError, match=r"GET /portal.*get_portal\(\).*response_model=None"):

        @app.get("/portal")
        async def get_portal(teleport: bool = False) -> Response | dict[str, str]:
            return RedirectResponse("/elsewhere") if teleport else {"message": "here"}


async def test_response_model_none_or_responses_only_keep_such_annotations_working(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    app = FastAPI()

    @app.get("/portal", response_model=None)
    async def get_portal(teleport: bool = False) -> Response | dict[str, str]:
        return RedirectResponse("/elsewhere") if teleport else {"message": "here"}

    @app.get("/either")
    async def either(teleport: bool = False) -> RedirectResponse | JSONResponse | None:
        return RedirectResponse("/elsewhere") if teleport else JSONResponse({"message": "here"})

    async with client_for(app) as client:
        for path in ("/portal", "/either"):
            assert (await client.get(path)).json() == {"message": "here"}
            teleported = await client.get(path, params={"teleport": "true"})
            assert teleported.status_code == 307 and teleported.headers["location"] == "/elsewhere"


async def test_a_router_body_limit_covers_its_routes_and_a_route_limit_wins(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    """FastAPI 0.165's ``APIRouter(max_body_size=...)``: the app's limit, widened for an uploads router,
    narrowed again for one of its routes; past the limit that applies, a 413."""
    app = FastAPI(max_body_size=100)
    uploads = APIRouter(prefix="/uploads", max_body_size=1000)

    @app.post("/items")
    async def create_item(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    @uploads.post("/")
    async def upload(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    @uploads.post("/small", max_body_size=500)
    async def small(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    app.include_router(uploads)
    async with client_for(app) as client:
        assert (await client.post("/items", content=b"x" * 100)).json() == {"size": 100}
        assert (await client.post("/items", content=b"x" * 101)).status_code == 413
        assert (await client.post("/uploads/", content=b"x" * 1000)).json() == {"size": 1000}
        assert (await client.post("/uploads/", content=b"x" * 1001)).status_code == 413
        assert (await client.post("/uploads/small", content=b"x" * 500)).json() == {"size": 500}
        assert (await client.post("/uploads/small", content=b"x" * 501)).status_code == 413


async def test_a_router_body_limit_reaches_routers_it_includes(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    app = FastAPI(max_body_size=10)
    outer = APIRouter(max_body_size=50)
    inner = APIRouter()

    @inner.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    outer.include_router(inner)
    app.include_router(outer)
    async with client_for(app) as client:
        assert (await client.post("/echo", content=b"x" * 50)).json() == {"size": 50}
        assert (await client.post("/echo", content=b"x" * 51)).status_code == 413


@pytest.mark.parametrize("limit", [-1, 1.5, True, "10"])
def test_a_router_body_limit_must_be_a_byte_count(limit: object) -> None:
    with pytest.raises(ValueError, match="max_body_size must be a non-negative number of bytes or None"):
        APIRouter(max_body_size=limit)  # type: ignore[arg-type]


async def test_a_list_query_with_a_length_and_an_item_bound_checks_both(
    client_for: Callable[[Any], httpx.AsyncClient],
) -> None:
    """``Query(max_length=2, gt=0)`` on ``list[int]``: the length bounds the list, ``gt`` each item (FastAPI
    declares it too, then fails every request with a 500; here both are checked and documented)."""
    app = FastAPI()

    @app.get("/items/")
    async def read_items(q: Annotated[list[int], Query(max_length=2, gt=0)] = []) -> dict[str, list[int]]:  # noqa: B006
        return {"q": q}

    async with client_for(app) as client:
        assert (await client.get("/items/", params={"q": ["1", "2"]})).json() == {"q": [1, 2]}
        assert (await client.get("/items/")).json() == {"q": []}
        too_long = await client.get("/items/", params={"q": ["1", "2", "3"]})
        assert too_long.status_code == 422
        assert too_long.json()["detail"][0]["type"] == "too_long"
        assert too_long.json()["detail"][0]["loc"] == ["query", "q"]
        too_small = await client.get("/items/", params={"q": ["5", "0"]})
        assert too_small.status_code == 422
        assert too_small.json()["detail"] == [
            {
                "type": "greater_than",
                "loc": ["query", "q", 1],
                "msg": "Input should be greater than 0",
                "input": "0",
                "ctx": {"gt": 0},
            }
        ]
        (parameter,) = (await client.get("/openapi.json")).json()["paths"]["/items/"]["get"]["parameters"]
    assert parameter["schema"] == {
        "type": "array",
        "items": {"type": "integer", "exclusiveMinimum": 0},
        "maxItems": 2,
        "default": [],
        "title": "Q",
    }


@pytest.mark.parametrize("multipart", [False, True])
async def test_form_limits_of_the_app_a_router_and_a_route(
    client_for: Callable[[Any], httpx.AsyncClient], multipart: bool
) -> None:
    """FastAPI 0.165's ``form_limits``: the app's bound the forms of every route, a router's and a route's
    keys win over them; past a bound, Starlette's 400."""
    app = FastAPI(form_limits={"max_fields": 3})
    docs = APIRouter(prefix="/docs-api", form_limits={"max_part_size": 20})

    @app.post("/notes")
    async def create_note(text: Annotated[str, Form()]) -> dict[str, int]:
        return {"size": len(text)}

    @app.post("/big", form_limits={"max_part_size": 64, "max_fields": 5})
    async def create_big(text: Annotated[str, Form()]) -> dict[str, int]:
        return {"size": len(text)}

    @docs.post("/")
    async def create_doc(text: Annotated[str, Form()]) -> dict[str, int]:
        return {"size": len(text)}

    app.include_router(docs)

    async with client_for(app) as client:

        async def submit(path: str, fields: dict[str, str]) -> httpx.Response:
            if multipart:
                return await client.post(path, files={key: (None, value) for key, value in fields.items()})
            return await client.post(path, data=fields)

        assert (await submit("/notes", {"text": "x" * 40})).json() == {"size": 40}
        too_many = await submit("/notes", {"text": "ok", "a": "1", "b": "2", "c": "3"})
        assert too_many.status_code == 400
        assert too_many.json() == {"detail": "Too many fields. Maximum number of fields is 3."}
        assert (await submit("/big", {"text": "x" * 64, "a": "1", "b": "2", "c": "3"})).json() == {"size": 64}
        assert (await submit("/big", {"text": "x" * 65})).status_code == 400
        assert (await submit("/docs-api/", {"text": "x" * 20})).json() == {"size": 20}
        assert (await submit("/docs-api/", {"text": "x" * 21})).status_code == 400


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"max_feilds": 3}, "unknown key 'max_feilds'"),
        ({"max_files": -1}, "max_files must be a non-negative int"),
        ({"max_part_size": "1MB"}, "max_part_size must be a non-negative int"),
    ],
)
def test_form_limits_are_checked_when_declared(limits: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FastAPI(form_limits=limits)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        APIRouter(form_limits=limits)  # type: ignore[arg-type]
    app = FastAPI()
    with pytest.raises(ValueError, match=message):

        @app.post("/notes", form_limits=limits)  # type: ignore[arg-type]
        async def create_note(text: Annotated[str, Form()]) -> None:
            return None
