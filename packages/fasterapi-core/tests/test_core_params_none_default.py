# ruff: noqa: RUF013 - implicit Optional (`q: str = None`) is exactly what these tests exercise.
"""Parameters whose default is ``None`` are planned the same on every Python >= 3.10.

Before 3.11, ``typing.get_type_hints`` turns such a hint into ``Optional[...]``, which hid the
marker of ``Annotated[T, Header(alias=...)] = None`` and made ``q: str = None`` nullable in the
OpenAPI document. These tests fail on 3.10 when that wrapping leaks into the plan.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Optional

import httpx

from fasterapi_core import Cookie, Faster, Form, Header, Query
from fasterapi_core.dependencies import _type_hints


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


#: Markers compare by identity, so the expected hints below reuse these instances.
TOKEN = Header(alias="x-token")
IDS = Query()
LIMIT = Query(ge=1)
FLAG = Cookie()


def with_none_defaults(
    token: Annotated[str | None, TOKEN] = None,
    q: str = None,
    ids: Annotated[list[int], IDS] = None,
    n: Optional[int] = None,  # noqa: UP045 - the explicit spelling must stay optional
    size: int = 3,
) -> None:
    """A handler signature covering the shapes 3.10 used to rewrite."""


def test_hints_are_not_wrapped_in_optional_for_none_defaults() -> None:
    hints = _type_hints(with_none_defaults)
    assert hints == {
        "token": Annotated[str | None, TOKEN],
        "q": str,
        "ids": Annotated[list[int], IDS],
        "n": Optional[int],  # noqa: UP045
        "size": int,
        "return": type(None),
    }


def test_hints_of_wrapped_functions_classes_and_callable_instances() -> None:
    @functools.wraps(with_none_defaults)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        return with_none_defaults(*args, **kwargs)

    class Marker:
        """Local: only resolvable through the local namespace."""

    class Dependency:
        def __init__(self, marker: Marker = None, limit: Annotated[int, LIMIT] = None) -> None:
            self.limit = limit

        def __call__(self, flag: Annotated[bool, FLAG] = None) -> bool:
            return flag

    assert _type_hints(wrapper)["ids"] == Annotated[list[int], IDS]
    localns = {"Marker": Marker}
    assert _type_hints(Dependency, localns) == {
        "marker": Marker,
        "limit": Annotated[int, LIMIT],
        "return": type(None),
    }
    assert _type_hints(Dependency(), localns) == {"flag": Annotated[bool, FLAG], "return": bool}


async def test_none_default_annotated_markers_are_honoured() -> None:
    app = Faster()

    @app.post("/items")
    async def create(
        token: Annotated[str | None, Header(alias="x-token")] = None,
        session: Annotated[str | None, Cookie(alias="sid")] = None,
        tags: Annotated[list[str], Query(alias="tag")] = None,
        note: Annotated[str | None, Form()] = None,
    ) -> dict[str, Any]:
        return {"token": token, "session": session, "tags": tags, "note": note}

    async with client_for(app) as client:
        full = await client.post(
            "/items?tag=a&tag=b", headers={"x-token": "t", "cookie": "sid=s"}, data={"note": "hello"}
        )
        empty = await client.post("/items")
    assert full.json() == {"token": "t", "session": "s", "tags": ["a", "b"], "note": "hello"}
    assert empty.json() == {"token": None, "session": None, "tags": None, "note": None}


def test_none_default_is_not_documented_as_nullable() -> None:
    app = Faster()

    @app.get("/search")
    async def search(q: str = None, limit: Annotated[int, Query(ge=1)] = None) -> None:
        return None

    parameters = {p["name"]: p for p in app.openapi()["paths"]["/search"]["get"]["parameters"]}
    # FastAPI writes no ``"default": null`` either.
    assert parameters["q"]["schema"] == {"type": "string", "title": "Q"}
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "title": "Limit"}
