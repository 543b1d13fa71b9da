from FasterAPI.testclient import TestClient

from main import app


def test_echo() -> None:
    client = TestClient(app)
    with client.websocket_connect("/ws") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "Echo: hello"


def test_chat_room_broadcasts() -> None:
    client = TestClient(app)
    with client.websocket_connect("/chat/lobby?name=ann") as ann:
        assert ann.receive_text() == "ann joined lobby"
        with client.websocket_connect("/chat/lobby?name=bob") as bob:
            assert ann.receive_text() == "bob joined lobby"
            assert bob.receive_text() == "bob joined lobby"
            bob.send_json({"text": "hi"})
            assert ann.receive_text() == "bob: hi"
            assert bob.receive_text() == "bob: hi"
        assert ann.receive_text() == "bob left"
