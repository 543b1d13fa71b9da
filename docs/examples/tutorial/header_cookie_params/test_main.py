from FasterAPI.testclient import TestClient

from main import app


def test_headers_and_cookies() -> None:
    client = TestClient(app, cookies={"session": "abc"})
    response = client.get("/whoami", headers=[("user-agent", "docs"), ("x-token", "a"), ("x-token", "b")])
    assert response.json() == {"user_agent": "docs", "x_token": ["a", "b"], "session": "abc"}
