from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_response_model_filters_fields() -> None:
    response = client.post("/users/", json={"username": "ann", "password": "secret", "email": "ann@example.com"})
    assert response.status_code == 201
    assert response.json() == {"username": "ann", "email": "ann@example.com"}


def test_return_annotation_is_the_response_model() -> None:
    assert client.get("/users/bob").json() == {"username": "bob", "email": "bob@example.com"}
