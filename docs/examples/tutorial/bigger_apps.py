"""Tests for the bigger application in ``bigger_app/`` (shown on the "Bigger applications" page)."""

from tutorial.bigger_app.main import app

from FasterAPI.testclient import TestClient

client = TestClient(app)


def test_app_level_dependency_applies_everywhere() -> None:
    assert client.get("/users/?token=jessica").json() == [{"username": "Rick"}, {"username": "Morty"}]
    assert client.get("/users/").status_code == 422  # the query token is required
    assert client.get("/?token=nope").json() == {"detail": "No Jessica token provided"}


def test_router_prefix_tags_and_dependencies() -> None:
    headers = {"X-Token": "fake-super-secret-token"}
    assert client.get("/items/gun?token=jessica", headers=headers).json() == {"name": "Portal Gun", "item_id": "gun"}
    assert client.get("/items/gun?token=jessica").status_code == 422
    assert client.get("/items/nope?token=jessica", headers=headers).status_code == 404
