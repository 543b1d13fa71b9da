"""Scope helpers: HTTP version, host and header lookups on raw ASGI scopes."""

from fasterapi_extras.asgi_compat import get_header, get_server_host, http_version, is_http2


def test_http_version_defaults_to_1_1() -> None:
    assert http_version({}) == "1.1"
    assert http_version({"http_version": "2"}) == "2"
    assert is_http2({"http_version": "2"}) is True
    assert is_http2({"http_version": "1.1"}) is False


def test_get_header_is_case_insensitive_and_returns_the_first_value() -> None:
    scope = {"headers": [(b"x-one", b"1"), (b"X-One", b"2")]}
    assert get_header(scope, "X-ONE") == "1"
    assert get_header(scope, "missing") is None


def test_get_server_host_strips_the_port_and_falls_back_to_the_server() -> None:
    assert get_server_host({"headers": [(b"host", b"example.com:8000")]}) == "example.com"
    assert get_server_host({"headers": [(b"host", b"[::1]:8000")]}) == "[::1]"
    assert get_server_host({"headers": [(b":authority", b"h2.example")]}) == "h2.example"
    assert get_server_host({"headers": [], "server": ("10.0.0.1", 80)}) == "10.0.0.1"
    assert get_server_host({"headers": []}) is None
