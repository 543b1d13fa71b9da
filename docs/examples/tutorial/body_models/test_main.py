from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_valid_body_is_decoded_and_echoed() -> None:
    payload = {"name": "Widget", "price": 9.5, "images": [{"url": "https://x.test/a.png", "name": "a"}]}
    response = client.post("/items/", json=payload)
    assert response.status_code == 201
    assert response.json() == {**payload, "description": None, "tags": []}


def test_invalid_body_is_a_422_naming_the_field() -> None:
    response = client.post("/items/", json={"name": "Widget", "price": -1})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "price"]
    assert client.post("/items/", json={"price": 1}).json()["detail"][0]["loc"] == ["body", "name"]


def test_several_body_parameters_are_embedded() -> None:
    response = client.put("/items/3", json={"item": {"name": "A", "price": 1.0}, "importance": 5})
    assert response.json() == {
        "item_id": 3,
        "item": {"name": "A", "price": 1.0, "description": None, "tags": [], "images": []},
        "importance": 5,
    }
