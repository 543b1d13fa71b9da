from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_api_key_header() -> None:
    assert client.get("/reports", headers={"X-API-Key": "let-me-in"}).json() == {"reports": "all of them"}
    assert client.get("/reports", headers={"X-API-Key": "guess"}).status_code == 403
    missing = client.get("/reports")
    assert (missing.status_code, missing.json()) == (401, {"detail": "Not authenticated"})


def test_http_basic() -> None:
    assert client.get("/admin", auth=("root", "pw")).json() == {"username": "root"}
    assert client.get("/admin").status_code == 401
