"""The ``WebSocket`` connection API, driven message by message as a server would."""

from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
import pytest

from fasterapi_core import JSONResponse, PlainTextResponse, RequestValidationError, WebSocketException
from fasterapi_core.datastructures import Address
from fasterapi_core.exception_handlers import websocket_request_validation_exception_handler
from fasterapi_core.requests import HTTPConnection
from fasterapi_ws import WebSocket, WebSocketDataError, WebSocketDisconnect, WebSocketState

Endpoint = Callable[[WebSocket], Awaitable[None]]


def bare_app(endpoint: Endpoint) -> Any:
    """An ASGI app that hands the connection straight to ``endpoint`` (no routing, no DI)."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await endpoint(WebSocket(scope, receive, send))

    return app


async def test_states_are_int_compatible_with_the_plain_constants() -> None:
    assert WebSocketState.CONNECTING == 0
    assert WebSocketState.CONNECTED == 1
    assert WebSocketState.DISCONNECTED == 2
    assert WebSocketState.RESPONSE == 3
    assert WebSocketState(1) is WebSocketState.CONNECTED


async def test_disconnect_exception_shape() -> None:
    exc = WebSocketDisconnect()
    assert (exc.code, exc.reason) == (1000, "")
    exc = WebSocketDisconnect(4001, "bye")
    assert (exc.code, exc.reason) == (4001, "bye")
    assert type(exc).__mro__[1] is Exception
    assert repr(exc) == "WebSocketDisconnect(code=4001, reason='bye')"


async def test_connection_shares_request_attributes(ws_session: Any) -> None:
    seen: dict[str, Any] = {}

    async def endpoint(ws: WebSocket) -> None:
        seen["is_connection"] = isinstance(ws, HTTPConnection)
        seen["url"] = str(ws.url)
        seen["header"] = ws.headers.get("X-Token")
        seen["query"] = ws.query_params.get("q")
        seen["cookies"] = ws.cookies
        seen["client"] = ws.client
        ws.state.visits = 1
        seen["state"] = ws.scope["state"]
        seen["scope_type"] = ws["type"]
        await ws.close()

    headers = [(b"host", b"example.org"), (b"x-token", b"abc"), (b"cookie", b"session=s1; theme=dark")]
    async with ws_session(bare_app(endpoint), "/chat", query_string=b"q=hi", headers=headers) as s:
        await s.send({"type": "websocket.connect"})
        assert (await s.receive())["type"] == "websocket.close"
        assert await s.finished() is None
    assert seen == {
        "is_connection": True,
        "url": "ws://example.org/chat?q=hi",
        "header": "abc",
        "query": "hi",
        "cookies": {"session": "s1", "theme": "dark"},
        "client": Address("127.0.0.1", 50000),
        "state": {"visits": 1},
        "scope_type": "websocket",
    }


async def test_accept_consumes_connect_and_sends_subprotocol_and_headers(ws_session: Any) -> None:
    states: list[tuple[WebSocketState, WebSocketState]] = []

    async def endpoint(ws: WebSocket) -> None:
        states.append((ws.client_state, ws.application_state))
        await ws.accept(subprotocol="chat.v2", headers={"X-Server": "fast"})
        states.append((ws.client_state, ws.application_state))
        text = await ws.receive_text()
        await ws.send_text(text.upper())
        await ws.close(4000, "done")
        states.append((ws.client_state, ws.application_state))

    async with ws_session(bare_app(endpoint), "/", subprotocols=["chat.v1", "chat.v2"]) as s:
        accept = await s.connect()
        assert accept == {"type": "websocket.accept", "subprotocol": "chat.v2", "headers": [(b"x-server", b"fast")]}
        await s.send_text("hello")
        assert await s.receive() == {"type": "websocket.send", "text": "HELLO"}
        assert await s.receive() == {"type": "websocket.close", "code": 4000, "reason": "done"}
        assert await s.finished() is None
    assert states == [
        (WebSocketState.CONNECTING, WebSocketState.CONNECTING),
        (WebSocketState.CONNECTED, WebSocketState.CONNECTED),
        (WebSocketState.CONNECTED, WebSocketState.DISCONNECTED),
    ]


async def test_accept_takes_header_pairs_as_bytes(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept(headers=[(b"x-a", b"1"), ("X-B", "2")])
        await ws.close()

    async with ws_session(bare_app(endpoint), "/") as s:
        accept = await s.connect()
        assert accept["headers"] == [(b"x-a", b"1"), (b"x-b", b"2")]
        assert accept["subprotocol"] is None


async def test_raw_receive_and_send(ws_session: Any) -> None:
    got: list[dict[str, Any]] = []

    async def endpoint(ws: WebSocket) -> None:
        got.append(await ws.receive())  # the connect message, read by hand
        await ws.send({"type": "websocket.accept"})
        got.append(await ws.receive())
        got.append(await ws.receive())
        assert ws.client_state is WebSocketState.DISCONNECTED

    async with ws_session(bare_app(endpoint), "/") as s:
        assert (await s.connect())["type"] == "websocket.accept"
        await s.send_bytes(b"\x00\x01")
        await s.disconnect(1001)
        assert await s.finished() is None
    assert got == [
        {"type": "websocket.connect"},
        {"type": "websocket.receive", "bytes": b"\x00\x01"},
        {"type": "websocket.disconnect", "code": 1001, "reason": ""},
    ]


async def test_bytes_and_json_in_both_modes(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        data = await ws.receive_bytes()
        await ws.send_bytes(data[::-1])
        doc = await ws.receive_json()
        await ws.send_json({"echo": doc})
        doc = await ws.receive_json(mode="binary")
        await ws.send_json({"echo": doc}, mode="binary")
        await ws.close()

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send_bytes(b"abc")
        assert await s.receive() == {"type": "websocket.send", "bytes": b"cba"}
        await s.send_text('{"n": [1, 2]}')
        assert await s.receive() == {"type": "websocket.send", "text": '{"echo":{"n":[1,2]}}'}
        await s.send_bytes('{"é": true}'.encode())
        assert await s.receive() == {"type": "websocket.send", "bytes": '{"echo":{"é":true}}'.encode()}
        assert (await s.receive())["type"] == "websocket.close"


async def test_send_json_encodes_msgspec_structs(ws_session: Any) -> None:
    class Point(msgspec.Struct):
        x: int
        y: int

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_json([Point(1, 2)])
        await ws.close()

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        assert await s.receive() == {"type": "websocket.send", "text": '[{"x":1,"y":2}]'}


@pytest.mark.parametrize("method", ["receive_text", "receive_bytes", "receive_json"])
async def test_every_receive_raises_disconnect_with_code_and_reason(ws_session: Any, method: str) -> None:
    caught: list[WebSocketDisconnect] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        try:
            await getattr(ws, method)()
        except WebSocketDisconnect as exc:
            caught.append(exc)
        assert ws.client_state is WebSocketState.DISCONNECTED

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.disconnect(4003, "gone")
        assert await s.finished() is None
    assert [(e.code, e.reason) for e in caught] == [(4003, "gone")]


async def test_disconnect_without_code_defaults_to_1000(ws_session: Any) -> None:
    caught: list[int] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        try:
            await ws.receive_text()
        except WebSocketDisconnect as exc:
            caught.append(exc.code)

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send({"type": "websocket.disconnect"})
        assert await s.finished() is None
    assert caught == [1000]


async def test_iterators_stop_at_disconnect(ws_session: Any) -> None:
    texts: list[str] = []
    blobs: list[bytes] = []
    docs: list[Any] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        async for text in ws.iter_text():
            texts.append(text)
            if text == "switch":
                break
        async for blob in ws.iter_bytes():
            blobs.append(blob)
            if blob == b"switch":
                break
        async for doc in ws.iter_json():
            docs.append(doc)

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        for text in ("a", "b", "switch"):
            await s.send_text(text)
        for blob in (b"1", b"switch"):
            await s.send_bytes(blob)
        await s.send_text("[1]")
        await s.send_text('{"k": null}')
        await s.disconnect()
        assert await s.finished() is None
    assert texts == ["a", "b", "switch"]
    assert blobs == [b"1", b"switch"]
    assert docs == [[1], {"k": None}]


async def test_iter_json_binary_mode(ws_session: Any) -> None:
    docs: list[Any] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        docs.extend([doc async for doc in ws.iter_json(mode="binary")])

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send_bytes(b'{"a": 1}')
        await s.disconnect()
        assert await s.finished() is None
    assert docs == [{"a": 1}]


async def run_expecting_error(ws_session: Any, endpoint: Endpoint, *, accept_first: bool = False) -> BaseException:
    async with ws_session(bare_app(endpoint), "/") as s:
        await s.send({"type": "websocket.connect"})
        if accept_first:
            assert (await s.receive())["type"] == "websocket.accept"
        error = await s.finished()
    assert error is not None
    return error


async def test_send_before_accept_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.send_text("too early")

    error = await run_expecting_error(ws_session, endpoint)
    assert isinstance(error, RuntimeError)
    assert "accept" in str(error)


async def test_receive_text_before_accept_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.receive_text()

    error = await run_expecting_error(ws_session, endpoint)
    assert isinstance(error, RuntimeError)
    assert "accept() first" in str(error)


async def test_accept_twice_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.accept()

    error = await run_expecting_error(ws_session, endpoint, accept_first=True)
    assert isinstance(error, RuntimeError)
    assert "only be called once" in str(error)


async def test_receive_after_close_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.close()
        await ws.receive_text()

    error = await run_expecting_error(ws_session, endpoint, accept_first=True)
    assert isinstance(error, RuntimeError)
    assert "already closed" in str(error)


async def test_send_after_close_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.close()
        await ws.send_text("late")

    error = await run_expecting_error(ws_session, endpoint, accept_first=True)
    assert isinstance(error, RuntimeError)
    assert "already closed" in str(error)


async def test_receive_after_client_disconnect_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        message = await ws.receive()
        assert message["type"] == "websocket.disconnect"
        await ws.receive()

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.disconnect()
        error = await s.finished()
    assert isinstance(error, RuntimeError)
    assert "already disconnected" in str(error)


async def test_send_after_client_disconnect_raises_disconnect(ws_session: Any) -> None:
    codes: list[int] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.receive()
        try:
            await ws.send_text("anyone?")
        except WebSocketDisconnect as exc:
            codes.append(exc.code)
        await ws.close()  # a no-op once the client is gone

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.disconnect()
        assert await s.finished() is None
        assert s.pending() == []
    assert codes == [1006]


async def test_server_send_failure_becomes_disconnect(ws_session: Any) -> None:
    codes: list[int] = []

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()

        async def broken_send(message: dict[str, Any]) -> None:
            raise ConnectionResetError("peer went away")

        ws._send = broken_send
        try:
            await ws.send_text("x")
        except WebSocketDisconnect as exc:
            codes.append(exc.code)
        assert ws.client_state is WebSocketState.DISCONNECTED
        await ws.close()  # nobody to tell: a no-op

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        assert await s.finished() is None
    assert codes == [1006]


async def test_accept_when_client_left_before_handshake(ws_session: Any) -> None:
    caught: list[int] = []

    async def endpoint(ws: WebSocket) -> None:
        try:
            await ws.accept()
        except WebSocketDisconnect as exc:
            caught.append(exc.code)

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.disconnect(1006)
        assert await s.finished() is None
        assert s.pending() == []
    assert caught == [1006]


@pytest.mark.parametrize(
    ("method", "message", "code"),
    [
        ("receive_text", {"bytes": b"binary"}, 1003),
        ("receive_bytes", {"text": "text"}, 1003),
        ("receive_json", {"text": "{not json"}, 1007),
    ],
)
async def test_unreadable_client_data(ws_session: Any, method: str, message: dict[str, Any], code: int) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await getattr(ws, method)()

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send({"type": "websocket.receive", **message})
        error = await s.finished()
    assert isinstance(error, WebSocketDataError)
    assert isinstance(error, ValueError)
    assert isinstance(error, WebSocketException)
    assert error.code == code


async def test_close_before_accept_denies_the_handshake(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.close(1008, "no")

    async with ws_session(bare_app(endpoint), "/") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": "no"}
        assert await s.finished() is None


async def test_close_reason_is_cut_to_fit_a_frame(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.close(4000, "é" * 100)

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        message = await s.receive()
    assert message["reason"] == "é" * 61
    assert len(message["reason"].encode()) <= 123


async def test_core_validation_handler_leaves_the_cut_to_close(ws_session: Any) -> None:
    """``websocket_request_validation_exception_handler`` sends the errors as JSON; ``close`` cuts them to a frame."""
    errors = [{"type": "missing", "loc": ("query", f"field_{i}"), "msg": "Field required"} for i in range(5)]

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await websocket_request_validation_exception_handler(ws, RequestValidationError(errors))

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        message = await s.receive()
    full = msgspec.json.encode(errors).decode()
    assert message["code"] == 1008
    assert message["reason"] == full.encode()[:123].decode()


async def test_denial_response_when_the_server_supports_it(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.send_denial_response(JSONResponse({"detail": "no token"}, status_code=401))
        assert ws.application_state is WebSocketState.DISCONNECTED

    extensions = {"websocket.http.response": {}}
    async with ws_session(bare_app(endpoint), "/", extensions=extensions) as s:
        start = await s.receive()
        body = await s.receive()
        assert await s.finished() is None
    assert start["type"] == "websocket.http.response.start"
    assert start["status"] == 401
    assert (b"content-type", b"application/json") in start["headers"]
    assert body == {"type": "websocket.http.response.body", "body": b'{"detail":"no token"}'}


async def test_denial_response_falls_back_to_close_1008(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.send_denial_response(PlainTextResponse("nope", status_code=403))

    async with ws_session(bare_app(endpoint), "/") as s:
        assert await s.receive() == {"type": "websocket.close", "code": 1008, "reason": ""}
        assert await s.finished() is None


async def test_denial_response_after_accept_is_refused(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_denial_response(PlainTextResponse("late"))

    error = await run_expecting_error(ws_session, endpoint, accept_first=True)
    assert isinstance(error, RuntimeError)
    assert "before accept()" in str(error)


async def test_max_message_size_closes_with_1009(ws_session: Any) -> None:
    received: list[str] = []
    caught: list[int] = []

    async def endpoint(ws: WebSocket) -> None:
        ws.max_message_size = 8
        await ws.accept()
        try:
            while True:
                received.append(await ws.receive_text())
        except WebSocketDisconnect as exc:
            caught.append(exc.code)
        finally:
            await ws.close()  # already closed with 1009: a no-op

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send_text("12345678")
        await s.send_text("ééééé")  # 5 characters but 10 bytes
        close = await s.receive()
        assert await s.finished() is None
        assert s.pending() == []
    assert received == ["12345678"]
    assert caught == [1009]
    assert close["code"] == 1009
    assert "10 bytes" in close["reason"]


async def test_max_message_size_counts_binary_bytes(ws_session: Any) -> None:
    async def endpoint(ws: WebSocket) -> None:
        ws.max_message_size = 4
        await ws.accept()
        async for _ in ws.iter_bytes():
            pass

    async with ws_session(bare_app(endpoint), "/") as s:
        await s.connect()
        await s.send_bytes(b"12345")
        assert (await s.receive())["code"] == 1009
        assert await s.finished() is None


async def test_non_websocket_scope_is_rejected() -> None:
    with pytest.raises(ValueError, match="websocket"):
        WebSocket({"type": "http"}, None, None)
