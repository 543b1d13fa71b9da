"""The OpenAPI document checked against what the server does, for every type a JSON body field can have.

One row per type: its input and output schemas are read from the app's own document; every sample
the schema (with formats checked) calls valid must be accepted and every sample it calls invalid
refused with a 422; every answer's value must be valid against the documented output schema.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import re
import uuid
from typing import Annotated, Any, Literal, TypedDict

import jsonschema
import msgspec
import pytest

from fasterapi_core import Body, Faster
from fasterapi_testclient import TestClient


class Color(str, enum.Enum):
    red = "red"
    blue = "blue"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Point(msgspec.Struct):
    x: int
    price: decimal.Decimal = decimal.Decimal("0")


@dataclasses.dataclass
class Box:
    width: float
    label: str = "box"


class Pair(TypedDict):
    name: str
    count: int


NOW = "2020-01-02T03:04:05Z"
ID = str(uuid.UUID(int=7))

#: name -> (type, samples the server accepts, samples it refuses)
TABLE: dict[str, tuple[Any, list[Any], list[Any]]] = {
    "str": (str, ["a", ""], [1, None, True, ["a"]]),
    "int": (int, [3, -5, 0, 3.0, 10**15], [3.5, "3", True, None, "x"]),
    "float": (float, [1.5, 2, -0.0], ["1.5", None, True]),
    "bool": (bool, [True, False], [1, "true", None]),
    "decimal": (decimal.Decimal, ["1.50", 2, 2.5, "-3e2", ".5"], ["NaN", "Infinity", "-Infinity", "abc", "", True]),
    "datetime": (datetime.datetime, [NOW, "2020-01-02T03:04:05.5+02:00"], ["2020-01-02", "yesterday", 5, None]),
    "date": (datetime.date, ["2020-01-02"], ["2020-13-01", "today", 5]),
    "time": (datetime.time, ["03:04:05Z", "03:04:05.25+01:00"], ["25:00:00Z", "noon", 5]),
    "timedelta": (datetime.timedelta, ["PT3S", "P1DT2H"], [None, True, ["PT3S"]]),
    "uuid": (uuid.UUID, [ID, ID.upper()], ["not-a-uuid", 5]),
    "bytes": (bytes, ["aGVsbG8=", ""], [5, None]),
    "enum": (Color, ["red", "blue"], ["green", 1]),
    "int_enum": (Level, [1, 2], [3, "1"]),
    "literal": (Literal["a", "b"], ["a", "b"], ["c", 1]),
    "list": (list[int], [[1, 2], []], [[1, "2"], "1", None]),
    "tuple": (tuple[int, str], [[1, "a"]], [[1], [1, "a", 2], ["a", 1]]),
    "dict": (dict[str, int], [{"a": 1}, {}], [{"a": "x"}, [], None]),
    "optional": (int | None, [1, None], ["x", 1.5]),
    "union": (int | str, [1, "x"], [1.5, None, True]),
    "struct": (Point, [{"x": 1, "price": "2.5"}, {"x": 2}], [{"x": "a"}, {}, {"x": 1, "price": "NaN"}]),
    "dataclass": (Box, [{"width": 1.5, "label": "b"}, {"width": 2}], [{"width": "wide"}, {"label": "b"}]),
    "typeddict": (Pair, [{"name": "n", "count": 1}], [{"name": "n"}, {"name": 1, "count": 1}]),
    "bounded_int": (Annotated[int, msgspec.Meta(ge=1, le=5)], [1, 5, 3.0], [0, 6]),
    "bounded_str": (
        Annotated[str, msgspec.Meta(min_length=2, max_length=4, pattern="^a")],
        ["ab", "abcd"],
        ["a", "bb", "abcde"],
    ),
    "bounded_list": (Annotated[list[str], msgspec.Meta(min_length=1, max_length=2)], [["a"]], [[], ["a", "b", "c"]]),
}


def _app() -> Faster:
    app = Faster()
    for name, (tp, _, _) in TABLE.items():
        app.post(f"/echo/{name}")(_echo(name, tp))
    return app


def _echo(name: str, tp: Any) -> Any:
    """A handler taking ``{"value": <tp>}`` and answering it in a ``{"value": <tp>}`` response model."""
    out = msgspec.defstruct(f"Out_{name}", [("value", tp)])

    async def endpoint(value: Any) -> Any:
        return out(value)

    endpoint.__annotations__ = {"value": Annotated[tp, Body(embed=True)], "return": out}
    endpoint.__name__ = f"echo_{name}"
    return endpoint


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(_app()) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    answer: dict[str, Any] = client.get("/openapi.json").json()
    return answer


def _schemas(document: dict[str, Any], name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The documented input and output schemas of the ``value`` field of ``/echo/{name}``."""
    operation = document["paths"][f"/echo/{name}"]["post"]
    body_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    out_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    components = document["components"]["schemas"]
    body = components[body_ref.rsplit("/", 1)[1]]["properties"]["value"]
    out = components[out_ref.rsplit("/", 1)[1]]["properties"]["value"]
    return body, out


