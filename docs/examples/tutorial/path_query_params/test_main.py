from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_path_parameters_are_converted() -> None:
    assert client.get("/users/42").json() == {"user_id": 42}
    assert client.get("/users/me").json() == {"user_id": "the current user"}
    assert client.get("/models/resnet").json() == {"model": "resnet"}
    assert client.get("/files/home/me/notes.txt").json() == {"file_path": "home/me/notes.txt"}
    assert client.get("/models/vgg").status_code == 422


def test_query_parameters_defaults_lists_and_constraints() -> None:
    assert client.get("/items/").json() == {"skip": 0, "limit": 10, "tags": [], "q": None}
    got = client.get("/items/", params={"skip": 5, "limit": 3, "tags": ["a", "b"], "q": "abc"})
    assert got.json() == {"skip": 5, "limit": 3, "tags": ["a", "b"], "q": "abc"}
    too_big = client.get("/items/?limit=1000")
    assert too_big.status_code == 422
    assert too_big.json()["detail"][0]["loc"] == ["query", "limit"]
    assert client.get("/orders/0").status_code == 422
    assert client.get("/orders/7?verbose=yes").json() == {"order_id": 7, "verbose": True}
