"""pydantic v2 models behind the model seam: validation, errors, responses and OpenAPI as FastAPI has them.

Skipped when pydantic is not installed (it is an optional extra: ``fasterapi-core[pydantic]``).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

import httpx
import msgspec
import pytest

pydantic = pytest.importorskip("pydantic")

from pydantic import (  # noqa: E402
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    SecretStr,
    computed_field,
    conint,
    constr,
    field_validator,
)

from fasterapi_core import Body, Faster, FasterAPIError  # noqa: E402
from fasterapi_core.encoders import jsonable_encoder  # noqa: E402

T = TypeVar("T")


def client_for(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


class Money(BaseModel):
    amount: Decimal
    currency: str = "EUR"


class Account(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    account_id: int = Field(alias="accountId")
    balance: Money
    secret: SecretStr
    code: constr(pattern=r"^[A-Z]{3}$")  # type: ignore[valid-type]
    level: conint(ge=1, le=5) = 1  # type: ignore[valid-type]

    @field_validator("account_id")
    @classmethod
    def positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("must be positive")
        return value


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class Rect(BaseModel):
    w: int
    h: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def area(self) -> int:
        return self.w * self.h


def _app() -> Faster:
    app = Faster()

    @app.post("/accounts/")
    def create(account: Account) -> Account:  # a sync handler, run in a thread
        assert isinstance(account, Account)
        return account

    @app.get("/accounts/", response_model=Page[Account])
    async def listing() -> Any:
        return {"items": [{"account_id": 1, "balance": {"amount": "1.10"}, "secret": "s", "code": "ABC"}], "total": 1}

    @app.post("/rect/")
    async def rect(r: Rect) -> Rect:
        return r

    @app.get("/money/", response_model=Money, response_model_exclude_defaults=True)
    async def money() -> Any:
        return Money(amount=Decimal("2"), currency="EUR")

    @app.get("/plain/")
    async def plain() -> Any:  # no response model: encoded as FastAPI's jsonable_encoder would
        return {"rect": Rect(w=1, h=2), "url": HttpUrl("http://example.com/x")}

    return app


async def test_errors_keep_pydantics_types_messages_and_ctx() -> None:
    payload = {"accountId": 0, "balance": {"amount": "x"}, "secret": "s", "code": "abc", "level": 9, "other": 1}
    async with client_for(_app()) as client:
        response = await client.post("/accounts/", json=payload)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", "accountId"],
                "msg": "Value error, must be positive",
                "input": 0,
                "ctx": {"error": {}},
            },
            {
                "type": "decimal_parsing",
                "loc": ["body", "balance", "amount"],
                "msg": "Input should be a valid decimal",
                "input": "x",
            },
            {
                "type": "string_pattern_mismatch",
                "loc": ["body", "code"],
                "msg": "String should match pattern '^[A-Z]{3}$'",
                "input": "abc",
                "ctx": {"pattern": "^[A-Z]{3}$"},
            },
            {
                "type": "less_than_equal",
                "loc": ["body", "level"],
                "msg": "Input should be less than or equal to 5",
                "input": 9,
                "ctx": {"le": 5},
            },
            {"type": "extra_forbidden", "loc": ["body", "other"], "msg": "Extra inputs are not permitted", "input": 1},
        ]
    }


async def test_aliases_populate_by_name_secrets_and_generic_responses() -> None:
    payload = {"account_id": 3, "balance": {"amount": 1.5}, "secret": "s", "code": "ABC"}
    async with client_for(_app()) as client:
        created = await client.post("/accounts/", json=payload)
        listed = await client.get("/accounts/")
    assert created.json() == {
        "accountId": 3,
        "balance": {"amount": "1.5", "currency": "EUR"},
        "secret": "**********",
        "code": "ABC",
        "level": 1,
    }
    assert listed.json() == {
        "items": [
            {
                "accountId": 1,
                "balance": {"amount": "1.10", "currency": "EUR"},
                "secret": "**********",
                "code": "ABC",
                "level": 1,
            }
        ],
        "total": 1,
    }


async def test_computed_fields_defaults_and_models_without_a_response_model() -> None:
    async with client_for(_app()) as client:
        rect = await client.post("/rect/", json={"w": 2, "h": 3})
        money = await client.get("/money/")
        plain = await client.get("/plain/")
    assert rect.json() == {"w": 2, "h": 3, "area": 6}
    assert money.json() == {"amount": "2"}
    assert plain.json() == {"rect": {"w": 1, "h": 2, "area": 2}, "url": "http://example.com/x"}
    assert jsonable_encoder(Money(amount=Decimal("1.5"))) == {"amount": "1.5", "currency": "EUR"}


async def test_openapi_has_pydantics_input_and_output_schemas() -> None:
    async with client_for(_app()) as client:
        document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    assert sorted(schemas) == [
        "Account-Input",
        "Account-Output",
        "HTTPValidationError",
        "Money-Input",
        "Money-Output",
        "Page_Account_",
        "Rect-Input",
        "Rect-Output",
        "ValidationError",
    ]
    assert schemas["Money-Input"]["properties"]["amount"] == {
        "anyOf": [{"type": "number"}, {"type": "string"}],
        "title": "Amount",
    }
    assert schemas["Money-Output"]["properties"]["amount"] == {"type": "string", "title": "Amount"}
    assert schemas["Rect-Output"]["required"] == ["w", "h", "area"]
    create = document["paths"]["/accounts/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Account-Input"
    }
    assert create["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Account-Output"
    }


async def test_openapi_without_separate_input_output_schemas() -> None:
    from fasterapi_core.openapi.utils import get_openapi

    app = _app()
    document = get_openapi(title="t", version="1", routes=app.routes, separate_input_output_schemas=False)
    names = set(document["components"]["schemas"])
    assert {"Account", "Money", "Rect-Output"} <= names  # computed fields still need an output schema
    assert "Money-Input" not in names


async def test_a_msgspec_and_a_pydantic_model_of_the_same_name_both_keep_their_schema() -> None:
    class Item(msgspec.Struct):
        id: int

    first = Item

    class Item(BaseModel):  # type: ignore[no-redef]
        name: str

    app = Faster()

    @app.post("/a/")
    async def a(item: first) -> None:  # type: ignore[valid-type]
        return None

    @app.post("/b/")
    async def b(item: Item) -> None:
        return None

    async with client_for(app) as client:
        document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    refs = [
        document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for path in ("/a/", "/b/")
    ]
    assert refs[0] != refs[1]
    found = [schemas[ref.rsplit("/", 1)[1]] for ref in refs]
    assert list(found[0]["properties"]) == ["id"]
    assert list(found[1]["properties"]) == ["name"]


async def test_body_constraints_on_scalars_next_to_pydantic_models() -> None:
    app = Faster()

    @app.post("/rate/")
    async def rate(rect: Rect, stars: Annotated[int, Body(ge=1, le=5)], note: Annotated[str, Body()] = "") -> Any:
        return {"area": rect.area, "stars": stars, "note": note}

    async with client_for(app) as client:
        ok = await client.post("/rate/", json={"rect": {"w": 2, "h": 2}, "stars": "4"})
        bad = await client.post("/rate/", json={"rect": {"w": 2, "h": 2}, "stars": 6})
        not_object = await client.post("/rate/", json=[1])
    assert ok.json() == {"area": 4, "stars": 4, "note": ""}
    assert bad.json()["detail"] == [
        {
            "type": "less_than_equal",
            "loc": ["body", "stars"],
            "msg": "Input should be less than or equal to 5",
            "input": 6,
            "ctx": {"le": 5},
        }
    ]
    assert not_object.json()["detail"] == [
        {"type": "missing", "loc": ["body", "rect"], "msg": "Field required", "input": None},
        {"type": "missing", "loc": ["body", "stars"], "msg": "Field required", "input": None},
        {"type": "missing", "loc": ["body", "note"], "msg": "Field required", "input": None},  # FastAPI: each one
    ]


def test_a_pydantic_model_inside_a_struct_is_refused_at_declaration() -> None:
    class Order(msgspec.Struct):
        rect: Rect

    app = Faster()
    with pytest.raises(FasterAPIError, match=r"Order has a field of type .*Rect.* make .*Order a pydantic model too"):

        @app.post("/orders/")
        async def create(order: Order) -> None:
            return None

    @dataclasses.dataclass
    class Box:
        rects: list[Rect]

    with pytest.raises(FasterAPIError, match="Box has a field"):

        @app.get("/boxes/", response_model=Box)
        async def boxes() -> Any:
            return None


def test_a_struct_inside_a_pydantic_model_is_refused_at_declaration() -> None:
    class Point(msgspec.Struct):
        x: int

    class Shape(BaseModel):  # pydantic itself refuses the Struct unless arbitrary types are allowed
        model_config = ConfigDict(arbitrary_types_allowed=True)

        points: list[Point]

    app = Faster()
    with pytest.raises(
        FasterAPIError, match=r"Shape.* has a field of type .*Point.*not supported: use one model library"
    ):

        @app.post("/shapes/")
        async def create(shape: Shape) -> None:
            return None


async def test_pydantic_value_types_as_query_body_and_form_parameters() -> None:
    from pydantic import EmailStr

    from fasterapi_core import Form, Query

    app = Faster()

    @app.get("/q/")
    async def by_query(email: Annotated[EmailStr, Query()], n: conint(ge=1) = 1) -> Any:  # type: ignore[valid-type]
        return {"email": email, "n": n}

    @app.post("/subscribe/")
    async def subscribe(email: Annotated[EmailStr, Body(embed=True)]) -> Any:
        return {"email": email}

    @app.post("/site/")
    async def site(url: Annotated[HttpUrl, Form()]) -> Any:
        return {"url": url}

    async with client_for(app) as client:
        ok = await client.get("/q/?email=a@b.com&n=2")
        bad = await client.get("/q/?email=nope&n=0")
        subscribed = await client.post("/subscribe/", json={"email": "a@b.com"})
        form_ok = await client.post("/site/", data={"url": "http://x.com"})
        form_bad = await client.post("/site/", data={"url": "nope"})
        document = (await client.get("/openapi.json")).json()
    assert ok.json() == {"email": "a@b.com", "n": 2}
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["query", "email"],
            "msg": "value is not a valid email address: An email address must have an @-sign.",
            "input": "nope",
            "ctx": {"reason": "An email address must have an @-sign."},
        },
        {
            "type": "greater_than_equal",
            "loc": ["query", "n"],
            "msg": "Input should be greater than or equal to 1",
            "input": "0",
            "ctx": {"ge": 1},
        },
    ]
    assert subscribed.json() == {"email": "a@b.com"}
    assert form_ok.json() == {"url": "http://x.com/"}
    assert form_bad.json()["detail"][0]["type"] == "url_parsing"
    assert form_bad.json()["detail"][0]["loc"] == ["body", "url"]
    parameters = document["paths"]["/q/"]["get"]["parameters"]
    assert parameters[0]["schema"] == {"type": "string", "format": "email", "title": "Email"}
    assert parameters[1]["schema"]["minimum"] == 1


async def test_a_pydantic_parameter_model_s_errors_join_the_other_parameters_in_one_422() -> None:
    from fasterapi_core import Header, Query

    class Filters(BaseModel):
        limit: int = Field(ge=1)
        q: str

    app = Faster()

    @app.get("/search")
    async def search(filters: Annotated[Filters, Query()], page: int, x_token: Annotated[str, Header()]) -> Any:
        return {"limit": filters.limit, "page": page}

    async with client_for(app) as c:
        r = await c.get("/search?limit=0")
        assert r.status_code == 422
        assert [(e["type"], e["loc"]) for e in r.json()["detail"]] == [
            ("greater_than_equal", ["query", "limit"]),
            ("missing", ["query", "q"]),
            ("missing", ["query", "page"]),
            ("missing", ["header", "x-token"]),
        ]
        r = await c.get("/search?limit=2&q=a&page=x", headers={"x-token": "t"})
        assert [(e["type"], e["loc"]) for e in r.json()["detail"]] == [("int_parsing", ["query", "page"])]
        r = await c.get("/search?limit=2&q=a&page=3", headers={"x-token": "t"})
        assert r.json() == {"limit": 2, "page": 3}
