from FasterAPI.testclient import TestClient

from main import app


def test_middleware_adds_headers() -> None:
    response = TestClient(app).get("/", headers={"X-Request-ID": "abc123"})
    assert response.json() == {"request_id": "abc123"}
    assert response.headers["x-request-id"] == "abc123"
    assert float(response.headers["x-process-time"]) >= 0
