# test_main.py
from FasterAPI.testclient import TestClient

from main import app, common_parameters, current_user

client = TestClient(app)


async def override_dependency(q: str | None = None) -> dict[str, object]:
    return {"q": q, "skip": 5, "limit": 10}


def test_override_in_items():
    app.dependency_overrides[common_parameters] = override_dependency
    try:
        response = client.get("/items/?q=foo&skip=100&limit=200")
        assert response.json() == {"message": "Hello Items!", "params": {"q": "foo", "skip": 5, "limit": 10}}
    finally:
        app.dependency_overrides.clear()


def test_without_override_the_real_dependency_runs():
    response = client.get("/items/?skip=100")
    assert response.json()["params"] == {"q": None, "skip": 100, "limit": 100}


def test_unauthenticated_without_override():
    assert client.get("/me").status_code == 401


def test_override_authentication_for_one_block():
    with app.dependency_overrides.override(current_user, lambda: "test-user"):
        assert client.get("/me").json() == {"user": "test-user"}
    assert client.get("/me").status_code == 401
