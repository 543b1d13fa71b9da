"""The sync TestClient over plain HTTP against a raw ASGI app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from fasterapi_testclient import TestClient


def test_scope_is_a_complete_asgi3_http_scope(raw_app: Any, backend: str) -> None:
    client = TestClient(raw_app, backend=backend)
    data = client.get("/caf%C3%A9/a%20b?q=1&x=%20").json()
    assert data["type"] == "http"
    assert data["asgi"]["version"] == "3.0"
    assert data["http_version"] == "1.1"
    assert data["method"] == "GET"
    assert data["scheme"] == "http"
    assert data["path"] == "/café/a b"
    assert data["raw_path"] == "/caf%C3%A9/a%20b"
    assert data["query_string"] == "q=1&x=%20"
    assert data["types"]["raw_path"] == "bytes"
    assert data["types"]["query_string"] == "bytes"
    assert data["root_path"] == ""
    assert data["client"] == ["testclient", 50000]
    assert data["server"] == ["testserver", 80]
    headers = dict(data["headers"])
    assert headers["host"] == "testserver"
    assert headers["user-agent"] == "testclient"
    assert all(name == name.lower() for name, _ in data["headers"])
    client.close()


def test_base_url_root_path_client_and_headers_options(raw_app: Any, backend: str) -> None:
    client = TestClient(
        raw_app,
        base_url="https://example.org:8443",
        root_path="/api",
        client=("10.0.0.1", 1234),
        headers={"X-Token": "secret"},
        backend=backend,
    )
    data = client.get("/items").json()
    assert data["scheme"] == "https"
    assert data["server"] == ["example.org", 8443]
    assert data["root_path"] == "/api"
    assert data["path"] == "/items"
    assert data["client"] == ["10.0.0.1", 1234]
    assert ["x-token", "secret"] in data["headers"]
    client.close()


@pytest.mark.parametrize(
    ("base_url", "server", "host"),
    [
        ("http://[::1]", ["::1", 80], "[::1]"),
        ("https://[::1]", ["::1", 443], "[::1]"),
        ("http://[::1]:0", ["::1", 0], "[::1]:0"),
        ("http://localhost:0", ["localhost", 0], "localhost:0"),
    ],
)
def test_server_port_is_the_base_urls_own_even_zero(
    raw_app: Any, backend: str, base_url: str, server: list[object], host: str
) -> None:
    # Port 0 is a port the URL names, not a missing one: the scope must not fall back to the scheme's default.
    with TestClient(raw_app, base_url=base_url, backend=backend) as client:
        data = client.get("/").json()
    assert data["server"] == server
    assert ["host", host] in data["headers"]


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_every_verb_reaches_the_app(raw_app: Any, method: str, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        response = client.request(method, "/echo")
        assert response.status_code == 200
        assert response.json()["method"] == method


def test_verb_helpers_and_bodies(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.post("/echo", json={"a": 1}).json()["body"] == '{"a":1}'
        assert client.put("/echo", content=b"raw").json()["body"] == "raw"
        assert client.patch("/echo", data={"k": "v"}).json()["body"] == "k=v"
        assert client.delete("/echo").json()["method"] == "DELETE"
        assert client.options("/echo").json()["method"] == "OPTIONS"


def test_head_response_has_no_body(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        response = client.head("/echo")
        assert response.status_code == 200
        assert response.content == b""


def test_request_body_is_sent_as_one_final_message(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.post("/echo", content=b"hello").json()["chunks"] == [["hello", False]]
        assert client.get("/echo").json()["chunks"] == [["", False]]


def test_streamed_request_content_arrives_in_more_body_chunks(raw_app: Any, backend: str) -> None:
    def parts() -> Iterator[bytes]:
        yield b"a"
        yield b""
        yield b"bc"
        yield b"d"

    with TestClient(raw_app, backend=backend) as client:
        data = client.post("/echo", content=parts()).json()
    assert data["body"] == "abcd"
    assert data["chunks"] == [["a", True], ["bc", True], ["d", False]]


def test_receive_after_body_waits_for_response_then_disconnects(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.post("/wait-disconnect", content=b"x").json() == {"body": "x"}
    assert raw_app.disconnects == [{"type": "http.disconnect"}]


def test_response_waits_for_work_after_the_body(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.get("/background").json() == {"ok": True}
        assert raw_app.background_done


def test_chunked_response_body(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.get("/chunks").text == "one,two,three"
        with client.stream("GET", "/chunks") as response:
            assert list(response.iter_bytes()) == [b"one,", b"two,", b"three"]


def test_stream_reads_part_of_an_endless_response_and_disconnects(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client, client.stream("GET", "/endless") as response:
        assert response.headers["content-type"] == "text/event-stream"
        lines = response.iter_lines()
        assert next(lines) == "data: 0"
        assert next(lines) == ""
        assert next(lines) == "data: 1"
    assert raw_app.disconnects == [{"type": "http.disconnect"}]


def test_cookies_persist_and_constructor_cookies_are_sent(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, cookies={"theme": "dark"}, backend=backend) as client:
        assert ["cookie", "theme=dark"] in client.get("/echo").json()["headers"]
        client.get("/set-cookie")
        cookie = dict(client.get("/echo").json()["headers"])["cookie"]
        assert "session=abc" in cookie
        assert "theme=dark" in cookie


def test_redirects_followed_by_default_and_optional(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        response = client.get("/redirect")
        assert response.status_code == 200
        assert response.json()["path"] == "/scope"
        assert client.get("/redirect", follow_redirects=False).status_code == 307
    with TestClient(raw_app, follow_redirects=False, backend=backend) as client:
        assert client.get("/redirect").status_code == 307


def test_app_exceptions_are_raised_in_the_test(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        with pytest.raises(ValueError, match="boom from the app"):
            client.get("/boom")
        with pytest.raises(ValueError, match="boom after the response"):
            client.get("/boom-after-response")
        with pytest.raises(RuntimeError, match=r"without sending 'http\.response\.start' for GET /no-response"):
            client.get("/no-response")
        with pytest.raises(AssertionError):  # what Starlette's client raises there
            client.get("/no-response")
        assert client.get("/echo").status_code == 200


def test_app_exceptions_become_500_when_not_raised(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, raise_server_exceptions=False, backend=backend) as client:
        response = client.get("/boom")
        assert response.status_code == 500
        assert client.get("/no-response").status_code == 500
        assert client.get("/boom-after-response").json() == {"ok": True}


def test_one_loop_thread_for_lifespan_and_requests(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend=backend) as client:
        assert client.get("/lock").json() == {"locked": True}
        assert client.get("/echo").status_code == 200
        assert raw_app.loop_threads["lifespan"] == raw_app.loop_threads["http"]
        assert raw_app.loop_threads["http"] != threading.get_ident()
        with client.websocket_connect("/ws/echo"):
            pass
        assert raw_app.loop_threads["websocket"] == raw_app.loop_threads["http"]


def test_client_works_without_context_manager_and_restarts_after_close(raw_app: Any, backend: str) -> None:
    client = TestClient(raw_app, backend=backend)
    assert client.get("/echo").status_code == 200
    assert raw_app.events == []
    client.close()
    with TestClient(raw_app, backend=backend) as again:
        assert again.get("/echo").status_code == 200
    assert again.get("/echo").status_code == 200


def test_client_is_an_httpx_client_and_not_collected() -> None:
    assert issubclass(TestClient, httpx.Client)
    assert TestClient.__test__ is False


def test_trio_backend(raw_app: Any, backend: str) -> None:
    with TestClient(raw_app, backend="trio") as client:
        assert client.app_state["greeting"] == "hello"
        assert client.get("/lock").json() == {"locked": True}
        with client.stream("GET", "/endless") as response:
            assert next(response.iter_lines()) == "data: 0"
        with client.websocket_connect("/ws/echo") as websocket:
            websocket.send_text("hi")
            assert websocket.receive_text() == "hi"
    assert raw_app.events == ["startup", "shutdown"]
