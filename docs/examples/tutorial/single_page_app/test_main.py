from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_api_routes_come_first() -> None:
    assert client.get("/api/health").json() == {"status": "ok"}


def test_files_are_served_as_they_are() -> None:
    script = client.get("/assets/app.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")


def test_every_other_path_gets_the_app() -> None:
    for path in ("/", "/settings/profile", "/orders/42"):
        page = client.get(path)
        assert page.status_code == 200
        assert '<div id="app"></div>' in page.text


def test_other_methods_are_still_refused() -> None:
    assert client.post("/settings").status_code == 405
