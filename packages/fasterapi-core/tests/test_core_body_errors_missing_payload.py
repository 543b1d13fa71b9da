"""The 422 for missing body fields, assembled from planned bytes, is exactly the error dicts' encoding."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, TypedDict

import httpx
import msgspec
import pytest
from hypothesis import given, settings, strategies as st

from fasterapi_core import Faster, Query, Request
from fasterapi_core._body_errors import body_errors, missing_fields_payload
from fasterapi_core._encoding import encode_json
from fasterapi_core.exceptions import RequestValidationError
from fasterapi_core.responses import JSONResponse


class User(msgspec.Struct):
    name: str
    email: str
    age: int
    score: float
    tags: list[str]
    nickname: str | None = None
    extra: Any = None


class Renamed(msgspec.Struct, rename="camel"):
    first_name: str
    last_seen: int = 0


class Strict(msgspec.Struct, forbid_unknown_fields=True):
    a: int


class Positive(msgspec.Struct):
    count: Annotated[int, msgspec.Meta(gt=0)]
    label: str


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


class Movie(TypedDict):
    title: str
    year: int


MODELS = [User, Renamed, Strict, Positive, Point, Movie]
KEYS = st.sampled_from(["name", "email", "age", "score", "tags", "firstName", "first_name", "a", "count", "x", "y"])
KEYS = KEYS | st.sampled_from(["label", "title", "year", "nickname", "extra", "lastSeen", "unknown"])
VALUES = st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=3)
VALUES = VALUES | st.lists(st.text(max_size=2), max_size=2)
VALUES = VALUES | st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)


def dict_path_payload(tp: Any, document: Any) -> bytes:
    """What the ordinary path sends: every error as a dict, then the whole list encoded."""
    try:
        msgspec.convert(document, tp)
    except msgspec.ValidationError as exc:
        return encode_json({"detail": body_errors(document, tp, ("body",), exc)})
    raise AssertionError("the document was valid")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MODELS), st.dictionaries(KEYS, VALUES, max_size=6))
def test_planned_bytes_are_the_encoded_error_dicts(tp: Any, document: dict[str, Any]) -> None:
    payload = missing_fields_payload(tp, document)
    if payload is not None:
        assert payload == dict_path_payload(tp, document)


def test_only_missing_fields_take_the_planned_bytes() -> None:
    assert missing_fields_payload(User, {"name": "A"}) == dict_path_payload(User, {"name": "A"})
    assert missing_fields_payload(Renamed, {}) == dict_path_payload(Renamed, {})  # the JSON key, not the name
    assert missing_fields_payload(Point, {"y": 2}) == dict_path_payload(Point, {"y": 2})
    assert missing_fields_payload(Movie, {"title": "T"}) == dict_path_payload(Movie, {"title": "T"})
    assert missing_fields_payload(User, {"name": 1}) is None  # a wrong type: the dicts describe it
    assert missing_fields_payload(Positive, {"count": 3}) is None  # a constrained field is checked there too
    assert missing_fields_payload(Strict, {}) is None  # unknown keys would be errors as well
    assert missing_fields_payload(User, [1]) is None
    assert missing_fields_payload(list[User], [{}]) is None
    assert missing_fields_payload(Point, {"x": 1}) is None  # nothing missing


def make_app(handler: bool = False) -> Faster:
    app = Faster()
    if handler:

        @app.exception_handler(RequestValidationError)
        async def mine(request: Request, exc: RequestValidationError) -> JSONResponse:
            return JSONResponse({"mine": exc.errors()}, status_code=418)

    @app.post("/users")
    async def create(user: User) -> User:
        return user

    @app.post("/sync-users")
    def create_sync(user: User) -> dict[str, str]:
        return {"name": user.name}

    @app.post("/paged")
    async def paged(user: User, page: int = Query()) -> dict[str, int]:
        return {"page": page}

    @app.api_route("/either", methods=["POST", "HEAD"])
    async def either(user: User) -> dict[str, str]:
        return {"name": user.name}

    return app


def missing(key: str, document: Any) -> dict[str, Any]:
    return {"type": "missing", "loc": ["body", key], "msg": "Field required", "input": document}


@pytest.mark.parametrize("path", ["/users", "/sync-users"])
async def test_missing_fields_answer_fastapi_s_list(path: str) -> None:
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.post(path, json={"name": "Alice", "nickname": None})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/json"
    document = {"name": "Alice", "nickname": None}
    expected = [missing(key, document) for key in ("email", "age", "score", "tags")]
    assert answer.json() == {"detail": expected}
    assert int(answer.headers["content-length"]) == len(answer.content)


async def test_a_validation_handler_still_gets_the_error_dicts() -> None:
    transport = httpx.ASGITransport(app=make_app(handler=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.post("/users", json={"email": "e"})
    assert answer.status_code == 418
    expected = [missing(key, {"email": "e"}) for key in ("name", "age", "score", "tags")]
    assert answer.json() == {"mine": expected}


async def test_other_errors_come_first_and_the_body_s_follow() -> None:
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.post("/paged", json={"name": "A", "email": "e", "age": 1, "score": 1})
    assert answer.status_code == 422
    assert answer.json()["detail"] == [
        {"type": "missing", "loc": ["query", "page"], "msg": "Field required", "input": None},
        missing("tags", {"name": "A", "email": "e", "age": 1, "score": 1}),
    ]


async def test_head_gets_the_422_headers_without_a_body() -> None:
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        post = await client.post("/either", json={})
        head = await client.request("HEAD", "/either", json={})
    assert post.status_code == head.status_code == 422
    assert head.content == b""
    assert head.headers["content-length"] == post.headers["content-length"] == str(len(post.content))
