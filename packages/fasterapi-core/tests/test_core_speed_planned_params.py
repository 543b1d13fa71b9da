"""The per-route planned parameter readers give exactly what the solver's generic extraction gives:
the same values, defaults and FastAPI-shaped errors, for every query string."""

from __future__ import annotations

import enum
import itertools
from typing import Annotated, Any

import pytest

from fasterapi_core import Faster, Query
from fasterapi_core._convert import _parse_bool
from fasterapi_core._query import last_values, plan_query_reader
from fasterapi_core.datastructures import query_dict
from fasterapi_core.dependencies import plan_endpoint
from fasterapi_core.solver import _extract


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


async def scalars(
    flag: bool = False,
    count: int = 3,
    name: str = Query(),
    maybe: int | None = None,
    positive: Annotated[int, Query(ge=1)] = 1,
    spelled: str = Query("x", alias="spelled-out"),
    color: Color = Color.RED,
    ratio: float = 0.5,
) -> None: ...


async def with_list(tags: list[int] = Query([]), flag: bool = False) -> None: ...


QUERIES = [
    b"",
    b"name=a",
    b"flag=true&name=a",
    b"flag=True&name=a",
    b"flag=YES&name=a",
    b"flag=off&name=a",
    b"flag=maybe&name=a",
    b"flag=&name=a",
    b"flag",
    b"name=a&name=b",
    b"name=a&&name=b&",
    b"&",
    b"=x&name=",
    b"count=12&name=z",
    b"count=-3&name=z",
    b"count=3.0&name=z",
    b"count=3.5&name=z",
    b"count=abc",
    b"count=%31%32&name=%C3%A9t%C3%A9",
    b"na%6De=encoded+key&flag=1",
    b"name=a+b&spelled-out=c",
    b"name=a&spelled_out=c",
    b"name=a&maybe=null",
    b"name=a&maybe=7",
    b"name=a&positive=0",
    b"name=a&positive=5",
    b"name=a&color=blue",
    b"name=a&color=green",
    b"name=a&ratio=-inf",
    b"name=a&ratio=1e3",
    b"name=caf\xe9",
    b"tags=1&tags=2&flag=on",
    b"tags=1&tags=x",
    b"tags=&flag=1",
]


def generic(plans: list[Any], query: bytes) -> tuple[dict[str, Any], list[Any]]:
    values: dict[str, Any] = {}
    errors: list[Any] = []
    _extract(plans, query_dict(query), "query", values, errors)
    return values, errors


def planned(plans: list[Any], query: bytes) -> tuple[dict[str, Any], list[Any]]:
    values: dict[str, Any] = {}
    errors: list[Any] = []
    plan_query_reader(plans)(query, values, errors)
    return values, errors


@pytest.mark.parametrize(("endpoint", "query"), list(itertools.product([scalars, with_list], QUERIES)))
def test_planned_query_reader_matches_the_generic_extraction(endpoint: Any, query: bytes) -> None:
    plans = plan_endpoint(endpoint, ()).query_params
    assert planned(plans, query) == generic(plans, query)


@pytest.mark.parametrize("query", QUERIES)
def test_last_values_are_the_last_of_each_group(query: bytes) -> None:
    assert last_values(query) == {key: values[-1] for key, values in query_dict(query).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("TRUE", True), ("On", True), ("1", True), ("y", True), ("F", False), ("no", False)],
)
def test_parse_bool_accepts_any_case(text: str, expected: bool) -> None:
    assert _parse_bool(text) is expected


@pytest.mark.parametrize("text", ["", "2", "truthy", "nope", "null"])
def test_parse_bool_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError, match="not a boolean"):
        _parse_bool(text)


def test_parse_bool_keeps_a_bool() -> None:
    assert _parse_bool(True) is True
    assert _parse_bool(False) is False


def users_app() -> Faster:
    app = Faster()

    @app.get("/users/{user_id:int}")
    async def get_user(user_id: int, verbose: bool = False) -> dict[str, Any]:
        return {"id": user_id, "verbose": verbose}

    @app.get("/sync/{user_id:int}")
    def get_user_sync(user_id: int, verbose: bool = Query(alias="v")) -> dict[str, Any]:
        return {"id": user_id, "verbose": verbose}

    return app


async def test_path_int_and_query_bool_route_answers_as_declared(client_for: Any) -> None:
    async with client_for(users_app()) as client:
        assert (await client.get("/users/42?verbose=true")).json() == {"id": 42, "verbose": True}
        assert (await client.get("/users/42?verbose=0&verbose=Yes")).json() == {"id": 42, "verbose": True}
        assert (await client.get("/users/42")).json() == {"id": 42, "verbose": False}
        head = await client.head("/users/42?verbose=1")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == str(len(b'{"id":42,"verbose":true}'))
        bad = await client.get("/users/42?verbose=perhaps")
        assert bad.status_code == 422
        assert bad.json() == {
            "detail": [
                {
                    "type": "bool_parsing",
                    "loc": ["query", "verbose"],
                    "msg": "Input should be a valid boolean, unable to interpret input",
                    "input": "perhaps",
                }
            ]
        }
        assert (await client.get("/users/x?verbose=1")).status_code == 404


async def test_sync_handler_with_an_aliased_required_query_flag(client_for: Any) -> None:
    async with client_for(users_app()) as client:
        assert (await client.get("/sync/7?v=off")).json() == {"id": 7, "verbose": False}
        missing = await client.get("/sync/7?verbose=1")
        assert missing.status_code == 422
        assert missing.json() == {
            "detail": [{"type": "missing", "loc": ["query", "v"], "msg": "Field required", "input": None}]
        }
