"""``jsonable_encoder`` gives plain JSON data for the values handlers return."""

import dataclasses
import datetime
import decimal
import enum
import uuid

import msgspec

from fasterapi_core import jsonable_encoder


class Color(enum.Enum):
    RED = "red"


class Item(msgspec.Struct):
    name: str
    price: float
    tags: set[str] = set()
    note: str | None = None


@dataclasses.dataclass
class Point:
    x: int
    y: int


def test_structs_dataclasses_and_scalars_become_builtins() -> None:
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    ident = uuid.UUID(int=1)
    data = jsonable_encoder(
        {"item": Item("a", 1.5, {"x"}), "point": Point(1, 2), "when": when, "id": ident, "color": Color.RED}
    )
    assert data == {
        "item": {"name": "a", "price": 1.5, "tags": ["x"], "note": None},
        "point": {"x": 1, "y": 2},
        "when": "2024-01-02T03:04:05Z",
        "id": str(ident),
        "color": "red",
    }
    assert jsonable_encoder([decimal.Decimal("1.5"), decimal.Decimal("2")]) == [1.5, 2]


def test_include_exclude_and_exclude_none() -> None:
    item = Item("a", 1.0)
    assert jsonable_encoder(item, include={"name"}) == {"name": "a"}
    assert jsonable_encoder(item, exclude={"tags", "note"}) == {"name": "a", "price": 1.0}
    assert jsonable_encoder({"a": None, "b": [{"c": None, "d": 1}]}, exclude_none=True) == {"b": [{"d": 1}]}


def test_custom_encoder_wins_at_any_depth() -> None:
    when = datetime.date(2024, 5, 6)
    encoded = jsonable_encoder({"days": [when]}, custom_encoder={datetime.date: lambda d: d.toordinal()})
    assert encoded == {"days": [when.toordinal()]}


def test_tuples_frozensets_and_bytes_become_json_data_as_in_fastapi() -> None:
    import datetime

    from fasterapi_core.encoders import jsonable_encoder

    value = {"a": datetime.date(2024, 1, 2), "b": (1, 2), "c": frozenset({3}), "d": b'{"size":"big"}', "e": [(1, b"x")]}
    assert jsonable_encoder(value) == {"a": "2024-01-02", "b": [1, 2], "c": [3], "d": '{"size":"big"}', "e": [[1, "x"]]}


class Stamp(datetime.datetime):  # freezegun's FakeDatetime and pendulum's DateTime are such subclasses
    pass


class Day(datetime.date):
    pass


class Clock(datetime.time):
    pass


class Span(datetime.timedelta):
    pass


class Money(decimal.Decimal):
    pass


class Blob(bytes):
    pass


class Markup(str):  # markupsafe's Markup is one
    def __str__(self) -> str:
        return "not the value"


class Count(int):
    pass


class Ratio(float):
    pass


def test_subclasses_of_encoded_scalars_go_out_as_their_base_class() -> None:
    """msgspec encodes these classes itself but hands their subclasses to the hook; the answer must not change."""
    from fasterapi_core.encoders import encode_json

    utc = datetime.timezone.utc
    subclassed = [
        Stamp(2024, 1, 2, 3, 4, 5, tzinfo=utc),
        Stamp(2024, 1, 2, 3, 4, 5, 6),
        Day(2024, 1, 2),
        Clock(3, 4, 5),
        Span(days=1, seconds=3),
        Money("1.50"),
        Blob(b"ab"),
        Markup("<b>"),
        Count(3),
        Ratio(0.5),
    ]
    plain = [
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc),
        datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
        datetime.date(2024, 1, 2),
        datetime.time(3, 4, 5),
        datetime.timedelta(days=1, seconds=3),
        decimal.Decimal("1.50"),
        b"ab",
        "<b>",
        3,
        0.5,
    ]
    assert encode_json(subclassed) == encode_json(plain)
    assert encode_json(subclassed).startswith(b'["2024-01-02T03:04:05Z","2024-01-02T03:04:05.000006","2024-01-02"')
    assert jsonable_encoder(subclassed) == jsonable_encoder(plain)


def test_objects_with_model_dump_or_dict_are_sent_as_that_dict() -> None:
    from fasterapi_core.encoders import encode_json

    class Dumps:
        def model_dump(self) -> dict[str, int]:
            return {"a": 1}

    class Dicts:
        def dict(self) -> dict[str, int]:
            return {"b": 2}

    assert encode_json([Dumps(), Dicts()]) == b'[{"a":1},{"b":2}]'
    assert jsonable_encoder([Dumps(), Dicts()]) == [{"a": 1}, {"b": 2}]


async def test_deques_and_generators_become_lists_as_in_fastapi() -> None:
    from collections import deque

    import httpx

    from fasterapi_core import Faster

    recent = deque([3, 2, 1], maxlen=3)
    assert jsonable_encoder(recent) == [3, 2, 1]
    assert jsonable_encoder({"ids": (n * 2 for n in range(3)), "nested": [deque([Color.RED])]}) == {
        "ids": [0, 2, 4],
        "nested": [["red"]],
    }
    app = Faster()

    @app.get("/recent")
    async def latest():  # type: ignore[no-untyped-def]  # an unannotated handler, as FastAPI users write them
        return {"recent": recent, "squares": (n * n for n in range(3))}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/recent")
    assert (response.status_code, response.json()) == (200, {"recent": [3, 2, 1], "squares": [0, 1, 4]})
