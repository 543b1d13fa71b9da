from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_login_then_call_a_protected_route() -> None:
    token = client.post("/token", data={"username": "alice", "password": "wonderland"}).json()["access_token"]
    response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"username": "alice", "full_name": "Alice Liddell"}


def test_missing_or_wrong_credentials() -> None:
    missing = client.get("/users/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert client.post("/token", data={"username": "alice", "password": "nope"}).status_code == 400
    assert client.get("/users/me", headers={"Authorization": "Bearer forged"}).status_code == 401
