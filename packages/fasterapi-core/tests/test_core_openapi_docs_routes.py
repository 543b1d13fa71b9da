"""/openapi.json, /docs and /redoc: served, configurable, disabled with None, root_path aware."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fasterapi_core import Depends, Faster, HTTPException
from fasterapi_core.openapi.ui import get_redoc_html, get_swagger_ui_html, redoc_html, swagger_ui_html


def _client(app: Faster, root_path: str = "") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, root_path=root_path), base_url="http://test")


def _app(**kwargs: object) -> Faster:
    app = Faster(title="Docs <Test>", **kwargs)  # type: ignore[arg-type]

    @app.get("/ping")
    async def ping() -> dict[str, str]:
        return {"pong": "yes"}

    return app


async def test_default_docs_routes() -> None:
    async with _client(_app()) as client:
        response = await client.get("/openapi.json")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        document = response.json()
        validate(document)
        assert list(document["paths"]) == ["/ping"]
        docs = await client.get("/docs")
        assert docs.status_code == 200
        assert docs.headers["content-type"].startswith("text/html")
        assert "<title>Docs &lt;Test&gt; - Swagger UI</title>" in docs.text
        assert "url: '/openapi.json'" in docs.text
        assert "swagger-ui-bundle.js" in docs.text
        assert "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'" in docs.text
        redirect = await client.get("/docs/oauth2-redirect")
        assert redirect.status_code == 200
        assert "swaggerUIRedirectOauth2" in redirect.text
        redoc = await client.get("/redoc")
        assert "<title>Docs &lt;Test&gt; - ReDoc</title>" in redoc.text
        assert 'spec-url="/openapi.json"' in redoc.text
        head = await client.head("/openapi.json")
        assert head.status_code == 200


async def test_custom_urls_and_disabled_pages() -> None:
    app = _app(openapi_url="/api/schema.json", docs_url="/swagger", redoc_url=None)
    async with _client(app) as client:
        assert (await client.get("/openapi.json")).status_code == 404
        assert (await client.get("/api/schema.json")).status_code == 200
        swagger = await client.get("/swagger")
        assert "url: '/api/schema.json'" in swagger.text
        assert (await client.get("/redoc")).status_code == 404
        assert (await client.get("/docs")).status_code == 404


async def test_openapi_url_none_disables_everything() -> None:
    app = _app(openapi_url=None)
    async with _client(app) as client:
        for url in ("/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
            assert (await client.get(url)).status_code == 404
    assert app.openapi()["paths"]["/ping"], "the document itself is still available in code"


async def test_root_path_is_honoured() -> None:
    async with _client(_app(), root_path="/proxy") as client:
        docs = await client.get("/proxy/docs")
        assert "url: '/proxy/openapi.json'" in docs.text
        redoc = await client.get("/proxy/redoc")
        assert 'spec-url="/proxy/openapi.json"' in redoc.text
        document = (await client.get("/proxy/openapi.json")).json()
        assert document["servers"] == [{"url": "/proxy"}]
        validate(document)


async def test_mounted_app_docs_point_inside_the_mount() -> None:
    parent = Faster()
    parent.mount("/sub", _app())
    async with _client(parent) as client:
        docs = await client.get("/sub/docs")
        assert "url: '/sub/openapi.json'" in docs.text
        document = (await client.get("/sub/openapi.json")).json()
        assert list(document["paths"]) == ["/ping"]
        assert document["servers"] == [{"url": "/sub"}]


async def test_docs_ignore_global_dependencies() -> None:
    def deny() -> None:
        raise HTTPException(403, "no")

    app = Faster(dependencies=[Depends(deny)])

    @app.get("/ping")
    async def ping() -> None:
        return None

    async with _client(app) as client:
        assert (await client.get("/ping")).status_code == 403
        assert (await client.get("/openapi.json")).status_code == 200
        assert (await client.get("/docs")).status_code == 200


async def test_custom_openapi_function_is_served() -> None:
    app = _app()

    def custom() -> dict[str, object]:
        return {"openapi": "3.1.0", "info": {"title": "custom", "version": "1"}, "paths": {}}

    app.openapi = custom  # type: ignore[method-assign]
    async with _client(app) as client:
        assert (await client.get("/openapi.json")).json()["info"]["title"] == "custom"


def test_ui_helpers_escape_their_inputs() -> None:
    page = swagger_ui_html("/o.json?</script><script>alert(1)</script>", "T</title>")
    assert "</script><script>alert(1)" not in page
    assert "T&lt;/title&gt;" in page
    redoc = redoc_html('/o.json" onload="x', "R")
    assert 'onload="x' not in redoc
    response = get_swagger_ui_html(openapi_url="/o.json", title="t", init_oauth={"clientId": "c"})
    assert b"ui.initOAuth" in response.body
    assert get_redoc_html(openapi_url="/o.json", title="t").media_type == "text/html"


async def test_swagger_ui_options_from_the_app() -> None:
    app = _app(swagger_ui_parameters={"deepLinking": False}, swagger_ui_init_oauth={"clientId": "abc"})
    async with _client(app) as client:
        page = (await client.get("/docs")).text
        assert '"deepLinking": false,' in page
        assert 'ui.initOAuth({"clientId": "abc"})' in page


def validate(document: dict[str, Any]) -> None:
    """openapi-spec-validator's check; it needs pydantic, so CI's pydantic-free run skips it."""
    pytest.importorskip("openapi_spec_validator").validate(document)


async def test_swagger_ui_settings_are_app_attributes_as_in_fastapi() -> None:
    """FastAPI's self-hosting recipe reads ``app.swagger_ui_oauth2_redirect_url``; the defaults match FastAPI's."""
    default = _app()
    assert default.swagger_ui_oauth2_redirect_url == "/docs/oauth2-redirect"
    assert default.swagger_ui_parameters is None and default.swagger_ui_init_oauth is None
    app = _app(
        swagger_ui_oauth2_redirect_url="/auth/return",
        swagger_ui_parameters={"syntaxHighlight": False, "docExpansion": "none"},
    )
    assert app.swagger_ui_parameters == {"syntaxHighlight": False, "docExpansion": "none"}
    async with _client(app) as client:
        page = (await client.get("/docs")).text
        assert '"syntaxHighlight": false,' in page and '"docExpansion": "none",' in page
        assert "oauth2RedirectUrl: window.location.origin + '/auth/return'" in page
        assert "swaggerUIRedirectOauth2" in (await client.get("/auth/return")).text
        assert (await client.get("/docs/oauth2-redirect")).status_code == 404
    off = _app(swagger_ui_oauth2_redirect_url=None)
    async with _client(off) as client:
        assert "oauth2RedirectUrl" not in (await client.get("/docs")).text
        assert (await client.get("/docs/oauth2-redirect")).status_code == 404


async def test_the_docs_pages_fetch_no_favicon_from_another_site() -> None:
    async with _client(_app()) as client:
        for url in ("/docs", "/redoc"):
            page = (await client.get(url)).text
            assert 'rel="shortcut icon" href="data:image/svg+xml,' in page
            assert "tiangolo" not in page
