# test_main.py
from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_read_item():
    response = client.get("/items/foo", headers={"X-Token": "coneofsilence"})
    assert response.status_code == 200
    assert response.json() == {"id": "foo", "title": "Foo", "description": "There goes my hero"}


def test_read_item_bad_token():
    response = client.get("/items/foo", headers={"X-Token": "hailhydra"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid X-Token header"}


def test_create_item():
    response = client.post(
        "/items/",
        headers={"X-Token": "coneofsilence"},
        json={"id": "foobar", "title": "Foo Bar", "description": "The Foo Barters"},
    )
    assert response.status_code == 201
    assert response.json() == {"id": "foobar", "title": "Foo Bar", "description": "The Foo Barters"}


def test_create_item_invalid_body():
    response = client.post("/items/", headers={"X-Token": "coneofsilence"}, json={"title": "no id"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "id"]
