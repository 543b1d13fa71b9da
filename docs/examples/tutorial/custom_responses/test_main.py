from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_html_text_and_redirect() -> None:
    assert client.get("/hello").headers["content-type"] == "text/html; charset=utf-8"
    assert client.get("/robots.txt").text.startswith("User-agent")
    redirect = client.get("/old-path", follow_redirects=False)
    assert (redirect.status_code, redirect.headers["location"]) == (308, "/hello")


def test_streaming_and_server_sent_events() -> None:
    assert client.get("/numbers").text == "0\n1\n2\n"
    body = client.get("/events").text
    assert body == 'id: 0\nevent: tick\ndata: {"tick":0}\n\nid: 1\nevent: tick\ndata: {"tick":1}\n\n'


def test_file_and_cookies() -> None:
    download = client.get("/report")
    assert download.text == "id,total\n1,9.99\n"
    assert download.headers["content-disposition"] == 'attachment; filename="report.csv"'
    login = client.post("/login")
    assert login.json() == {"ok": True}
    assert login.cookies["session"] == "abc123"
    assert login.headers["x-logged-in"] == "yes"
