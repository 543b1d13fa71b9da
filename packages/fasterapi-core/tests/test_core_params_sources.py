"""Path, query, header and cookie parameters: where values come from and how they are converted."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypedDict

import httpx
import msgspec

from fasterapi_core import Cookie, Faster, Header, Path, Query

ClientFor = Callable[[Any], httpx.AsyncClient]


class Color(enum.Enum):
    red = "red"
    blue = "blue"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Filters(msgspec.Struct):
    limit: Annotated[int, msgspec.Meta(ge=1, le=100)] = 10
    offset: int = 0
    tags: list[str] = []
    order_by: Literal["created", "updated"] = "created"


@dataclasses.dataclass
class Paging:
    page: int
    size: int = 20


class HeaderGroup(TypedDict):
    x_trace: str
    user_agent: str


async def test_path_param_converted_to_annotation(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read(item_id: int) -> dict[str, Any]:
        return {"item_id": item_id, "type": type(item_id).__name__}

    async with client_for(app) as client:
        response = await client.get("/items/42")
    assert response.json() == {"item_id": 42, "type": "int"}


async def test_path_param_with_converter_and_constraint(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/users/{user_id:int}")
    async def read(user_id: Annotated[int, Path(ge=1, title="User")]) -> int:
        return user_id

    async with client_for(app) as client:
        assert (await client.get("/users/7")).json() == 7
        bad = await client.get("/users/0")
    assert bad.status_code == 422
    assert (
        bad.json()["detail"]
        == [
            {
                "type": "greater_than_equal",
                "loc": ["path", "user_id"],
                "msg": "Input should be greater than or equal to 1",
                "input": 0,
            }
        ]
        or bad.json()["detail"][0]["type"] == "greater_than_equal"
    )


async def test_scalar_types_from_query(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/types")
    async def types(
        f: float,
        d: decimal.Decimal,
        u: uuid.UUID,
        when: datetime.datetime,
        day: datetime.date,
        at: datetime.time,
        color: Color,
        level: Level,
        mode: Literal["a", "b"],
    ) -> dict[str, str]:
        values = {"f": f, "d": d, "u": u, "when": when, "day": day, "at": at, "color": color, "level": level}
        out = {name: type(value).__name__ for name, value in values.items()}
        out["mode"] = mode
        return out

    params = {
        "f": "1.5",
        "d": "2.50",
        "u": "12345678-1234-5678-1234-567812345678",
        "when": "2024-01-02T03:04:05",
        "day": "2024-01-02",
        "at": "03:04:05",
        "color": "red",
        "level": "2",
        "mode": "b",
    }
    async with client_for(app) as client:
        response = await client.get("/types", params=params)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "f": "float",
        "d": "Decimal",
        "u": "UUID",
        "when": "datetime",
        "day": "date",
        "at": "time",
        "color": "Color",
        "level": "Level",
        "mode": "b",
    }


async def test_bool_spellings(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/flag")
    async def flag(on: bool) -> bool:
        return on

    async with client_for(app) as client:
        for text in ("true", "True", "1", "yes", "on"):
            assert (await client.get("/flag", params={"on": text})).json() is True
        for text in ("false", "0", "no", "off", "FALSE"):
            assert (await client.get("/flag", params={"on": text})).json() is False
        bad = await client.get("/flag", params={"on": "maybe"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0] == {
        "type": "bool_parsing",
        "loc": ["query", "on"],
        "msg": "Input should be a valid boolean, unable to interpret input",
        "input": "maybe",
    }


async def test_optional_and_default_query(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/q")
    async def q(a: int | None = None, b: str = "x", c: Annotated[int, Query()] = 3) -> list[Any]:
        return [a, b, c]

    async with client_for(app) as client:
        assert (await client.get("/q")).json() == [None, "x", 3]
        assert (await client.get("/q?a=1&b=y&c=4")).json() == [1, "y", 4]


async def test_required_query_missing_is_422(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/q")
    async def q(limit: int) -> int:
        return limit

    async with client_for(app) as client:
        response = await client.get("/q")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["query", "limit"], "msg": "Field required", "input": None}]
    }


async def test_query_marker_as_default_with_options(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/search")
    async def search(
        q: str = Query(..., min_length=2, max_length=5, pattern="^[a-z]+$", alias="query", description="text"),
    ) -> str:
        return q

    async with client_for(app) as client:
        assert (await client.get("/search?query=abc")).json() == "abc"
        short = await client.get("/search?query=a")
        long = await client.get("/search?query=abcdefg")
        pattern = await client.get("/search?query=AB1")
        missing = await client.get("/search?q=abc")
    assert short.json()["detail"][0]["type"] == "string_too_short"
    assert short.json()["detail"][0]["msg"] == "String should have at least 2 characters"
    assert long.json()["detail"][0]["type"] == "string_too_long"
    assert pattern.json()["detail"][0] == {
        "type": "string_pattern_mismatch",
        "loc": ["query", "query"],
        "msg": "String should match pattern '^[a-z]+$'",
        "input": "AB1",
        "ctx": {"pattern": "^[a-z]+$"},
    }
    assert missing.json()["detail"][0]["loc"] == ["query", "query"]


async def test_numeric_constraints(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/n")
    async def n(a: int = Query(0, gt=0, lt=10), b: float = Query(0.5, ge=0, le=1)) -> list[Any]:
        return [a, b]

    async with client_for(app) as client:
        assert (await client.get("/n?a=5&b=1")).json() == [5, 1.0]
        response = await client.get("/n?a=10&b=-1")
    kinds = [(e["type"], e["msg"]) for e in response.json()["detail"]]
    assert kinds == [
        ("less_than", "Input should be less than 10"),
        ("greater_than_equal", "Input should be greater than or equal to 0"),
    ]


async def test_default_factory(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/f")
    async def f(items: Annotated[list[int], Query(default_factory=lambda: [1, 2])]) -> list[int]:
        return items

    async with client_for(app) as client:
        assert (await client.get("/f")).json() == [1, 2]
        assert (await client.get("/f?items=5")).json() == [5]


async def test_repeated_query_values_into_list_set_tuple(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/many")
    async def many(
        ids: list[int] = Query([]), names: set[str] = Query(set()), pair: tuple[str, ...] = Query(())
    ) -> dict[str, Any]:
        return {"ids": ids, "names": sorted(names), "pair": list(pair), "kinds": [type(names).__name__]}

    async with client_for(app) as client:
        response = await client.get("/many?ids=1&ids=2&names=a&names=a&names=b&pair=x&pair=y")
        bad = await client.get("/many?ids=1&ids=x")
    assert response.json() == {"ids": [1, 2], "names": ["a", "b"], "pair": ["x", "y"], "kinds": ["set"]}
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "ids", 1]


async def test_scalar_query_takes_last_repeated_value(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/last")
    async def last(v: int) -> int:
        return v

    async with client_for(app) as client:
        assert (await client.get("/last?v=1&v=2")).json() == 2


async def test_enum_and_literal_errors_name_the_allowed_values(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/e")
    async def e(color: Color = Color.red, mode: Literal["a", "b", "c"] = "a") -> list[str]:
        return [color.value, mode]

    async with client_for(app) as client:
        response = await client.get("/e?color=green&mode=z")
    assert response.json()["detail"] == [
        {
            "type": "enum",
            "loc": ["query", "color"],
            "msg": "Input should be 'red' or 'blue'",
            "input": "green",
            "ctx": {"expected": "'red' or 'blue'"},
        },
        {
            "type": "literal_error",
            "loc": ["query", "mode"],
            "msg": "Input should be 'a', 'b' or 'c'",
            "input": "z",
            "ctx": {"expected": "'a', 'b' or 'c'"},
        },
    ]


async def test_headers_convert_underscores_and_are_case_insensitive(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/h")
    async def h(
        user_agent: str = Header(),
        x_raw_name: str | None = Header(None, convert_underscores=False),
        token: Annotated[str, Header(alias="X-Auth")] = "none",
        x_count: int = Header(0),
    ) -> list[Any]:
        return [user_agent, x_raw_name, token, x_count]

    async with client_for(app) as client:
        response = await client.get(
            "/h", headers={"User-Agent": "ua", "x_raw_name": "raw", "x-auth": "tok", "X-COUNT": "3"}
        )
        missing = await client.get("/h", headers={"user-agent": "ua", "x-count": "nan?"})
    assert response.json() == ["ua", "raw", "tok", 3]
    assert missing.json()["detail"][0]["loc"] == ["header", "x-count"]


async def test_repeated_headers_into_list(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/h")
    async def h(x_tag: list[str] = Header([]), x_one: str = Header("")) -> list[Any]:
        return [x_tag, x_one]

    scope_headers = [(b"x-tag", b"a"), (b"x-tag", b"b"), (b"x-one", b"first"), (b"x-one", b"second")]
    async with client_for(app) as client:
        response = await client.get("/h", headers=scope_headers)
    assert response.json() == [["a", "b"], "first"]


async def test_cookies(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/c")
    async def c(session: str = Cookie(), theme: Annotated[str, Cookie(alias="ui-theme")] = "light") -> list[str]:
        return [session, theme]

    async with client_for(app) as client:
        ok = await client.get("/c", headers={"cookie": "session=abc; ui-theme=dark"})
        missing = await client.get("/c")
    assert ok.json() == ["abc", "dark"]
    assert missing.json()["detail"][0]["loc"] == ["cookie", "session"]


async def test_annotated_marker_with_python_default(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/d")
    async def d(limit: Annotated[int, Query(ge=1)] = 25, h: Annotated[str, Header()] = "dflt") -> list[Any]:
        return [limit, h]

    async with client_for(app) as client:
        assert (await client.get("/d")).json() == [25, "dflt"]
        assert (await client.get("/d?limit=0")).status_code == 422


async def test_struct_as_query_group(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/list")
    async def listing(filters: Annotated[Filters, Query()]) -> Filters:
        return filters

    async with client_for(app) as client:
        default = await client.get("/list")
        given = await client.get("/list?limit=5&offset=2&tags=a&tags=b&order_by=updated")
        bad = await client.get("/list?limit=500&order_by=x")
    assert default.json() == {"limit": 10, "offset": 0, "tags": [], "order_by": "created"}
    assert given.json() == {"limit": 5, "offset": 2, "tags": ["a", "b"], "order_by": "updated"}
    assert [e["loc"] for e in bad.json()["detail"]] == [["query", "limit"], ["query", "order_by"]]
    assert bad.json()["detail"][0]["type"] == "less_than_equal"


async def test_dataclass_query_group_and_typeddict_header_group(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/pages")
    async def pages(paging: Annotated[Paging, Query()], meta: Annotated[HeaderGroup, Header()]) -> dict[str, Any]:
        return {"paging": dataclasses.asdict(paging), "meta": dict(meta)}

    async with client_for(app) as client:
        ok = await client.get("/pages?page=3", headers={"x-trace": "t1", "user-agent": "ua"})
        missing = await client.get("/pages", headers={"user-agent": "ua"})
    assert ok.json() == {"paging": {"page": 3, "size": 20}, "meta": {"x_trace": "t1", "user_agent": "ua"}}
    assert [e["loc"] for e in missing.json()["detail"]] == [["query", "page"], ["header", "x_trace"]]


async def test_all_problems_of_one_request_in_one_422(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/x/{a}")
    async def x(a: int, b: int, c: str = Header(), d: str = Cookie()) -> None:
        return None

    async with client_for(app) as client:
        response = await client.get("/x/nope?b=zz")
    assert response.status_code == 422
    assert [(e["type"], e["loc"]) for e in response.json()["detail"]] == [
        ("int_parsing", ["path", "a"]),
        ("int_parsing", ["query", "b"]),
        ("missing", ["header", "c"]),
        ("missing", ["cookie", "d"]),
    ]


async def test_float_parsing_error_shape(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/f")
    async def f(x: float) -> float:
        return x

    async with client_for(app) as client:
        response = await client.get("/f?x=abc")
    assert response.json()["detail"] == [
        {
            "type": "float_parsing",
            "loc": ["query", "x"],
            "msg": "Input should be a valid number, unable to parse string as a number",
            "input": "abc",
        }
    ]


async def test_msgspec_meta_constraints_in_annotated(client_for: ClientFor) -> None:
    app = Faster()

    @app.get("/m")
    async def m(
        n: Annotated[int, msgspec.Meta(ge=1)] = 1, s: Annotated[str, Query(), msgspec.Meta(max_length=3)] = "a"
    ) -> list[Any]:
        return [n, s]

    @app.post("/b")
    async def b(items: Annotated[list[int], msgspec.Meta(max_length=2)]) -> int:
        return len(items)

    async with client_for(app) as client:
        assert (await client.get("/m?n=2&s=abc")).json() == [2, "abc"]
        bad = await client.get("/m?n=0&s=abcd")
        long_body = await client.post("/b", json=[1, 2, 3])
    assert [e["type"] for e in bad.json()["detail"]] == ["greater_than_equal", "string_too_long"]
    assert long_body.status_code == 422
    assert long_body.json()["detail"][0]["type"] == "too_long"


async def test_a_bare_list_is_the_body_and_a_list_with_query_the_query_string_as_in_fastapi(
    client_for: ClientFor,
) -> None:
    app = Faster()

    @app.post("/bare")
    async def bare(ids: list[int]) -> list[int]:
        return ids

    @app.get("/query")
    async def query(ids: Annotated[list[int], Query()]) -> list[int]:
        return ids

    async with client_for(app) as client:
        assert (await client.post("/bare", json=[1, 2])).json() == [1, 2]
        missing = await client.post("/bare?ids=1&ids=2")
        assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body"]
        assert (await client.get("/query?ids=1&ids=2")).json() == [1, 2]
    parameters = app.openapi()["paths"]["/query"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [("ids", "query")]
    assert "requestBody" in app.openapi()["paths"]["/bare"]["post"]
