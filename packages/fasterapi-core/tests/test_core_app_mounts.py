"""Mounted ASGI apps, root_path handling and url_for across mounts."""

from __future__ import annotations

from typing import Any

import httpx

from fasterapi_core import Faster, Request


def client(app: Any, root_path: str = "") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, root_path=root_path), base_url="http://test")


async def raw_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    body = f"{scope['root_path']}|{scope['path']}".encode()
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(len(body)).encode())]}
    )
    await send({"type": "http.response.body", "body": body})


def build() -> Faster:
    app = Faster()
    sub = Faster()

    @sub.get("/items/{item_id}", name="item")
    async def item(item_id: int, request: Request) -> dict[str, Any]:
        return {
            "item_id": item_id,
            "self": str(request.url_for("item", item_id=item_id)),
            "parent_home": str(request.app.url_path_for("item", item_id=1)),
        }

    @app.get("/", name="home")
    async def home(request: Request) -> dict[str, str]:
        return {
            "sub_item": str(request.url_for("sub:item", item_id=5)),
            "raw": app.url_path_for("raw", path="/x/y"),
        }

    app.mount("/sub", sub, name="sub")
    app.mount("/raw", raw_app, name="raw")
    return app


async def test_mounted_apps_get_prefix_in_root_path() -> None:
    async with client(build()) as c:
        r = await c.get("/raw/a/b")
        assert r.text == "/raw|/raw/a/b"
        r = await c.get("/sub/items/3")
        assert r.json() == {
            "item_id": 3,
            "self": "http://test/sub/items/3",
            "parent_home": "/items/1",
        }
        assert (await c.get("/sub/items/x")).status_code == 422


async def test_url_for_across_mounts() -> None:
    async with client(build()) as c:
        r = await c.get("/")
    assert r.json() == {"sub_item": "http://test/sub/items/5", "raw": "/raw/x/y"}


async def test_root_path_from_the_server_with_and_without_prefix_in_path() -> None:
    app = build()
    # uvicorn --root-path /api: scope["path"] includes the root path.
    async with client(app, root_path="/api") as c:
        r = await c.get("/api/sub/items/3")
        assert r.json()["self"] == "http://test/api/sub/items/3"
        r = await c.get("/api/raw/z")
        assert r.text == "/api/raw|/api/raw/z"
        r = await c.get("/api/")
        assert r.json()["sub_item"] == "http://test/api/sub/items/5"


async def test_root_path_option_on_the_app() -> None:
    app = Faster(root_path="/api")

    @app.get("/hello", name="hello")
    async def hello(request: Request) -> dict[str, str]:
        return {"url": str(request.url_for("hello")), "path": request.url.path}

    async with client(app) as c:
        # A proxy that strips the prefix...
        assert (await c.get("/hello")).json() == {"url": "http://test/api/hello", "path": "/api/hello"}
        # ...and one that forwards it.
        assert (await c.get("/api/hello")).json()["url"] == "http://test/api/hello"
        # A route whose path only starts like the root path is not mangled.
        assert (await c.get("/apihello")).status_code == 404


async def test_websocket_to_a_mount_is_forwarded() -> None:
    seen: list[tuple[str, str]] = []

    async def ws_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append((scope["root_path"], scope["path"]))
        await send({"type": "websocket.close", "code": 1000})

    app = Faster()
    app.mount("/ws", ws_app)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(
        {"type": "websocket", "path": "/ws/chat", "root_path": "", "query_string": b"", "headers": []}, receive, send
    )
    assert seen == [("/ws", "/ws/chat")]
    assert sent[0]["type"] == "websocket.close"
