from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_cors_preflight_and_simple_request() -> None:
    preflight = client.options(
        "/data",
        headers={"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example.com"
    denied = client.options(
        "/data", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert denied.status_code == 400
    simple = client.get("/data", headers={"Origin": "https://app.example.com"})
    assert simple.headers["access-control-allow-origin"] == "https://app.example.com"


def test_gzip_for_large_responses() -> None:
    response = client.get("/data", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json() == {"text": "x" * 1000}  # httpx decompresses
