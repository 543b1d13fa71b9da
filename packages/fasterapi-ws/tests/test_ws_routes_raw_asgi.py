"""Websocket routes on ``Faster``: matching, parameters, DI, errors, routers, middleware (raw ASGI)."""

import logging
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

import msgspec
import pytest

from fasterapi_core import (
    Cookie,
    Depends,
    Faster,
    FasterRouter,
    Header,
    HTTPException,
    Path,
    PlainTextResponse,
    Query,
    Security,
    SecurityScopes,
    WebSocketException,
)
from fasterapi_core.exceptions import FasterAPIError
from fasterapi_core.security import APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from fasterapi_ws import WebSocket, WebSocketClose, WebSocketDisconnect


async def test_unknown_path_is_refused_before_accept(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()

    async with ws_session(app, "/elsewhere") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1000, "reason": ""}
        assert await s.finished() is None


async def test_http_route_path_is_not_a_websocket_route(ws_session: Any) -> None:
    app = Faster()

    @app.get("/items")
    async def items() -> list[int]:
        return []

    async with ws_session(app, "/items") as s:
        assert (await s.receive())["type"] == "websocket.close"


async def test_path_params_with_converter_and_type_hints(ws_session: Any) -> None:
    app = Faster()
    seen: list[Any] = []

    @app.websocket("/rooms/{room_id:int}/users/{user}")
    async def room(websocket: WebSocket, room_id: int, user: int) -> None:
        seen.append((room_id, user, websocket.path_params))
        await websocket.accept()
        await websocket.send_json({"room": room_id, "user": user})
        await websocket.close()

    async with ws_session(app, "/rooms/7/users/42") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.send", "text": '{"room":7,"user":42}'}
    assert seen == [(7, 42, {"room_id": 7, "user": "42"})]


async def test_converter_mismatch_is_not_found(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/rooms/{room_id:int}")
    async def room(websocket: WebSocket, room_id: int) -> None:
        await websocket.accept()

    async with ws_session(app, "/rooms/abc") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1000, "reason": ""}


