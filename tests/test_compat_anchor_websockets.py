"""faster-api-web parity: WebSocket API and the test client's documented forms (anchor inventory 1.1
"WebSocket", 2.20, 2.21, 2.22)."""

from __future__ import annotations

import pytest

from FasterAPI import Faster, Request, WebSocket, WebSocketDisconnect, WebSocketState
from FasterAPI.testclient import TestClient
from FasterAPI.websocket import WebSocket as WebSocketFromModule


def test_websocket_module_names() -> None:
    assert WebSocketFromModule is WebSocket
    assert WebSocketState.CONNECTING == 0
    assert WebSocketState.CONNECTED == 1
    assert WebSocketState.DISCONNECTED == 2
    assert WebSocketDisconnect().code == 1000
    assert WebSocketDisconnect(1001).code == 1001


def test_websocket_handler_one_positional_argument_and_all_frame_kinds() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        await ws.accept()
        text = await ws.receive_text()
        await ws.send_text(text.upper())
        data = await ws.receive_bytes()
        await ws.send_bytes(data[::-1])
        obj = await ws.receive_json()
        await ws.send_json({"got": obj})
        await ws.close(code=1000)

    with TestClient(app).websocket_connect("/ws") as s:
        s.send_text("abc")
        assert s.receive_text() == "ABC"
        s.send_bytes(b"\x01\x02")
        assert s.receive_bytes() == b"\x02\x01"
        s.send_json({"k": 1})
        assert s.receive_json() == {"got": {"k": 1}}


def test_websocket_attributes_headers_query_path_params() -> None:
    app = Faster()

    @app.websocket("/rooms/{room_id}")
    async def room(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_json(
            {
                "room": ws.path_params["room_id"],
                "q": ws.query_params.get("q"),
                "blank": ws.query_params.get("blank"),
                "hdr": ws.headers.get("X-Hello"),
                "path": ws.url.path,
            }
        )
        await ws.close()

    with TestClient(app).websocket_connect("/rooms/r1?q=1&blank=", headers={"X-Hello": "hi"}) as s:
        assert s.receive_json() == {"room": "r1", "q": "1", "blank": "", "hdr": "hi", "path": "/rooms/r1"}


def test_websocket_second_accept_is_runtime_error() -> None:
    app = Faster()
    outcome: list[str] = []

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        await ws.accept()
        try:
            await ws.accept()
        except RuntimeError:
            outcome.append("runtime-error")
        await ws.send_text("done")
        await ws.close()

    with TestClient(app).websocket_connect("/ws") as s:
        assert s.receive_text() == "done"
    assert outcome == ["runtime-error"]


def test_websocket_state_and_subprotocol() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        before = ws.client_state
        await ws.accept(subprotocol="chat")
        await ws.send_json({"before": int(before), "after": int(ws.client_state)})
        await ws.close()

    with TestClient(app).websocket_connect("/ws", subprotocols=["chat"]) as s:
        assert s.accepted_subprotocol == "chat"
        assert s.receive_json() == {"before": 0, "after": 1}


def test_websocket_disconnect_from_client() -> None:
    app = Faster()
    codes: list[int] = []

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        await ws.accept()
        try:
            await ws.receive_text()
        except WebSocketDisconnect as exc:
            codes.append(exc.code)

    with TestClient(app).websocket_connect("/ws") as s:
        s.close(code=1001)
    assert codes == [1001]


def test_test_client_base_url_and_context_manager() -> None:
    app = Faster()

    @app.get("/where")
    async def where(request: Request) -> dict[str, str]:
        return {"host": request.headers["host"], "scheme": request.url.scheme}

    with TestClient(app, base_url="https://api.example") as c:
        assert c.get("/where").json() == {"host": "api.example", "scheme": "https"}


def test_test_client_methods_and_cookie_persistence() -> None:
    app = Faster()

    @app.get("/set")
    async def set_cookie() -> object:
        from FasterAPI.responses import JSONResponse

        r = JSONResponse({"ok": True})
        r.set_cookie("sid", "1")
        return r

    @app.get("/read")
    async def read(request: Request) -> dict[str, str | None]:
        return {"sid": request.cookies.get("sid")}

    @app.options("/read")
    async def opts() -> str:
        return "options"

    c = TestClient(app)
    c.get("/set")
    assert c.get("/read").json() == {"sid": "1"}
    assert c.head("/read").status_code == 200
    assert c.options("/read").json() == "options"


def test_test_client_is_not_collected() -> None:
    assert getattr(TestClient, "__test__", True) is False


def test_websocket_startup_runs_under_context_manager() -> None:
    events: list[str] = []
    app = Faster()

    @app.on_startup
    def start() -> None:
        events.append("start")

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_json(events)
        await ws.close()

    with TestClient(app) as c, c.websocket_connect("/ws") as s:
        assert s.receive_json() == ["start"]


def test_websocket_exception_in_handler_surfaces() -> None:
    app = Faster()

    @app.websocket("/ws")
    async def ws_handler(ws: WebSocket) -> None:
        await ws.accept()
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"), TestClient(app).websocket_connect("/ws") as s:
        s.receive_text()
