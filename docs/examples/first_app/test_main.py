from FasterAPI.testclient import TestClient

from main import app


def test_first_app() -> None:
    client = TestClient(app)
    assert client.get("/").json() == {"message": "Hello, World"}
    assert client.get("/items/5?q=somequery").json() == {"item_id": 5, "q": "somequery"}
    response = client.get("/items/five")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]
