from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_patch_changes_only_the_fields_sent() -> None:
    response = client.patch("/items/bar", json={"tax": 0, "description": None})
    assert response.json() == {"name": "Bar", "price": 62.0, "description": None, "tax": 0.0, "tags": []}
    assert client.patch("/items/bar", json={"tags": ["drinks"]}).json()["tags"] == ["drinks"]


def test_patch_still_validates_what_is_sent() -> None:
    response = client.patch("/items/foo", json={"price": "cheap"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "price"]


def test_put_replaces_the_whole_item() -> None:
    response = client.put("/items/foo", json={"name": "Foo", "price": 1})
    assert response.json() == {"name": "Foo", "price": 1.0, "description": None, "tax": 10.5, "tags": []}


def test_the_patch_model_is_documented() -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["ItemPatch"]
    assert set(schema["properties"]) == {"name", "price", "description", "tax", "tags"}
    assert "required" not in schema
