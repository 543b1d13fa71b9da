"""FastAPI parity, third pass: templates with static url_for, docstring truncation, enum tags, union-free
extra models, streaming with yield dependencies, URL decoding, websocket host checks (docs:
advanced/templates, path-operation-advanced-configuration, path-operation-configuration,
tutorial/extra-models, dependencies-with-yield, advanced/middleware)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import pytest

from FasterAPI import Depends, Faster, Request, WebSocket
from FasterAPI.middleware.trustedhost import TrustedHostMiddleware
from FasterAPI.responses import HTMLResponse, StreamingResponse
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.templating import Jinja2Templates
from FasterAPI.testclient import TestClient, WebSocketDenialResponse

TEMPLATE = """<html><head><link href="{{ url_for('static', path='/styles.css') }}" rel="stylesheet"></head>
<body><h1><a href="{{ url_for('read_item', id=id) }}">Item ID: {{ id }}</a></h1></body></html>"""


def templated_app(tmp_path: Path) -> tuple[Faster, Jinja2Templates]:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "styles.css").write_text("h1{}")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "item.html").write_text(TEMPLATE)
    app = Faster()
    app.mount("/static", StaticFiles(directory=tmp_path / "static"), name="static")
    return app, Jinja2Templates(directory=str(tmp_path / "templates"))


def test_templates_with_static_url_for(tmp_path: Path) -> None:
    app, templates = templated_app(tmp_path)

    @app.get("/items/{id}", response_class=HTMLResponse)
    async def read_item(request: Request, id: str) -> object:
        return templates.TemplateResponse(request=request, name="item.html", context={"id": id})

    c = TestClient(app)
    r = c.get("/items/5")
    assert r.status_code == 200
    assert '<link href="http://testserver/static/styles.css" rel="stylesheet">' in r.text
    assert '<a href="http://testserver/items/5">Item ID: 5</a>' in r.text
    assert c.get("/static/styles.css").text == "h1{}"
    assert app.url_path_for("static", path="/styles.css") == "/static/styles.css"


def test_templates_request_first_positional_form(tmp_path: Path) -> None:
    app, templates = templated_app(tmp_path)

    @app.get("/items/{id}")
    async def read_item(request: Request, id: str) -> object:
        return templates.TemplateResponse(request, "item.html", {"id": id})

    assert "Item ID: 8" in TestClient(app).get("/items/8").text


def test_docstring_description_truncated_at_form_feed_and_enum_tags() -> None:
    class Tags(Enum):
        items = "items"
        users = "users"

    app = Faster()

    @app.post("/items/", tags=[Tags.items])
    async def create_item(name: str) -> dict[str, str]:
        """
        Create an item with all the information:

        - **name**: each item must have a name
        \f
        :param name: User input.
        """
        return {"name": name}

    op = TestClient(app).get("/openapi.json").json()["paths"]["/items/"]["post"]
    assert op["description"] == "Create an item with all the information:\n\n- **name**: each item must have a name"
    assert op["tags"] == ["items"]


def test_dict_response_model() -> None:
    app = Faster()

    @app.get("/keyword-weights/", response_model=dict[str, float])
    async def read_keyword_weights() -> dict[str, float]:
        return {"foo": 2.3, "bar": 3.4}

    assert TestClient(app).get("/keyword-weights/").json() == {"foo": 2.3, "bar": 3.4}


def test_yield_dependency_stays_open_while_streaming() -> None:
    state = {"open": False}
    events: list[str] = []

    async def session():  # type: ignore[no-untyped-def]
        state["open"] = True
        events.append("open")
        yield state
        state["open"] = False
        events.append("close")

    app = Faster()

    @app.get("/s")
    async def s(sess: Annotated[dict[str, bool], Depends(session)]) -> StreamingResponse:
        async def gen():  # type: ignore[no-untyped-def]
            for _ in range(2):
                events.append(f"chunk open={sess['open']}")
                yield f"{sess['open']}\n"

        return StreamingResponse(gen())

    assert TestClient(app).get("/s").text == "True\nTrue\n"
    assert events == ["open", "chunk open=True", "chunk open=True", "close"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/items/caf%C3%A9?q=a+b", {"item_id": "café", "q": "a b"}),
        ("/items/x?q=%26%3D", {"item_id": "x", "q": "&="}),
        ("/items/a%20b", {"item_id": "a b", "q": None}),
    ],
)
def test_url_decoding_of_path_and_query(url: str, expected: dict[str, object]) -> None:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read(item_id: str, q: str | None = None) -> dict[str, object]:
        return {"item_id": item_id, "q": q}

    assert TestClient(app).get(url).json() == expected


def test_trusted_host_also_guards_websockets() -> None:
    app = Faster()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("in")
        await websocket.close()

    with (
        pytest.raises(WebSocketDenialResponse),
        TestClient(app).websocket_connect("/ws", headers={"host": "evil.com"}) as s,
    ):
        s.receive_text()
    with TestClient(app, base_url="http://example.com").websocket_connect("/ws") as s:
        assert s.receive_text() == "in"
