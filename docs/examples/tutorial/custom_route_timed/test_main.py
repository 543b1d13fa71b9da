from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_routes_of_the_app_are_not_timed() -> None:
    response = client.get("/")
    assert response.json() == {"message": "Not timed"}
    assert "X-Response-Time" not in response.headers


def test_routes_of_the_timed_router_are() -> None:
    response = client.get("/timed")
    assert response.json() == {"message": "Timed"}
    assert float(response.headers["X-Response-Time"]) >= 0
