"""FastAPI tutorial "Cookie Parameters", "Header Parameters", "Cookie Parameter Models" and "Header
Parameter Models", with FasterAPI and msgspec.Struct models."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
import pytest

from FasterAPI import Cookie, Faster, Header
from FasterAPI.testclient import TestClient


def _app() -> Faster:
    app = Faster()

    @app.get("/cookie/")
    async def read_cookie(ads_id: Annotated[str | None, Cookie()] = None) -> dict[str, Any]:
        return {"ads_id": ads_id}

    @app.get("/user-agent/")
    async def read_user_agent(user_agent: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        return {"User-Agent": user_agent}

    @app.get("/strange/")
    async def read_strange(
        strange_header: Annotated[str | None, Header(convert_underscores=False)] = None,
    ) -> dict[str, Any]:
        return {"strange_header": strange_header}

    @app.get("/tokens/")
    async def read_tokens(x_token: Annotated[list[str] | None, Header()] = None) -> dict[str, Any]:
        return {"X-Token values": x_token}

    @app.get("/required-header/")
    async def read_required(x_key: Annotated[int, Header()]) -> dict[str, Any]:
        return {"x_key": x_key}

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_app())


@pytest.mark.parametrize(
    ("cookies", "expected"),
    [
        ({}, None),
        ({"ads_id": "ads_track"}, "ads_track"),
        ({"ads_id": "ads_track", "session": "cookiesession"}, "ads_track"),
        ({"session": "cookiesession"}, None),
    ],
)
def test_cookie_param(cookies: dict[str, str], expected: str | None) -> None:
    with TestClient(_app(), cookies=cookies) as fresh:
        response = fresh.get("/cookie/")
    assert response.status_code == 200
    assert response.json() == {"ads_id": expected}


def test_header_param_default_user_agent(client: TestClient) -> None:
    assert client.get("/user-agent/").json() == {"User-Agent": "testclient"}
    assert client.get("/user-agent/", headers={"X-Header": "Invalid"}).json() == {"User-Agent": "testclient"}
    assert client.get("/user-agent/", headers={"User-Agent": "FastAPI test"}).json() == {"User-Agent": "FastAPI test"}


def test_header_without_underscore_conversion(client: TestClient) -> None:
    assert client.get("/strange/").json() == {"strange_header": None}
    response = client.get("/strange/", headers={"strange_header": "FastAPI test"})
    assert response.json() == {"strange_header": "FastAPI test"}
    response = client.get("/strange/", headers={"strange-header": "Not really underscore"})
    assert response.json() == {"strange_header": None}


def test_duplicate_headers_into_a_list(client: TestClient) -> None:
    assert client.get("/tokens/").json() == {"X-Token values": None}
    response = client.get("/tokens/", headers=[("x-token", "foo"), ("x-token", "bar")])
    assert response.json() == {"X-Token values": ["foo", "bar"]}


def test_required_header(client: TestClient) -> None:
    assert client.get("/required-header/", headers={"x-key": "3"}).json() == {"x_key": 3}
    response = client.get("/required-header/")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["header", "x-key"], "msg": "Field required", "input": None}]
    }
    response = client.get("/required-header/", headers={"x-key": "three"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["header", "x-key"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "three",
            }
        ]
    }


class Cookies(msgspec.Struct):
    session_id: str
    fatebook_tracker: str | None = None
    googall_tracker: str | None = None


class StrictCookies(msgspec.Struct, forbid_unknown_fields=True):
    session_id: str
    fatebook_tracker: str | None = None
    googall_tracker: str | None = None


class CommonHeaders(msgspec.Struct):
    host: str
    save_data: bool
    if_modified_since: str | None = None
    traceparent: str | None = None
    x_tag: list[str] = []


class StrictHeaders(msgspec.Struct, forbid_unknown_fields=True):
    host: str
    save_data: bool
    if_modified_since: str | None = None
    traceparent: str | None = None
    x_tag: list[str] = []


def _models_app() -> Faster:
    app = Faster()

    @app.get("/cookies/")
    async def read_cookies(cookies: Annotated[Cookies, Cookie()]) -> Cookies:
        return cookies

    @app.get("/strict-cookies/")
    async def read_strict_cookies(cookies: Annotated[StrictCookies, Cookie()]) -> StrictCookies:
        return cookies

    @app.get("/headers/")
    async def read_headers(headers: Annotated[CommonHeaders, Header()]) -> CommonHeaders:
        return headers

    @app.get("/strict-headers/")
    async def read_strict_headers(headers: Annotated[StrictHeaders, Header()]) -> StrictHeaders:
        return headers

    @app.get("/raw-headers/")
    async def read_raw_headers(headers: Annotated[CommonHeaders, Header(convert_underscores=False)]) -> CommonHeaders:
        return headers

    return app


@pytest.fixture(scope="module")
def models() -> TestClient:
    return TestClient(_models_app())


COOKIE_VALUES = {"session_id": "123", "fatebook_tracker": "456", "googall_tracker": "789"}


def test_cookie_model() -> None:
    with TestClient(_models_app(), cookies=COOKIE_VALUES) as fresh:
        response = fresh.get("/cookies/")
    assert response.status_code == 200
    assert response.json() == COOKIE_VALUES


def test_cookie_model_defaults() -> None:
    with TestClient(_models_app(), cookies={"session_id": "123"}) as fresh:
        response = fresh.get("/cookies/")
    assert response.json() == {"session_id": "123", "fatebook_tracker": None, "googall_tracker": None}


def test_cookie_model_missing(models: TestClient) -> None:
    response = models.get("/cookies/")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["cookie", "session_id"], "msg": "Field required", "input": {}}]
    }


def test_cookie_model_forbid_extra() -> None:
    cookies = {"session_id": "123", "santa_tracker": "good-list,no-bad-list"}
    with TestClient(_models_app(), cookies=cookies) as fresh:
        response = fresh.get("/strict-cookies/")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "extra_forbidden",
                "loc": ["cookie", "santa_tracker"],
                "msg": "Extra inputs are not permitted",
                "input": "good-list,no-bad-list",
            }
        ]
    }


ALL_HEADERS = [
    ("save-data", "true"),
    ("if-modified-since", "yesterday"),
    ("traceparent", "123"),
    ("x-tag", "one"),
    ("x-tag", "two"),
]


@pytest.mark.parametrize("url", ["/headers/", "/strict-headers/"])
def test_header_model(url: str) -> None:
    client = TestClient(_models_app())
    client.headers.clear()
    response = client.get(url, headers=ALL_HEADERS)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "host": "testserver",
        "save_data": True,
        "if_modified_since": "yesterday",
        "traceparent": "123",
        "x_tag": ["one", "two"],
    }


def test_header_model_defaults(models: TestClient) -> None:
    response = models.get("/headers/", headers=[("save-data", "true")])
    assert response.status_code == 200
    assert response.json() == {
        "host": "testserver",
        "save_data": True,
        "if_modified_since": None,
        "traceparent": None,
        "x_tag": [],
    }


def test_header_model_ignores_extra_headers_by_default(models: TestClient) -> None:
    response = models.get("/headers/", headers=[("save-data", "true"), ("tool", "plumbus")])
    assert response.status_code == 200
    assert response.json()["save_data"] is True


def test_header_model_missing() -> None:
    client = TestClient(_models_app())
    client.headers.clear()
    response = client.get("/strict-headers/")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["header", "save_data"],
                "msg": "Field required",
                "input": {"x_tag": [], "host": "testserver"},
            }
        ]
    }


def test_header_model_forbid_extra() -> None:
    client = TestClient(_models_app())
    client.headers.clear()
    response = client.get("/strict-headers/", headers=[("save-data", "true"), ("tool", "plumbus")])
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "extra_forbidden",
                "loc": ["header", "tool"],
                "msg": "Extra inputs are not permitted",
                "input": "plumbus",
            }
        ]
    }


def test_header_model_without_underscore_conversion(models: TestClient) -> None:
    headers = [("save_data", "true"), ("if_modified_since", "yesterday"), ("x_tag", "one"), ("x_tag", "two")]
    response = models.get("/raw-headers/", headers=headers)
    assert response.status_code == 200
    assert response.json() == {
        "host": "testserver",
        "save_data": True,
        "if_modified_since": "yesterday",
        "traceparent": None,
        "x_tag": ["one", "two"],
    }
    response = models.get("/raw-headers/", headers=ALL_HEADERS)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["header", "save_data"],
                "msg": "Field required",
                "input": {
                    "host": "testserver",
                    "traceparent": "123",
                    "x_tag": [],
                    "accept": "*/*",
                    "accept-encoding": "gzip, deflate",
                    "connection": "keep-alive",
                    "user-agent": "testclient",
                    "save-data": "true",
                    "if-modified-since": "yesterday",
                    "x-tag": ["one", "two"],
                },
            }
        ]
    }


def test_header_model_missing_with_the_default_client_headers(models: TestClient) -> None:
    response = models.get("/headers/")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["header", "save_data"],
                "msg": "Field required",
                "input": {
                    "x_tag": [],
                    "host": "testserver",
                    "accept": "*/*",
                    "accept-encoding": "gzip, deflate",
                    "connection": "keep-alive",
                    "user-agent": "testclient",
                },
            }
        ]
    }
