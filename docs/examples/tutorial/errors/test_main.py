from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_http_exception() -> None:
    response = client.get("/items/bar")
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found"}
    assert response.headers["x-error"] == "missing"


def test_custom_exception_handler() -> None:
    response = client.get("/unicorns/yolo")
    assert response.status_code == 418
    assert response.json() == {"message": "Oops! yolo did something."}


def test_overridden_validation_handler() -> None:
    response = client.get("/numbers/abc")
    assert response.status_code == 400
    assert response.json() == {"errors": [["path", "number"]]}
