"""Behaviour FastAPI's documentation shows for its tutorial apps, checked on ours (issue 20)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from fasterapi_core import FastAPI, Faster
from fasterapi_core.exceptions import FastAPIDeprecationWarning


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
