"""Regressions of issue 16: input the document allows or refuses is answered as documented, never with a 500.

Each test failed before its fix: non-finite Decimals were accepted (and broke every later encoding),
``?x=null`` on ``float | None`` with ``ge`` raised a TypeError while building the 422, Decimals went
out as numbers while documented as strings, formats and ``Body()`` constraints were missing from the
document, and ``3.0`` was refused for an ``int``.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Annotated, Any

import msgspec
import pytest
from hypothesis import given, settings, strategies as st

from fasterapi_core import Body, Faster, Query
from fasterapi_testclient import TestClient


class Item(msgspec.Struct):
    name: str
    price: decimal.Decimal
    count: int = 1


class Order(msgspec.Struct):
    items: list[Item]
    total: decimal.Decimal | None = None


def make_app() -> Faster:
    app = Faster()
    stored: list[Item] = []

    @app.post("/items")
    async def create(item: Item) -> Item:
        stored.append(item)
        return item

    @app.get("/items")
    async def listing() -> list[Item]:
        return stored

    @app.post("/orders")
    async def order(order: Order) -> Order:
        return order

    @app.post("/amount")
    async def amount(value: Annotated[decimal.Decimal, Body(embed=True)]) -> dict[str, Any]:
        return {"value": value}

    @app.get("/search")
    async def search(
        min_price: Annotated[float | None, Query(ge=0)] = None,
        limit: Annotated[int | None, Query(gt=0, le=100)] = None,
        cost: decimal.Decimal | None = None,
        count: int | None = None,
    ) -> dict[str, Any]:
        return {"min_price": min_price, "limit": limit, "cost": cost, "count": count}

    @app.post("/lone")
    async def lone(x: Annotated[int, Body(ge=1, le=10)]) -> int:
        return x

    @app.post("/embedded")
    async def embedded(
        name: Annotated[str, Body(min_length=2, max_length=5, pattern="^a")],
        weight: Annotated[float, Body(gt=0, lt=1000)],
    ) -> str:
        return name

    class When(msgspec.Struct):
        at: datetime.datetime
        day: datetime.date
        clock: datetime.time
        span: datetime.timedelta
        ident: uuid.UUID
        maybe_at: datetime.datetime | None = None

    @app.post("/when")
    async def when(
        body: When,
        at: datetime.datetime,
        clock: datetime.time | None = None,
        ident: uuid.UUID | None = None,
        day: datetime.date | None = None,
    ) -> When:
        return body

    return app


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(make_app()) as test_client:
        yield test_client


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-Infinity", "inf", "sNaN"])
def test_non_finite_decimal_is_refused_at_input_and_later_reads_still_work(client: TestClient, text: str) -> None:
    answer = client.post("/items", json={"name": "a", "price": text})
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error["type"] == "finite_number"
    assert error["loc"] == ["body", "price"]
    assert error["msg"] == "Input should be a finite number"
    nested = client.post("/orders", json={"items": [{"name": "a", "price": "1"}], "total": text})
    assert nested.status_code == 422
    assert nested.json()["detail"][0]["loc"] == ["body", "total"]
    deep = client.post("/orders", json={"items": [{"name": "a", "price": text}]})
    assert deep.json()["detail"][0]["loc"] == ["body", "items", 0, "price"]
    assert client.post("/amount", json={"value": text}).status_code == 422
    query = client.get("/search", params={"cost": text})
    assert query.status_code == 422
    assert query.json()["detail"][0]["type"] == "finite_number"
    assert client.get("/items").status_code == 200


def test_decimal_is_sent_as_a_string_and_read_from_number_or_string(client: TestClient) -> None:
    assert client.post("/items", json={"name": "a", "price": 1.25}).json() == {"name": "a", "price": "1.25", "count": 1}
    assert client.post("/items", json={"name": "a", "price": "0.10"}).json()["price"] == "0.10"
    assert client.post("/amount", json={"value": "2.50"}).json() == {"value": "2.50"}
    assert client.get("/search", params={"cost": "3.5"}).json()["cost"] == "3.5"


@pytest.mark.parametrize("text", ["null", "None", "", "abc", "-1", "nan"])
def test_null_text_for_an_optional_constrained_number_is_a_422(client: TestClient, text: str) -> None:
    answer = client.get("/search", params={"min_price": text})
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error["loc"] == ["query", "min_price"]
    assert error["input"] == text
    limit = client.get("/search", params={"limit": text})
    assert limit.status_code == 422
    assert limit.json()["detail"][0]["loc"] == ["query", "limit"]


def test_null_text_is_text_for_optional_numbers(client: TestClient) -> None:
    answer = client.get("/search", params={"count": "null"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["type"] == "int_parsing"


def test_an_integral_float_is_an_integer(client: TestClient) -> None:
    assert client.post("/items", json={"name": "a", "price": "1", "count": 3.0}).json()["count"] == 3
    assert client.post("/lone", json=7.0).json() == 7
    assert client.get("/search", params={"count": "3.0"}).json()["count"] == 3
    assert client.get("/search", params={"limit": "5.00"}).json()["limit"] == 5
    fraction = client.post("/items", json={"name": "a", "price": "1", "count": 3.5})
    assert fraction.json()["detail"] == [
        {
            "type": "int_from_float",
            "loc": ["body", "count"],
            "msg": "Input should be a valid integer, got a number with a fractional part",
            "input": 3.5,
        }
    ]
    # Another field's error is reported alone: the integral float is not blamed.
    both = client.post("/items", json={"name": 5, "price": "1", "count": 3.0})
    assert [error["loc"] for error in both.json()["detail"]] == [["body", "name"]]
    assert client.get("/search", params={"count": "3.5"}).json()["detail"][0]["type"] == "int_parsing"
    assert client.post("/lone", json=11.0).json()["detail"][0]["type"] == "less_than_equal"


def _document(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def test_decimal_is_documented_number_or_string_in_and_string_out(client: TestClient) -> None:
    schemas = _document(client)["components"]["schemas"]
    price_in = schemas["Item-Input"]["properties"]["price"]
    assert [branch["type"] for branch in price_in["anyOf"]] == ["number", "string"]
    assert schemas["Item-Output"]["properties"]["price"] == {"type": "string", "title": "Price"}
    # A component that holds a split one is split too; its references follow.
    assert schemas["Order-Input"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/Item-Input"}
    assert schemas["Order-Output"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/Item-Output"}
    paths = _document(client)["paths"]
    create = paths["/items"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Item-Input"}
    assert create["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Item-Output"
    }


def test_dates_times_and_uuids_are_documented_with_their_format(client: TestClient) -> None:
    document = _document(client)
    when = document["components"]["schemas"]["When"]["properties"]
    assert when["at"]["format"] == "date-time"
    assert when["day"]["format"] == "date"
    assert when["clock"]["format"] == "time"
    assert when["span"]["format"] == "duration"
    assert when["ident"]["format"] == "uuid"
    assert {"type": "string", "format": "date-time"} in when["maybe_at"]["anyOf"]
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/when"]["post"]["parameters"]}
    assert parameters["at"]["format"] == "date-time"
    for name, expected in (("clock", "time"), ("ident", "uuid"), ("day", "date")):
        assert {"type": "string", "format": expected} in parameters[name]["anyOf"]


def test_body_constraints_are_documented(client: TestClient) -> None:
    document = _document(client)
    lone = document["paths"]["/lone"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert lone["type"] == "integer"
    assert (lone["minimum"], lone["maximum"]) == (1, 10)
    ref = document["paths"]["/embedded"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    embedded = document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert (embedded["name"]["minLength"], embedded["name"]["maxLength"], embedded["name"]["pattern"]) == (2, 5, "^a")
    assert (embedded["weight"]["exclusiveMinimum"], embedded["weight"]["exclusiveMaximum"]) == (0, 1000)


# Every constraint on every scalar type a query parameter can have, optional or not: any text gets
# a 200 or a well-formed 422, never a 500 (the TestClient raises the server's exception if one escapes).
_NUMERIC_BOUNDS = {"gt": 0, "ge": 0, "lt": 100, "le": 100}
_TEXT_BOUNDS = {"min_length": 2, "max_length": 5, "pattern": "^[a-z]+$"}
_TYPES: dict[str, tuple[Any, dict[str, Any]]] = {
    "int": (int, _NUMERIC_BOUNDS),
    "float": (float, _NUMERIC_BOUNDS),
    "decimal": (decimal.Decimal, {}),
    "str": (str, _TEXT_BOUNDS),
    "bytes": (bytes, {"min_length": 2, "max_length": 5}),
    "bool": (bool, {}),
    "date": (datetime.date, {}),
    "datetime": (datetime.datetime, {}),
    "uuid": (uuid.UUID, {}),
    "list_int": (list[int], {"min_length": 1, "max_length": 3}),
    "list_str": (list[str], {"min_length": 1, "max_length": 3}),
}


def _constraint_app() -> tuple[Faster, list[str]]:
    app = Faster()
    names: list[str] = []
    for label, (tp, bounds) in _TYPES.items():
        options: list[dict[str, Any]] = [{}] + [{key: value} for key, value in bounds.items()]
        if bounds:  # all at once (msgspec takes one lower and one upper bound)
            options.append({key: value for key, value in bounds.items() if key not in ("gt", "lt")})
        for number, constraint in enumerate(options):
            for optional in (False, True):
                annotation = (tp | None) if optional else tp
                default = None if optional else ...
                path = f"/{label}/{number}/{'opt' if optional else 'req'}"

                async def endpoint(value: Any) -> dict[str, Any]:
                    return {"value": str(value)}

                endpoint.__annotations__ = {"value": Annotated[annotation, Query(default, **constraint)]}
                app.get(path)(endpoint)
                names.append(path)
    return app, names


_APP, _PATHS = _constraint_app()
_CLIENT = TestClient(_APP)
_TEXTS = st.one_of(
    st.sampled_from(["null", "None", "", "nan", "NaN", "inf", "-Infinity", "3.0", "3.5", "-1", "0", "1e3", "true"]),
    st.text(max_size=8),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(path=st.sampled_from(_PATHS), texts=st.lists(_TEXTS, min_size=0, max_size=3))
def test_every_constraint_and_type_answers_200_or_422(path: str, texts: list[str]) -> None:
    answer = _CLIENT.get(path, params=[("value", text) for text in texts])
    assert answer.status_code in (200, 422), (path, texts, answer.text)
    if answer.status_code == 422:
        for error in answer.json()["detail"]:
            assert error["loc"][:2] == ["query", "value"]
            assert isinstance(error["msg"], str) and error["msg"]
