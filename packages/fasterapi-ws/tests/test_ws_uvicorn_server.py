"""Websocket routes over a real uvicorn server on 127.0.0.1, spoken to by the ``websockets`` client."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import anyio
import msgspec
import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from fasterapi_core import Depends, Faster, HTTPException, WebSocketException
from fasterapi_ws import WebSocket, WebSocketDisconnect

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

TIMEOUT = 10.0
CLIENTS = 50

cleanup: list[str] = []
client_close_codes: list[int] = []


def build_app() -> Faster:
    app = Faster()
    members: dict[int, WebSocket] = {}

    @app.websocket("/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    client_close_codes.append(message.get("code", 1000))
                    return
                if message.get("text") is not None:
                    await websocket.send_text("echo: " + message["text"])
                else:
                    await websocket.send_bytes(bytes(message["bytes"])[::-1])
        except WebSocketDisconnect as exc:
            client_close_codes.append(exc.code)

    @app.websocket("/json/{scale:int}")
    async def json_endpoint(websocket: WebSocket, scale: int) -> None:
        await websocket.accept()
        async for doc in websocket.iter_json():
            await websocket.send_json({"value": doc["value"] * scale})

    @app.websocket("/proto")
    async def proto(websocket: WebSocket) -> None:
        offered = websocket.scope.get("subprotocols") or []
        chosen = "chat.v2" if "chat.v2" in offered else None
        await websocket.accept(subprotocol=chosen, headers={"X-Room": "lobby"})
        await websocket.send_text(f"protocol={chosen}")
        await websocket.receive_text()

    @app.websocket("/close/{code:int}")
    async def close_with(websocket: WebSocket, code: int) -> None:
        await websocket.accept()
        await websocket.receive_text()
        await websocket.close(code, "server says bye")

    @app.websocket("/raise/{kind}")
    async def raise_kind(websocket: WebSocket, kind: str) -> None:
        await websocket.accept()
        await websocket.receive_text()
        if kind == "ws":
            raise WebSocketException(4008, "policy")
        raise RuntimeError("boom")

    async def require_token(token: str | None = None) -> str:
        if token != "secret":
            raise HTTPException(401, "Not authenticated")
        return token

    async def tracked() -> AsyncIterator[None]:
        try:
            yield
        finally:
            cleanup.append("closed")

    @app.websocket("/private", dependencies=[Depends(require_token), Depends(tracked)])
    async def private(websocket: WebSocket, count: int = 1) -> None:
        await websocket.accept()
        for i in range(count):
            await websocket.send_text(f"secret {i}")
        await websocket.receive_text()

    @app.websocket("/limited", max_message_size=16)
    async def limited(websocket: WebSocket) -> None:
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text)

    @app.websocket("/room")
    async def room(websocket: WebSocket, member: int) -> None:
        await websocket.accept()
        members[member] = websocket
        await websocket.send_text("joined")
        try:
            async for text in websocket.iter_text():
                for other in list(members.values()):
                    with suppress(WebSocketDisconnect):
                        await other.send_text(text)
        finally:
            members.pop(member, None)

    return app


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port; stopped (and waited for) on exit."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="critical")
    server = uvicorn.Server(config)
    stopped = anyio.Event()

    async def serve() -> None:
        try:
            await server.serve()
        finally:
            stopped.set()

    async with anyio.create_task_group() as tg:
        tg.start_soon(serve)
        with anyio.fail_after(TIMEOUT):
            while not server.started:
                await anyio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"ws://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            with anyio.fail_after(TIMEOUT):
                await stopped.wait()


async def recv(ws: ClientConnection) -> Any:
    with anyio.fail_after(TIMEOUT):
        return await ws.recv()


async def closed_code(ws: ClientConnection) -> int | None:
    """The close code the server sent, once the connection is over."""
    with anyio.fail_after(TIMEOUT):
        await ws.wait_closed()
    return ws.close_code


async def test_echo_text_and_binary() -> None:
    client_close_codes.clear()
    async with serving(build_app()) as base_url:
        async with connect(base_url + "/echo", open_timeout=TIMEOUT) as ws:
            await ws.send("hello")
            assert await recv(ws) == "echo: hello"
            await ws.send(b"\x01\x02\x03")
            assert await recv(ws) == b"\x03\x02\x01"
            await ws.close(4001, "client done")
        with anyio.fail_after(TIMEOUT):
            while not client_close_codes:
                await anyio.sleep(0.01)
    assert client_close_codes == [4001]


async def test_json_with_path_converter() -> None:
    async with serving(build_app()) as base_url, connect(base_url + "/json/3", open_timeout=TIMEOUT) as ws:
        await ws.send(msgspec.json.encode({"value": 14}))  # a binary frame: receive_json() falls back to it
        assert msgspec.json.decode(await recv(ws)) == {"value": 42}
        await ws.send('{"value": -1}')
        assert msgspec.json.decode(await recv(ws)) == {"value": -3}


async def test_subprotocol_and_accept_headers() -> None:
    async with serving(build_app()) as base_url:
        offered: Any = ["chat.v1", "chat.v2"]
        async with connect(base_url + "/proto", subprotocols=offered, open_timeout=TIMEOUT) as ws:
            assert ws.subprotocol == "chat.v2"
            assert ws.response is not None
            assert ws.response.headers["x-room"] == "lobby"
            assert await recv(ws) == "protocol=chat.v2"
        async with connect(base_url + "/proto", open_timeout=TIMEOUT) as ws:
            assert ws.subprotocol is None
            assert await recv(ws) == "protocol=None"


async def test_server_close_code_and_reason() -> None:
    async with serving(build_app()) as base_url, connect(base_url + "/close/4321", open_timeout=TIMEOUT) as ws:
        await ws.send("go")
        assert await closed_code(ws) == 4321
        assert ws.close_reason == "server says bye"


async def test_websocket_exception_and_unexpected_error_codes() -> None:
    async with serving(build_app()) as base_url:
        async with connect(base_url + "/raise/ws", open_timeout=TIMEOUT) as ws:
            await ws.send("go")
            assert await closed_code(ws) == 4008
            assert ws.close_reason == "policy"
        async with connect(base_url + "/raise/crash", open_timeout=TIMEOUT) as ws:
            await ws.send("go")
            assert await closed_code(ws) == 1011


async def test_refused_handshakes() -> None:
    async with serving(build_app()) as base_url:
        for path in ("/nowhere", "/json/not-a-number", "/room"):  # no route, converter mismatch, missing param
            with pytest.raises(InvalidStatus) as info:
                async with connect(base_url + path, open_timeout=TIMEOUT):
                    pass
            assert info.value.response.status_code == 403, path


async def test_http_exception_is_a_denial_response_and_yield_deps_close() -> None:
    async with serving(build_app()) as base_url:
        with pytest.raises(InvalidStatus) as info:
            async with connect(base_url + "/private", open_timeout=TIMEOUT):
                pass
        assert info.value.response.status_code == 401
        assert info.value.response.body == b'{"detail":"Not authenticated"}'
        cleanup.clear()
        async with connect(base_url + "/private?token=secret&count=2", open_timeout=TIMEOUT) as ws:
            assert [await recv(ws), await recv(ws)] == ["secret 0", "secret 1"]
            assert cleanup == []
        with anyio.fail_after(TIMEOUT):
            while not cleanup:
                await anyio.sleep(0.01)
    assert cleanup == ["closed"]


async def test_max_message_size_closes_with_1009() -> None:
    async with serving(build_app()) as base_url, connect(base_url + "/limited", open_timeout=TIMEOUT) as ws:
        await ws.send("small")
        assert await recv(ws) == "small"
        await ws.send("x" * 17)
        assert await closed_code(ws) == 1009
        with pytest.raises(ConnectionClosed):
            await recv(ws)


async def test_fifty_clients_broadcast_without_loss() -> None:
    async with serving(build_app()) as base_url:
        clients: list[ClientConnection] = []
        try:
            for member in range(CLIENTS):
                ws = await connect(f"{base_url}/room?member={member}", open_timeout=TIMEOUT)
                clients.append(ws)
                assert await recv(ws) == "joined"
            received: dict[int, list[str]] = {member: [] for member in range(CLIENTS)}

            async def read_all(member: int, ws: ClientConnection) -> None:
                while len(received[member]) < CLIENTS:
                    received[member].append(await recv(ws))

            async with anyio.create_task_group() as tg:
                for member, ws in enumerate(clients):
                    tg.start_soon(read_all, member, ws)
                for member, ws in enumerate(clients):
                    tg.start_soon(ws.send, f"from {member}")
            expected = sorted(f"from {member}" for member in range(CLIENTS))
            assert all(sorted(seen) == expected for seen in received.values())
        finally:
            with anyio.fail_after(TIMEOUT):
                for ws in clients:
                    await ws.close()
