from FasterAPI.testclient import TestClient

from main import app, events

client = TestClient(app)


def test_function_and_class_dependencies() -> None:
    response = client.get("/items/?skip=5&limit=3&q=x&active=false")
    assert response.json() == {"page": {"skip": 5, "limit": 3}, "q": "x", "active": False}


def test_yield_dependency_closes_after_the_response() -> None:
    events.clear()
    response = client.get("/db", headers={"x-token": "secret"})
    assert response.json() == {"db": "connection", "events": ["open"]}
    assert events == ["open", "close"]


def test_route_dependency_can_reject_the_request() -> None:
    assert client.get("/db", headers={"x-token": "wrong"}).status_code == 401
    assert client.get("/db").status_code == 422  # the required header is missing
