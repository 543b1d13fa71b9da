"""Jinja2Templates: rendering, the request in the context, url_for, both call styles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from fasterapi_core import BackgroundTasks, Faster, Request
from fasterapi_core.staticfiles import StaticFiles
from fasterapi_core.templating import Jinja2Templates


@pytest.fixture
def templates(tmp_path: Path) -> Jinja2Templates:
    (tmp_path / "page.html").write_text(
        "<p>{{ greeting }} {{ request.url.path }}</p>"
        "<a href=\"{{ url_for('item', item_id=7) }}\">i</a>"
        "<link href=\"{{ url_for('static', path='/app.css') }}\">"
        "{{ unsafe }}"
    )
    (tmp_path / "plain.txt").write_text("n={{ n }}")
    return Jinja2Templates(directory=tmp_path)


def make_app(templates: Jinja2Templates, static_dir: Path) -> Faster:
    app = Faster()
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    ran: list[str] = []
    app.state.ran = ran

    @app.get("/items/{item_id}", name="item")
    async def item(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    @app.get("/page")
    async def page(request: Request) -> Any:
        return templates.TemplateResponse(request, "page.html", {"greeting": "hi", "unsafe": "<b>x</b>"})

    @app.get("/old")
    async def old(request: Request) -> Any:
        return templates.TemplateResponse("page.html", {"request": request, "greeting": "old", "unsafe": ""})

    @app.get("/text")
    async def text(request: Request, tasks: BackgroundTasks) -> Any:
        tasks.add_task(ran.append, "task")
        return templates.TemplateResponse(
            request, "plain.txt", context={"n": 3}, status_code=201, headers={"x-a": "1"}, media_type="text/plain"
        )

    return app


async def test_template_response_renders_with_request_and_url_for(templates: Jinja2Templates, tmp_path: Path) -> None:
    static_dir = tmp_path / "static"
    static_dir.mkdir()
    app = make_app(templates, static_dir)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/page")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "<p>hi /page</p>" in response.text
        assert 'href="http://test/items/7"' in response.text
        assert 'href="http://test/static/app.css"' in response.text
        assert "&lt;b&gt;x&lt;/b&gt;" in response.text, "html templates are autoescaped"
        old = await client.get("/old")
        assert "<p>old /old</p>" in old.text
        text = await client.get("/text")
        assert text.status_code == 201
        assert text.text == "n=3"
        assert text.headers["content-type"] == "text/plain; charset=utf-8"
        assert text.headers["x-a"] == "1"
    assert app.state.ran == ["task"]


def test_response_keeps_template_and_context(templates: Jinja2Templates) -> None:
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""})
    response = templates.TemplateResponse(request, "plain.txt", {"n": 1})
    assert response.template.name == "plain.txt"  # type: ignore[attr-defined]
    assert response.context["request"] is request  # type: ignore[attr-defined]
    assert response.body == b"n=1"
    with pytest.raises(ValueError):
        templates.TemplateResponse("plain.txt", {"n": 1})
    assert templates.get_template("plain.txt").render(n=2) == "n=2"


def test_constructor_options(tmp_path: Path) -> None:
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ x }}"}))
    templates = Jinja2Templates(env=env, context_processors=[lambda request: {"x": "from processor"}])
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""})
    assert templates.TemplateResponse(request, "a.html").body == b"from processor"
    with pytest.raises(ValueError):
        Jinja2Templates()
