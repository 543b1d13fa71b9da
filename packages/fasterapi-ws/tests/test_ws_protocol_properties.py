"""Whatever an endpoint calls, in whatever order, the server only ever sees a valid ASGI websocket exchange.

Hypothesis draws a script of connection calls (including wrong ones: send before accept, accept
twice, receive after close, ...) and what the client sends (ending with a disconnect or not). A fake
server checks every message the app sends against the ASGI websocket protocol, and fails sends after
the client left the way uvicorn does (an ``OSError``).
"""

from typing import Any

import anyio
import pytest
from hypothesis import given, settings, strategies as st

from fasterapi_core import Faster, PlainTextResponse
from fasterapi_ws import WebSocket, WebSocketDataError, WebSocketDisconnect

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

OPERATIONS = [
    "accept",
    "send_text",
    "send_bytes",
    "send_json",
    "receive",
    "receive_text",
    "receive_bytes",
    "receive_json",
    "close",
    "deny",
]
EXPECTED_ERRORS = (RuntimeError, WebSocketDisconnect, WebSocketDataError)


class FakeServer:
    """Feeds ``incoming`` to the app and records protocol violations in what it sends back."""

    def __init__(self, incoming: list[dict[str, Any]]) -> None:
        self.incoming = list(incoming)
        self.stage = "handshake"  # -> open | response | closed
        self.client_gone = False
        self.violations: list[str] = []
        self.sent: list[str] = []

    async def receive(self) -> dict[str, Any]:
        await anyio.sleep(0)
        message = self.incoming.pop(0) if self.incoming else {"type": "websocket.disconnect", "code": 1006}
        if message["type"] == "websocket.disconnect":
            self.client_gone = True
        return message

    async def send(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        self.sent.append(kind)
        if self.client_gone and self.stage == "open":
            raise OSError("client disconnected")
        allowed = {
            "handshake": {"websocket.accept", "websocket.close", "websocket.http.response.start"},
            "open": {"websocket.send", "websocket.close"},
            "response": {"websocket.http.response.body"},
            "closed": set(),
        }[self.stage]
        if kind not in allowed:
            self.violations.append(f"{kind} while {self.stage}")
            return
        if kind == "websocket.accept":
            self.stage = "open"
        elif kind == "websocket.close":
            self.stage = "closed"
        elif kind == "websocket.http.response.start":
            self.stage = "response"
        elif kind == "websocket.http.response.body" and not message.get("more_body"):
            self.stage = "closed"
        elif kind == "websocket.send" and (message.get("text") is None) == (message.get("bytes") is None):
            self.violations.append("websocket.send needs exactly one of text and bytes")


async def perform(websocket: WebSocket, operation: str) -> None:
    if operation == "accept":
        await websocket.accept()
    elif operation == "send_text":
        await websocket.send_text("t")
    elif operation == "send_bytes":
        await websocket.send_bytes(b"b")
    elif operation == "send_json":
        await websocket.send_json({"j": 1})
    elif operation == "close":
        await websocket.close(4000)
    elif operation == "deny":
        await websocket.send_denial_response(PlainTextResponse("no", status_code=403))
    else:
        await getattr(websocket, operation)()


client_messages = st.lists(
    st.sampled_from(
        [
            {"type": "websocket.receive", "text": '{"a": 1}'},
            {"type": "websocket.receive", "text": "not json"},
            {"type": "websocket.receive", "bytes": b"\x00"},
        ]
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(
    script=st.lists(st.sampled_from(OPERATIONS), max_size=8),
    messages=client_messages,
    client_leaves=st.booleans(),
)
def test_any_call_order_yields_a_valid_exchange(script: list[str], messages: list[Any], client_leaves: bool) -> None:
    app = Faster()
    unexpected: list[BaseException] = []

    @app.websocket("/ws")
    async def endpoint(websocket: WebSocket) -> None:
        for operation in script:
            try:
                await perform(websocket, operation)
            except EXPECTED_ERRORS:
                pass
            except Exception as exc:  # pragma: no cover - reported by the assertion below
                unexpected.append(exc)

    incoming = [{"type": "websocket.connect"}, *messages]
    if client_leaves:
        incoming.append({"type": "websocket.disconnect", "code": 1001})
    server = FakeServer(incoming)
    scope = {
        "type": "websocket",
        "path": "/ws",
        "headers": [],
        "query_string": b"",
        "root_path": "",
        "extensions": {"websocket.http.response": {}},
    }

    async def run() -> None:
        with anyio.fail_after(5):
            await app(scope, server.receive, server.send)

    anyio.run(run)
    assert unexpected == []
    assert server.violations == [], server.sent
    # The route always ends the handshake: accepted-and-closed, refused, or the client left.
    assert server.stage == "closed" or server.client_gone, server.sent
