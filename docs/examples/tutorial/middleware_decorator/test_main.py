from FasterAPI.testclient import TestClient

from main import app


def test_http_middleware_decorator() -> None:
    client = TestClient(app)
    ok = client.get("/", headers={"x-api-version": "2"})
    assert (ok.json(), ok.headers["x-api-version"]) == ({"hello": "world"}, "2")
    assert client.get("/", headers={"x-api-version": "9"}).status_code == 400