#: Formats checked as JSON Schema defines them (RFC 3339 ``time`` is checked below: jsonschema's own
#: ``time`` check, without optional packages, wants ``HH:MM:SS`` with no offset).
FORMATS = jsonschema.FormatChecker(formats=("date-time", "date", "uuid"))
_FULL_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|z|[+-]([01]\d|2[0-3]):[0-5]\d)")


@FORMATS.checks("time")
def _rfc3339_time(value: object) -> bool:
    return not isinstance(value, str) or _FULL_TIME.fullmatch(value) is not None


def _valid(schema: dict[str, Any], document: dict[str, Any], value: Any) -> bool:
    rooted = {**schema, "components": document["components"]}
    return bool(jsonschema.Draft202012Validator(rooted, format_checker=FORMATS).is_valid(value))


#: Accepted beyond the documented schema, as FastAPI accepts and documents them (known, kept for parity):
#: a ``timedelta`` given as a number of seconds (documented only as an ISO 8601 ``duration`` string).
WIDER_THAN_DOCUMENTED: dict[str, list[Any]] = {"timedelta": [3.5, 0]}


@pytest.mark.parametrize("name", list(WIDER_THAN_DOCUMENTED))
def test_known_input_wider_than_documented(client: TestClient, name: str) -> None:
    for sample in WIDER_THAN_DOCUMENTED[name]:
        assert client.post(f"/echo/{name}", json={"value": sample}).status_code == 200


@pytest.mark.parametrize("name", list(TABLE))
def test_documented_schema_matches_what_the_server_accepts_and_sends(
    client: TestClient, document: dict[str, Any], name: str
) -> None:
    _, accepted, refused = TABLE[name]
    input_schema, output_schema = _schemas(document, name)
    for sample in accepted:
        assert _valid(input_schema, document, sample), f"{name}: {sample!r} is accepted but documented invalid"
        answer = client.post(f"/echo/{name}", json={"value": sample})
        assert answer.status_code == 200, (name, sample, answer.text)
        sent = answer.json()["value"]
        assert _valid(output_schema, document, sent), f"{name}: sent {sent!r}, documented {output_schema}"
    for sample in refused:
        assert not _valid(input_schema, document, sample), f"{name}: {sample!r} is refused but documented valid"
        answer = client.post(f"/echo/{name}", json={"value": sample})
        assert answer.status_code == 422, (name, sample, answer.text)
        assert answer.json()["detail"][0]["loc"][:2] == ["body", "value"], answer.text


def test_formats_are_documented(document: dict[str, Any]) -> None:
    formats = {
        "datetime": "date-time",
        "date": "date",
        "time": "time",
        "timedelta": "duration",
        "uuid": "uuid",
    }
    for name, expected in formats.items():
        input_schema, output_schema = _schemas(document, name)
        assert input_schema["format"] == output_schema["format"] == expected


def test_decimal_is_number_or_string_in_and_string_out(document: dict[str, Any]) -> None:
    input_schema, output_schema = _schemas(document, "decimal")
    assert [branch["type"] for branch in input_schema["anyOf"]] == ["number", "string"]
    assert output_schema["type"] == "string"
