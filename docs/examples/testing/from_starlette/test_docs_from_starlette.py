# test_main.py
import pytest

import FasterAPI
from FasterAPI.testclient import TestClient

from main import app


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_template_context(backend):
    with TestClient(app, backend=backend) as client:
        response = client.get("/")
    assert response.template.name == "home.html"
    assert response.context["title"] == "Welcome"


def test_websocket_handshake_like_a_request():
    client = TestClient(app)
    with client.websocket_connect("/ws", params={"name": "Ada"}, headers={"X-Token": "t0k"}) as websocket:
        assert websocket.receive_text() == "hello Ada, token t0k"
        with pytest.raises(FasterAPI.WebSocketDisconnect) as closed:
            websocket.receive_text()
    assert (closed.value.code, closed.value.reason) == (4000, "bye")


def test_one_loop_without_with():
    client = TestClient(app)  # no lifespan, but the same event loop for every request
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    client.close()  # stops the client's event loop