async def test_query_header_cookie_params(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/feed")
    async def feed(
        websocket: WebSocket,
        limit: int = 10,
        tags: Annotated[list[str] | None, Query()] = None,
        x_client: Annotated[str, Header()] = "none",
        session: Annotated[str | None, Cookie()] = None,
    ) -> None:
        await websocket.accept()
        await websocket.send_json({"limit": limit, "tags": tags, "client": x_client, "session": session})
        await websocket.close()

    headers = [(b"host", b"t"), (b"x-client", b"cli"), (b"cookie", b"session=abc")]
    async with ws_session(app, "/feed", query_string=b"limit=3&tags=a&tags=b", headers=headers) as s:
        await s.connect()
        sent = await s.receive()
    assert msgspec.json.decode(sent["text"]) == {"limit": 3, "tags": ["a", "b"], "client": "cli", "session": "abc"}


async def test_validation_failure_closes_with_1008_before_accept(ws_session: Any) -> None:
    app = Faster()
    called: list[bool] = []

    @app.websocket("/rooms/{room_id}")
    async def room(websocket: WebSocket, room_id: int, token: str) -> None:
        called.append(True)

    async with ws_session(app, "/rooms/abc") as s:
        close = await s.receive()
        assert await s.finished() is None
    assert called == []
    assert close["type"] == "websocket.close"
    assert close["code"] == 1008
    assert close["reason"].startswith("path.room_id: Input should be a valid integer")
    assert len(close["reason"].encode()) <= 123


async def test_validation_reason_lists_problems_within_a_frame(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(
        websocket: WebSocket, first_required_parameter: int, second_required_parameter: int, third: int
    ) -> None:
        await websocket.accept()

    async with ws_session(app, "/ws") as s:
        close = await s.receive()
    assert close["code"] == 1008
    assert close["reason"] == (
        "query.first_required_parameter: Field required; query.second_required_parameter: Field required; "
        "query.third: Field require"
    )


async def test_depends_with_yield_is_cleaned_up_when_the_socket_ends(ws_session: Any) -> None:
    app = Faster()
    events: list[str] = []

    async def get_db() -> AsyncIterator[str]:
        events.append("open")
        try:
            yield "db"
        finally:
            events.append("close")

    def get_sync_resource() -> Iterator[str]:
        events.append("sync-open")
        yield "res"
        events.append("sync-close")

    @app.websocket("/ws")
    async def endpoint(
        websocket: WebSocket,
        db: Annotated[str, Depends(get_db)],
        res: Annotated[str, Depends(get_sync_resource)],
    ) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            events.append(f"{db}/{res}:{text}")

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.send_text("hi")
        await s.disconnect()
        assert await s.finished() is None
        assert s.pending() == []
    assert events == ["open", "sync-open", "db/res:hi", "sync-close", "close"]


async def test_yield_dependency_sees_the_error_that_ended_the_session(ws_session: Any) -> None:
    app = Faster()
    seen: list[str] = []

    async def tracked() -> AsyncIterator[None]:
        try:
            yield
        except WebSocketDisconnect as exc:
            seen.append(f"disconnect {exc.code}")
            raise

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket, _: Annotated[None, Depends(tracked)]) -> None:
        await websocket.accept()
        await websocket.receive_text()

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.disconnect(1001)
        assert isinstance(await s.finished(), WebSocketDisconnect)
    assert seen == ["disconnect 1001"]


async def test_dependency_receives_the_websocket_and_is_cached(ws_session: Any) -> None:
    app = Faster()
    calls: list[str] = []

    async def current_user(websocket: WebSocket, token: Annotated[str, Query()]) -> str:
        calls.append(websocket.url.path)
        return token.upper()

    async def room_name(user: Annotated[str, Depends(current_user)]) -> str:
        return f"room-of-{user}"

    @app.websocket("/ws")
    async def endpoint(
        websocket: WebSocket,
        user: Annotated[str, Depends(current_user)],
        room: Annotated[str, Depends(room_name)],
    ) -> None:
        await websocket.accept()
        await websocket.send_text(f"{user} in {room}")
        await websocket.close()

    async with ws_session(app, "/ws", query_string=b"token=ann") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.send", "text": "ANN in room-of-ANN"}
    assert calls == ["/ws"]


async def test_security_dependency_with_scopes(ws_session: Any) -> None:
    app = Faster()

    async def authorize(scopes: SecurityScopes, websocket: WebSocket) -> str:
        if websocket.headers.get("authorization") != "Bearer good":
            raise WebSocketException(4401, "bad token")
        return scopes.scope_str

    @app.websocket("/secure")
    async def secure(websocket: WebSocket, granted: Annotated[str, Security(authorize, scopes=["chat"])]) -> None:
        await websocket.accept()
        await websocket.send_text(granted)
        await websocket.close()

    async with ws_session(app, "/secure", headers=[(b"authorization", b"Bearer good")]) as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.send", "text": "chat"}
    async with ws_session(app, "/secure", headers=[(b"authorization", b"Bearer bad")]) as s:
        assert await s.receive() == {"type": "websocket.close", "code": 4401, "reason": "bad token"}
        assert await s.finished() is None


async def test_websocket_exception_after_accept_closes_with_its_code(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        text = await websocket.receive_text()
        raise WebSocketException(4000, f"bad input {text}")

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.send_text("x")
        assert await s.receive() == {"type": "websocket.close", "code": 4000, "reason": "bad input x"}
        assert await s.finished() is None


async def test_http_exception_before_accept_becomes_a_denial_response(ws_session: Any) -> None:
    app = Faster()

    async def require_token(token: str | None = None) -> str:
        if token is None:
            raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
        return token

    @app.websocket("/ws", dependencies=[Depends(require_token)])
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close()

    async with ws_session(app, "/ws", extensions={"websocket.http.response": {}}) as s:
        start = await s.receive()
        body = await s.receive()
        assert await s.finished() is None
    assert start["status"] == 401
    assert (b"www-authenticate", b"Bearer") in start["headers"]
    assert body["body"] == b'{"detail":"Not authenticated"}'

    async with ws_session(app, "/ws") as s:  # a server without the extension
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": ""}

    async with ws_session(app, "/ws", query_string=b"token=t") as s:
        assert (await s.connect())["type"] == "websocket.accept"


async def test_http_exception_after_accept_closes_with_1008(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        raise HTTPException(403, "Forbidden room")

    async with ws_session(app, "/ws") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": "Forbidden room"}


async def test_unexpected_error_closes_1011_and_reaches_the_server_which_logs_it(
    ws_session: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        raise ValueError("boom")

    with caplog.at_level(logging.ERROR):
        async with ws_session(app, "/ws") as s:
            await s.connect()
            assert await s.receive() == {"type": "websocket.close", "code": 1011, "reason": ""}
            error = await s.finished()
    assert isinstance(error, ValueError)
    assert caplog.records == []  # not logged by the app as well: the server logs it once
    if sys.version_info >= (3, 11):  # named on the server's traceback
        assert getattr(error, "__notes__", None) == ["while serving WS /ws (endpoint())"]


async def test_unexpected_error_before_accept_sends_nothing(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        raise KeyError("missing")

    async with ws_session(app, "/ws") as s:
        error = await s.finished()
        assert s.pending() == []  # the server answers the handshake with 500
    assert isinstance(error, KeyError)


async def test_client_leaving_reaches_the_server_when_not_caught(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        while True:
            await websocket.receive_text()  # WebSocketDisconnect escapes the endpoint

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.disconnect(1001)
        error = await s.finished()
        assert isinstance(error, WebSocketDisconnect)  # as in FastAPI: the server sees it, nothing is sent
        assert error.code == 1001
        assert s.pending() == []


async def test_endpoint_returning_closes_the_connection(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/open")
    async def leaves_open(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("bye")

    @app.websocket("/never")
    async def never_accepts(websocket: WebSocket) -> None:
        return None

    async with ws_session(app, "/open") as s:
        await s.connect()
        assert (await s.receive())["text"] == "bye"
        assert await s.receive() == {"type": "websocket.close", "code": 1000, "reason": ""}
    async with ws_session(app, "/never") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1000, "reason": ""}


async def test_sync_endpoint_is_refused_a_clear_error_free_path(ws_session: Any) -> None:
    """Sync dependencies run in a worker thread; the async endpoint still owns the connection."""
    app = Faster()

    def settings() -> dict[str, int]:
        return {"limit": 2}

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket, cfg: Annotated[dict[str, int], Depends(settings)]) -> None:
        await websocket.accept()
        await websocket.send_json(cfg)
        await websocket.close()

    async with ws_session(app, "/ws") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.send", "text": '{"limit":2}'}


async def test_router_prefix_dependencies_and_url_path_for(ws_session: Any) -> None:
    app = Faster()
    router = FasterRouter()
    order: list[str] = []

    async def router_dep() -> None:
        order.append("router")

    async def include_dep() -> None:
        order.append("include")

    async def route_dep() -> None:
        order.append("route")

    inner = FasterRouter(dependencies=[Depends(router_dep)])

    @inner.websocket("/rooms/{room_id:int}", name="room", dependencies=[Depends(route_dep)])
    async def room(websocket: WebSocket, room_id: int) -> None:
        await websocket.accept()
        await websocket.send_text(f"room {room_id}")
        await websocket.close()

    router.include_router(inner, prefix="/chat/v1", dependencies=[Depends(include_dep)])
    app.include_router(router, prefix="/api")

    @inner.websocket("/late")
    async def late(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("late")
        await websocket.close()

    assert app.url_path_for("room", room_id=5) == "/api/chat/v1/rooms/5"
    async with ws_session(app, "/api/chat/v1/rooms/5") as s:
        await s.connect()
        assert (await s.receive())["text"] == "room 5"
    assert order == ["include", "router", "route"]
    async with ws_session(app, "/api/chat/v1/late") as s:
        await s.connect()
        assert (await s.receive())["text"] == "late"


async def test_url_for_from_inside_the_websocket(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/rooms/{name}", name="room")
    async def room(websocket: WebSocket, name: str) -> None:
        await websocket.accept()
        await websocket.send_text(str(websocket.url_for("room", name="other")))
        await websocket.close()

    async with ws_session(app, "/rooms/a") as s:
        await s.connect()
        assert (await s.receive())["text"] == "ws://testserver/rooms/other"


async def test_dependency_overrides_apply(ws_session: Any) -> None:
    app = Faster()

    async def real_user() -> str:
        return "real"

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket, user: Annotated[str, Depends(real_user)]) -> None:
        await websocket.accept()
        await websocket.send_text(user)
        await websocket.close()

    with app.dependency_overrides.override(real_user, lambda: "fake"):
        async with ws_session(app, "/ws") as s:
            await s.connect()
            assert (await s.receive())["text"] == "fake"
    async with ws_session(app, "/ws") as s:
        await s.connect()
        assert (await s.receive())["text"] == "real"


async def test_middleware_sees_websocket_scopes(ws_session: Any) -> None:
    app = Faster()
    seen: list[str] = []

    class AddHeaderOnAccept:
        def __init__(self, app: Any, value: str) -> None:
            self.app = app
            self.value = value

        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            seen.append(scope["type"])
            if scope["type"] != "websocket":
                await self.app(scope, receive, send)
                return

            async def wrapped(message: dict[str, Any]) -> None:
                if message["type"] == "websocket.accept":
                    message = {**message, "headers": [*message.get("headers", []), (b"x-mw", self.value.encode())]}
                await send(message)

            await self.app(scope, receive, wrapped)

    app.add_middleware(AddHeaderOnAccept, value="on")

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close()

    async with ws_session(app, "/ws") as s:
        accept = await s.connect()
    assert accept["headers"] == [(b"x-mw", b"on")]
    assert seen == ["websocket"]


async def test_max_message_size_route_option(ws_session: Any) -> None:
    app = Faster()
    got: list[str] = []

    @app.websocket("/ws", max_message_size=4)
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            got.append(text)

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.send_text("abcd")
        await s.send_text("abcde")
        close = await s.receive()
        assert await s.finished() is None
    assert got == ["abcd"]
    assert close["code"] == 1009


@pytest.mark.parametrize("bad", [0, -1, "big", True])
def test_max_message_size_must_be_positive(bad: Any) -> None:
    app = Faster()

    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()

    with pytest.raises(ValueError, match="max_message_size"):
        app.add_websocket_route("/ws", endpoint, max_message_size=bad)


async def test_path_marker_with_constraint(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/n/{n}")
    async def endpoint(websocket: WebSocket, n: Annotated[int, Path(ge=1)]) -> None:
        await websocket.accept()
        await websocket.close()

    async with ws_session(app, "/n/0") as s:
        close = await s.receive()
    assert close["code"] == 1008
    async with ws_session(app, "/n/3") as s:
        assert (await s.connect())["type"] == "websocket.accept"


class RoomFull(Exception):
    pass


class VipOnly(RoomFull):
    pass


async def test_app_exception_handlers_apply_to_websockets(ws_session: Any) -> None:
    app = Faster()
    handled: list[str] = []

    @app.exception_handler(RoomFull)
    async def room_full(websocket: Any, exc: RoomFull) -> None:
        handled.append(type(exc).__name__)
        await websocket.close(4429, "room is full")

    @app.exception_handler(418)
    def teapot(websocket: Any, exc: HTTPException) -> Any:
        handled.append("teapot")
        return PlainTextResponse("I am a teapot", status_code=418)

    @app.exception_handler(Exception)
    async def everything(websocket: Any, exc: Exception) -> None:
        handled.append("catch-all")  # not used for websockets, as in Starlette

    @app.websocket("/ws/{kind}")
    async def endpoint(websocket: WebSocket, kind: str) -> None:
        if kind == "teapot":
            raise HTTPException(418)
        await websocket.accept()
        await websocket.receive_text()
        if kind == "vip":
            raise VipOnly()
        if kind == "crash":
            raise LookupError("nope")
        raise KeyError("left open")

    async with ws_session(app, "/ws/vip") as s:
        await s.connect()
        await s.send_text("hi")
        assert await s.receive() == {"type": "websocket.close", "code": 4429, "reason": "room is full"}
        assert await s.finished() is None
    async with ws_session(app, "/ws/teapot", extensions={"websocket.http.response": {}}) as s:
        assert (await s.receive())["status"] == 418
        assert (await s.receive())["body"] == b"I am a teapot"
    async with ws_session(app, "/ws/crash") as s:
        await s.connect()
        await s.send_text("hi")
        assert (await s.receive())["code"] == 1011
        assert isinstance(await s.finished(), LookupError)
    assert handled == ["VipOnly", "teapot"]


async def test_handler_leaving_the_socket_open_closes_it_with_1011(ws_session: Any) -> None:
    app = Faster()

    @app.exception_handler(RoomFull)
    def log_only(websocket: Any, exc: RoomFull) -> None:
        return None

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        raise RoomFull()

    async with ws_session(app, "/ws") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.close", "code": 1011, "reason": ""}
        assert await s.finished() is None


def test_body_parameters_are_refused_at_registration() -> None:
    app = Faster()

    class Message(msgspec.Struct):
        text: str

    async def reads_body(payload: Message) -> str:
        return payload.text

    async def endpoint(websocket: WebSocket, text: Annotated[str, Depends(reads_body)]) -> None:
        await websocket.accept()

    with pytest.raises(FasterAPIError, match=r"reads_body takes body or form parameters \(payload\)"):
        app.add_websocket_route("/ws", endpoint)


async def test_security_classes_work_on_websockets(ws_session: Any) -> None:
    app = Faster()
    bearer = HTTPBearer()
    api_key = APIKeyQuery(name="key")

    @app.websocket("/bearer")
    async def with_bearer(
        websocket: WebSocket, credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]
    ) -> None:
        await websocket.accept()
        await websocket.send_text(f"{credentials.scheme} {credentials.credentials}")
        await websocket.close()

    @app.websocket("/key")
    async def with_key(websocket: WebSocket, key: Annotated[str, Security(api_key)]) -> None:
        await websocket.accept()
        await websocket.send_text(key)
        await websocket.close()

    async with ws_session(app, "/bearer", headers=[(b"authorization", b"Bearer tok")]) as s:
        await s.connect()
        assert (await s.receive())["text"] == "Bearer tok"
    async with ws_session(app, "/bearer", extensions={"websocket.http.response": {}}) as s:
        start = await s.receive()
        assert start["type"] == "websocket.http.response.start"
        assert start["status"] in (401, 403)
    async with ws_session(app, "/key", query_string=b"key=k1") as s:
        await s.connect()
        assert (await s.receive())["text"] == "k1"
    async with ws_session(app, "/key") as s:
        assert (await s.receive())["code"] == 1008  # no denial extension: close before accept (HTTP 403)


async def test_unreadable_client_data_closes_with_its_code_not_1011(ws_session: Any) -> None:
    app = Faster()

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        async for _ in websocket.iter_json():
            pass

    async with ws_session(app, "/ws") as s:
        await s.connect()
        await s.send_text("{oops")
        close = await s.receive()
        assert await s.finished() is None
    assert close["code"] == 1007
    assert close["reason"].startswith("invalid JSON")


async def test_websocket_close_app_lets_middleware_refuse(ws_session: Any) -> None:
    app = Faster()

    class RequireOrigin:
        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "websocket" and (b"origin", b"https://ok.example") not in scope["headers"]:
                await WebSocketClose(1008, "origin not allowed")(scope, receive, send)
                return
            await self.app(scope, receive, send)

    app.add_middleware(RequireOrigin)

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.close()

    async with ws_session(app, "/ws") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": "origin not allowed"}
    async with ws_session(app, "/ws", headers=[(b"origin", b"https://ok.example")]) as s:
        assert (await s.connect())["type"] == "websocket.accept"


async def test_nested_router_prefixes(ws_session: Any) -> None:
    app = Faster()
    outer = FasterRouter(prefix="/chat")
    inner = FasterRouter()

    @inner.websocket("/rooms/{room_id:int}", name="nested_room")
    async def room(websocket: WebSocket, room_id: int) -> None:
        await websocket.accept()
        await websocket.send_text(websocket.url.path)
        await websocket.close()

    outer.include_router(inner, prefix="/v1")
    app.include_router(outer, prefix="/api")
    assert app.url_path_for("nested_room", room_id=1) == "/api/chat/v1/rooms/1"
    async with ws_session(app, "/api/chat/v1/rooms/1") as s:
        await s.connect()
        assert (await s.receive())["text"] == "/api/chat/v1/rooms/1"


async def test_http_handler_after_accept_closes_with_1008(ws_session: Any) -> None:
    app = Faster()

    @app.exception_handler(HTTPException)
    async def http_handler(connection: Any, exc: HTTPException) -> Any:
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code)

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        raise HTTPException(403)

    async with ws_session(app, "/ws") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": ""}
        assert await s.finished() is None
