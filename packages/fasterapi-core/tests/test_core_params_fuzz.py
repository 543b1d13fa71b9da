"""Whatever a client sends, parameters and bodies answer 200, 400 or 422: never 500, never a hang."""

from __future__ import annotations

import asyncio
import datetime
import enum
import uuid
from typing import Annotated, Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fasterapi_core import Body, Cookie, Faster, Header, Query

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it


class Kind(enum.Enum):
    a = "a"
    b = "b"


class Inner(msgspec.Struct):
    price: Annotated[float, msgspec.Meta(ge=0)]
    tags: list[str] = []


class Payload(msgspec.Struct):
    name: str
    count: int
    inner: Inner
    when: datetime.date | None = None


def make_app() -> Faster:
    app = Faster()

    @app.get("/q/{item_id}")
    async def query(
        item_id: int,
        n: int = 0,
        f: float | None = None,
        flag: bool = False,
        kind: Kind = Kind.a,
        ids: list[int] = Query([]),
        u: uuid.UUID | None = None,
        s: str = Query("", max_length=20, pattern="^[a-z]*$"),
        x_h: int = Header(0),
        c: str | None = Cookie(None),
    ) -> dict[str, Any]:
        return {"ok": True}

    @app.post("/body")
    async def body(payload: Payload) -> dict[str, bool]:
        return {"ok": True}

    @app.post("/embedded")
    async def embedded(a: Annotated[int, Body()], b: Annotated[list[Inner], Body()] = []) -> dict[str, bool]:  # noqa: B006
        return {"ok": True}

    return app


APP = make_app()


def call(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, Any]:
    scope = {
        "type": "http",
        "method": method,
        "scheme": "http",
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def run() -> None:
        await asyncio.wait_for(APP(scope, receive, send), timeout=5)

    asyncio.run(run())
    status = sent[0]["status"]
    payload = b"".join(m.get("body", b"") for m in sent[1:])
    return status, msgspec.json.decode(payload)


text = st.text(max_size=30)
header_value = st.binary(max_size=30).filter(lambda b: b"\r" not in b and b"\n" not in b)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    item=st.text(min_size=1, max_size=12).filter(lambda t: "/" not in t),
    pairs=st.lists(st.tuples(st.sampled_from(["n", "f", "flag", "kind", "ids", "u", "s", "zz"]), text), max_size=8),
    header=header_value,
    cookie=header_value,
)
def test_query_header_cookie_values_never_break(
    item: str, pairs: list[tuple[str, str]], header: bytes, cookie: bytes
) -> None:
    from urllib.parse import urlencode

    query = urlencode(pairs).encode()
    headers = [(b"x-h", header), (b"cookie", b"c=" + cookie)]
    status, payload = call("GET", f"/q/{item}", query, headers, b"")
    assert status in (200, 422), payload
    if status == 422:
        for error in payload["detail"]:
            assert set(error) >= {"type", "loc", "msg", "input"}
            assert error["loc"][0] in ("path", "query", "header", "cookie")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(document=json_values, content_type=st.sampled_from([None, b"application/json", b"text/plain"]))
def test_json_bodies_never_break(document: Any, content_type: bytes | None) -> None:
    headers = [] if content_type is None else [(b"content-type", content_type)]
    for path in ("/body", "/embedded"):
        status, payload = call("POST", path, b"", headers, msgspec.json.encode(document))
        assert status in (200, 422), payload
        if status == 422:
            assert all(error["loc"][0] == "body" for error in payload["detail"])


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_as_json_never_break(raw: bytes) -> None:
    status, payload = call("POST", "/body", b"", [(b"content-type", b"application/json")], raw)
    assert status in (400, 422), payload
    assert "detail" in payload
