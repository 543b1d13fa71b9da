"""The apps in ``examples/`` work as their docstrings say."""

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from FasterAPI.testclient import TestClient, WebSocketDisconnect

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"meta_example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def crud() -> Iterator[ModuleType]:
    module = _load("crud")
    yield module
    sys.modules.pop("meta_example_crud", None)


@pytest.fixture
def chat() -> ModuleType:
    return _load("chat")


@pytest.fixture
def auth() -> ModuleType:
    return _load("auth")


def test_hello() -> None:
    client = TestClient(_load("hello").app)
    assert client.get("/").json() == {"message": "Hello, World"}
    assert client.get("/items/3?q=x").json() == {"item_id": 3, "q": "x"}


def test_crud_create_read_update_delete(crud: ModuleType) -> None:
    client = TestClient(crud.app)
    created = client.post("/notes", json={"title": "first", "body": "hello"})
    assert created.status_code == 201
    assert created.json() == {"id": 1, "title": "first", "body": "hello"}
    client.post("/notes", json={"title": "second"})
    assert [n["id"] for n in client.get("/notes").json()] == [1, 2]
    assert client.get("/notes?limit=1&offset=1").json() == [{"id": 2, "title": "second", "body": ""}]
    assert client.put("/notes/1", json={"title": "changed"}).json() == {"id": 1, "title": "changed", "body": ""}
    deleted = client.delete("/notes/1")
    assert deleted.status_code == 204 and deleted.content == b""
    missing = client.get("/notes/1")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "note 1 not found"}


def test_crud_transactions_commit_on_success_and_roll_back_on_error(crud: ModuleType) -> None:
    client = TestClient(crud.app)
    client.post("/notes", json={"title": "kept"})
    assert crud.database.log == ["commit"]
    assert client.put("/notes/99", json={"title": "x"}).status_code == 404
    assert crud.database.log == ["commit", "rollback"]
    assert list(crud.database.rows) == [1]


def test_crud_validation(crud: ModuleType) -> None:
    client = TestClient(crud.app)
    empty_title = client.post("/notes", json={"title": ""})
    assert empty_title.status_code == 422
    assert empty_title.json()["detail"][0]["loc"] == ["body", "title"]
    assert client.get("/notes?limit=0").status_code == 422
    assert client.get("/notes/abc").status_code == 422


def test_chat_room_broadcasts_and_leaves(chat: ModuleType) -> None:
    client = TestClient(chat.app)
    assert "<title>Chat</title>" in client.get("/").text
    with client.websocket_connect("/ws/lobby?user=ann") as ann:
        assert ann.receive_json() == {"room": "lobby", "user": "system", "text": "ann joined"}
        with client.websocket_connect("/ws/lobby?user=bob") as bob:
            assert ann.receive_json()["text"] == "bob joined"
            assert bob.receive_json()["text"] == "bob joined"
            assert client.get("/rooms").json() == {"lobby": 2}
            bob.send_json({"text": "  hi  "})
            bob.send_json({"text": ""})  # ignored
            bob.send_json(["not", "an", "object"])  # ignored
            assert ann.receive_json() == {"room": "lobby", "user": "bob", "text": "hi"}
            assert bob.receive_json()["text"] == "hi"
        assert ann.receive_json() == {"room": "lobby", "user": "system", "text": "bob left"}
    assert client.get("/rooms").json() == {}


def test_chat_requires_a_user_name(chat: ModuleType) -> None:
    client = TestClient(chat.app)
    with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/ws/lobby"):
        pass
    assert refused.value.code == 1008


def _token(client: TestClient, username: str, password: str, scope: str = "") -> str:
    response = client.post("/token", data={"username": username, "password": password, "scope": scope})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_auth_login_and_scopes(auth: ModuleType) -> None:
    client = TestClient(auth.app)
    alice = {"Authorization": f"Bearer {_token(client, 'alice', 'wonderland')}"}
    bob = {"Authorization": f"Bearer {_token(client, 'bob', 'builder')}"}
    assert client.get("/me", headers=alice).json() == {"username": "alice", "scopes": ["items:read", "items:write"]}
    assert client.get("/items", headers=bob).json() == ["hammer"]
    forbidden = client.post("/items?name=saw", headers=bob)
    assert forbidden.status_code == 403
    assert forbidden.headers["www-authenticate"] == 'Bearer scope="items:write"'
    assert client.post("/items?name=saw", headers=alice).json() == ["hammer", "saw"]


def test_auth_narrowed_token_and_bad_credentials(auth: ModuleType) -> None:
    client = TestClient(auth.app)
    read_only = {"Authorization": f"Bearer {_token(client, 'alice', 'wonderland', 'items:read')}"}
    assert client.post("/items?name=x", headers=read_only).status_code == 403
    assert client.post("/token", data={"username": "alice", "password": "nope"}).status_code == 401
    assert client.post("/token", data={"username": "nobody", "password": "x"}).status_code == 401
    assert client.get("/me").status_code == 401
    assert client.get("/me", headers={"Authorization": "Bearer forged"}).status_code == 401
