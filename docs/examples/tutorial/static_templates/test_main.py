from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_static_files() -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert client.get("/static/missing.css").status_code == 404
    assert client.get("/static/../static_templates.py").status_code == 404


def test_template_with_url_for() -> None:
    page = client.get("/items/42")
    assert "<h1>Item 42</h1>" in page.text
    assert 'href="http://testserver/static/style.css"' in page.text
