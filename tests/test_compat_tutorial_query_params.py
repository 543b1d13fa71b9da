"""FastAPI tutorial "Query Parameters", "Query Parameters and String Validations" and "Query Parameter
Models", with FasterAPI (msgspec.Struct instead of pydantic models, msgspec.Meta instead of Field)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
import pytest

from FasterAPI import Faster, Query
from FasterAPI.testclient import TestClient

FAKE_ITEMS_DB = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]
ITEMS = [{"item_id": "Foo"}, {"item_id": "Bar"}]
LONG = "This is an amazing item that has a long description"


def _query_app() -> Faster:
    app = Faster()

    @app.get("/items/")
    async def read_items(skip: int = 0, limit: int = 10) -> list[dict[str, str]]:
        return FAKE_ITEMS_DB[skip : skip + limit]

    @app.get("/optional/{item_id}")
    async def read_optional(item_id: str, q: str | None = None) -> dict[str, str]:
        if q:
            return {"item_id": item_id, "q": q}
        return {"item_id": item_id}

    @app.get("/short/{item_id}")
    async def read_short(item_id: str, q: str | None = None, short: bool = False) -> dict[str, str]:
        item = {"item_id": item_id}
        if q:
            item.update({"q": q})
        if not short:
            item.update({"description": LONG})
        return item

    @app.get("/users/{user_id}/items/{item_id}")
    async def read_user_item(user_id: int, item_id: str, q: str | None = None, short: bool = False) -> dict[str, Any]:
        item: dict[str, Any] = {"item_id": item_id, "owner_id": user_id}
        if q:
            item.update({"q": q})
        if not short:
            item.update({"description": LONG})
        return item

    @app.get("/needy/{item_id}")
    async def read_needy(item_id: str, needy: str) -> dict[str, str]:
        return {"item_id": item_id, "needy": needy}

    @app.get("/mixed/{item_id}")
    async def read_mixed(item_id: str, needy: str, skip: int = 0, limit: int | None = None) -> dict[str, Any]:
        return {"item_id": item_id, "needy": needy, "skip": skip, "limit": limit}

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_query_app())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/items/", FAKE_ITEMS_DB),
        ("/items/?skip=1", FAKE_ITEMS_DB[1:]),
        ("/items/?skip=1&limit=1", FAKE_ITEMS_DB[1:2]),
    ],
)
def test_defaults_and_int_conversion(client: TestClient, url: str, expected: list[dict[str, str]]) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == expected


def test_optional_query(client: TestClient) -> None:
    assert client.get("/optional/foo").json() == {"item_id": "foo"}
    assert client.get("/optional/foo?q=bar").json() == {"item_id": "foo", "q": "bar"}


@pytest.mark.parametrize("value", ["1", "True", "true", "on", "yes"])
def test_bool_query_true_spellings(client: TestClient, value: str) -> None:
    response = client.get(f"/short/foo?short={value}")
    assert response.status_code == 200
    assert response.json() == {"item_id": "foo"}


@pytest.mark.parametrize("value", ["0", "False", "false", "off", "no"])
def test_bool_query_false_spellings(client: TestClient, value: str) -> None:
    response = client.get(f"/short/foo?short={value}")
    assert response.status_code == 200
    assert response.json() == {"item_id": "foo", "description": LONG}


def test_bool_query_rejects_other_text(client: TestClient) -> None:
    response = client.get("/short/foo?short=maybe")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "bool_parsing",
                "loc": ["query", "short"],
                "msg": "Input should be a valid boolean, unable to interpret input",
                "input": "maybe",
            }
        ]
    }


def test_multiple_path_and_query_params(client: TestClient) -> None:
    response = client.get("/users/123/items/foo?q=bar&short=1")
    assert response.json() == {"item_id": "foo", "owner_id": 123, "q": "bar"}
    response = client.get("/users/123/items/foo")
    assert response.json() == {"item_id": "foo", "owner_id": 123, "description": LONG}


def test_required_query(client: TestClient) -> None:
    assert client.get("/needy/foo?needy=very").json() == {"item_id": "foo", "needy": "very"}
    response = client.get("/needy/foo")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["query", "needy"], "msg": "Field required", "input": None}]
    }


def test_required_default_and_optional_together(client: TestClient) -> None:
    response = client.get("/mixed/foo?needy=very")
    assert response.json() == {"item_id": "foo", "needy": "very", "skip": 0, "limit": None}
    response = client.get("/mixed/foo?needy=very&skip=1&limit=2")
    assert response.json() == {"item_id": "foo", "needy": "very", "skip": 1, "limit": 2}


def test_all_errors_reported_together(client: TestClient) -> None:
    response = client.get("/mixed/foo?skip=a&limit=b")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"type": "missing", "loc": ["query", "needy"], "msg": "Field required", "input": None},
            {
                "type": "int_parsing",
                "loc": ["query", "skip"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "a",
            },
            {
                "type": "int_parsing",
                "loc": ["query", "limit"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "b",
            },
        ]
    }


def _validations_app() -> Faster:
    app = Faster()

    def answer(q: str | None) -> dict[str, Any]:
        results: dict[str, Any] = {"items": list(ITEMS)}
        if q:
            results.update({"q": q})
        return results

    @app.get("/max/")
    async def read_max(q: str | None = Query(default=None, max_length=50)) -> dict[str, Any]:
        return answer(q)

    @app.get("/minmax/")
    async def read_minmax(q: Annotated[str | None, Query(min_length=3, max_length=50)] = None) -> dict[str, Any]:
        return answer(q)

    @app.get("/pattern/")
    async def read_pattern(
        q: Annotated[str | None, Query(min_length=3, max_length=50, pattern="^fixedquery$")] = None,
    ) -> dict[str, Any]:
        return answer(q)

    @app.get("/default/")
    async def read_default(q: Annotated[str, Query(min_length=3)] = "fixedquery") -> dict[str, Any]:
        return answer(q)

    @app.get("/required/")
    async def read_required(q: Annotated[str, Query(min_length=3)]) -> dict[str, Any]:
        return answer(q)

    @app.get("/ellipsis/")
    async def read_ellipsis(q: str = Query(default=..., min_length=3)) -> dict[str, Any]:
        return answer(q)

    @app.get("/title/")
    async def read_title(
        q: Annotated[str | None, Query(title="Query string", description="Search text", min_length=3)] = None,
    ) -> dict[str, Any]:
        return answer(q)

    @app.get("/alias/")
    async def read_alias(q: Annotated[str | None, Query(alias="item-query")] = None) -> dict[str, Any]:
        return answer(q)

    @app.get("/deprecated/")
    async def read_deprecated(
        q: Annotated[
            str | None,
            Query(
                alias="item-query",
                title="Query string",
                description="Query string for the items to search in the database that have a good match",
                min_length=3,
                max_length=50,
                pattern="^fixedquery$",
                deprecated=True,
            ),
        ] = None,
    ) -> dict[str, Any]:
        return answer(q)

    @app.get("/list/")
    async def read_list(q: Annotated[list[str] | None, Query()] = None) -> dict[str, Any]:
        return {"q": q}

    @app.get("/list-default/")
    async def read_list_default(q: Annotated[list[str], Query()] = ["foo", "bar"]) -> dict[str, Any]:  # noqa: B006
        return {"q": q}

    @app.get("/bare-list/")
    async def read_bare_list(q: Annotated[list, Query()] = []) -> dict[str, Any]:  # type: ignore[type-arg]  # noqa: B006
        return {"q": q}

    @app.get("/hidden/")
    async def read_hidden(
        hidden_query: Annotated[str | None, Query(include_in_schema=False)] = None,
    ) -> dict[str, Any]:
        if hidden_query:
            return {"hidden_query": hidden_query}
        return {"hidden_query": "Not found"}

    return app


@pytest.fixture(scope="module")
def validations() -> TestClient:
    return TestClient(_validations_app())


@pytest.mark.parametrize("url", ["/max/", "/minmax/", "/pattern/", "/title/", "/alias/", "/deprecated/"])
def test_optional_validated_query_absent(validations: TestClient, url: str) -> None:
    response = validations.get(url)
    assert response.status_code == 200
    assert response.json() == {"items": ITEMS}


def test_max_length(validations: TestClient) -> None:
    assert validations.get("/max/?q=query").json() == {"items": ITEMS, "q": "query"}
    response = validations.get("/max/", params={"q": "x" * 51})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_too_long",
                "loc": ["query", "q"],
                "msg": "String should have at most 50 characters",
                "input": "x" * 51,
                "ctx": {"max_length": 50},
            }
        ]
    }


def test_min_length(validations: TestClient) -> None:
    assert validations.get("/minmax/?q=abc").json() == {"items": ITEMS, "q": "abc"}
    response = validations.get("/minmax/?q=ab")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_too_short",
                "loc": ["query", "q"],
                "msg": "String should have at least 3 characters",
                "input": "ab",
                "ctx": {"min_length": 3},
            }
        ]
    }


def test_pattern(validations: TestClient) -> None:
    assert validations.get("/pattern/?q=fixedquery").json() == {"items": ITEMS, "q": "fixedquery"}
    response = validations.get("/pattern/?q=nonregexquery")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_pattern_mismatch",
                "loc": ["query", "q"],
                "msg": "String should match pattern '^fixedquery$'",
                "input": "nonregexquery",
                "ctx": {"pattern": "^fixedquery$"},
            }
        ]
    }


def test_default_value_with_validation(validations: TestClient) -> None:
    assert validations.get("/default/").json() == {"items": ITEMS, "q": "fixedquery"}
    assert validations.get("/default/?q=query").json() == {"items": ITEMS, "q": "query"}


@pytest.mark.parametrize("url", ["/required/", "/ellipsis/"])
def test_required_validated_query(validations: TestClient, url: str) -> None:
    assert validations.get(f"{url}?q=query").json() == {"items": ITEMS, "q": "query"}
    response = validations.get(url)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["query", "q"], "msg": "Field required", "input": None}]
    }


def test_title_and_description_do_not_change_behaviour(validations: TestClient) -> None:
    assert validations.get("/title/?q=query").json() == {"items": ITEMS, "q": "query"}


def test_alias_is_the_query_key(validations: TestClient) -> None:
    assert validations.get("/alias/?item-query=FooBar").json() == {"items": ITEMS, "q": "FooBar"}
    assert validations.get("/alias/?q=FooBar").json() == {"items": ITEMS}


def test_deprecated_alias_with_validations(validations: TestClient) -> None:
    response = validations.get("/deprecated/", params={"item-query": "fixedquery"})
    assert response.json() == {"items": ITEMS, "q": "fixedquery"}
    assert validations.get("/deprecated/", params={"q": "fixedquery"}).json() == {"items": ITEMS}
    response = validations.get("/deprecated/", params={"item-query": "nonregexquery"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "string_pattern_mismatch",
                "loc": ["query", "item-query"],
                "msg": "String should match pattern '^fixedquery$'",
                "input": "nonregexquery",
                "ctx": {"pattern": "^fixedquery$"},
            }
        ]
    }


def test_deprecated_shows_in_openapi(validations: TestClient) -> None:
    operation = validations.get("/openapi.json").json()["paths"]["/deprecated/"]["get"]
    (parameter,) = operation["parameters"]
    assert parameter["name"] == "item-query"
    assert parameter["deprecated"] is True


def test_list_query(validations: TestClient) -> None:
    assert validations.get("/list/?q=foo&q=bar").json() == {"q": ["foo", "bar"]}
    assert validations.get("/list/?q=foo").json() == {"q": ["foo"]}
    assert validations.get("/list/").json() == {"q": None}


def test_list_query_with_default(validations: TestClient) -> None:
    assert validations.get("/list-default/").json() == {"q": ["foo", "bar"]}
    assert validations.get("/list-default/?q=baz&q=foobar").json() == {"q": ["baz", "foobar"]}


def test_bare_list_query(validations: TestClient) -> None:
    assert validations.get("/bare-list/?q=foo&q=bar").json() == {"q": ["foo", "bar"]}
    assert validations.get("/bare-list/").json() == {"q": []}


def test_hidden_query_works_but_is_not_documented(validations: TestClient) -> None:
    assert validations.get("/hidden/?hidden_query=somevalue").json() == {"hidden_query": "somevalue"}
    assert validations.get("/hidden/").json() == {"hidden_query": "Not found"}
    operation = validations.get("/openapi.json").json()["paths"]["/hidden/"]["get"]
    assert "parameters" not in operation


class FilterParams(msgspec.Struct):
    limit: Annotated[int, msgspec.Meta(gt=0, le=100)] = 100
    offset: Annotated[int, msgspec.Meta(ge=0)] = 0
    order_by: Literal["created_at", "updated_at"] = "created_at"
    tags: list[str] = []


class StrictFilterParams(msgspec.Struct, forbid_unknown_fields=True):
    limit: Annotated[int, msgspec.Meta(gt=0, le=100)] = 100
    offset: Annotated[int, msgspec.Meta(ge=0)] = 0
    order_by: Literal["created_at", "updated_at"] = "created_at"
    tags: list[str] = []


def _models_app() -> Faster:
    app = Faster()

    @app.get("/items/")
    async def read_items(filter_query: Annotated[FilterParams, Query()]) -> FilterParams:
        return filter_query

    @app.get("/strict/")
    async def read_strict(filter_query: Annotated[StrictFilterParams, Query()]) -> StrictFilterParams:
        return filter_query

    return app


@pytest.fixture(scope="module")
def models() -> TestClient:
    return TestClient(_models_app())


@pytest.mark.parametrize("url", ["/items/", "/strict/"])
def test_query_model_defaults(models: TestClient, url: str) -> None:
    response = models.get(url)
    assert response.status_code == 200
    assert response.json() == {"limit": 100, "offset": 0, "order_by": "created_at", "tags": []}


@pytest.mark.parametrize("url", ["/items/", "/strict/"])
def test_query_model_all_values(models: TestClient, url: str) -> None:
    response = models.get(url, params={"limit": 10, "offset": 5, "order_by": "updated_at", "tags": ["tag1", "tag2"]})
    assert response.status_code == 200
    assert response.json() == {"limit": 10, "offset": 5, "order_by": "updated_at", "tags": ["tag1", "tag2"]}


def test_query_model_invalid(models: TestClient) -> None:
    response = models.get("/items/", params={"limit": 150, "offset": -1, "order_by": "invalid"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "less_than_equal",
                "loc": ["query", "limit"],
                "msg": "Input should be less than or equal to 100",
                "input": "150",
                "ctx": {"le": 100},
            },
            {
                "type": "greater_than_equal",
                "loc": ["query", "offset"],
                "msg": "Input should be greater than or equal to 0",
                "input": "-1",
                "ctx": {"ge": 0},
            },
            {
                "type": "literal_error",
                "loc": ["query", "order_by"],
                "msg": "Input should be 'created_at' or 'updated_at'",
                "input": "invalid",
                "ctx": {"expected": "'created_at' or 'updated_at'"},
            },
        ]
    }


def test_query_model_extra_ignored_by_default(models: TestClient) -> None:
    response = models.get("/items/", params={"limit": 10, "tool": "plumbus"})
    assert response.status_code == 200
    assert response.json() == {"limit": 10, "offset": 0, "order_by": "created_at", "tags": []}


def test_query_model_forbid_extra(models: TestClient) -> None:
    response = models.get("/strict/", params={"limit": 10, "tool": "plumbus"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "extra_forbidden",
                "loc": ["query", "tool"],
                "msg": "Extra inputs are not permitted",
                "input": "plumbus",
            }
        ]
    }


class RequiredStrictParams(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    limit: int = 10


def test_query_model_missing_and_extra_together() -> None:
    app = Faster()

    @app.get("/search/")
    async def search(params: Annotated[RequiredStrictParams, Query()]) -> RequiredStrictParams:
        return params

    client = TestClient(app)
    assert client.get("/search/?name=x").json() == {"name": "x", "limit": 10}
    response = client.get("/search/?limit=3&tool=plumbus")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "missing",
                "loc": ["query", "name"],
                "msg": "Field required",
                "input": {"limit": "3", "tool": "plumbus"},
            },
            {
                "type": "extra_forbidden",
                "loc": ["query", "tool"],
                "msg": "Extra inputs are not permitted",
                "input": "plumbus",
            },
        ]
    }


def test_list_query_item_errors_and_list_length() -> None:
    app = Faster()

    @app.get("/ints/")
    async def read_ints(q: Annotated[list[int], Query()] = []) -> dict[str, Any]:  # noqa: B006
        return {"q": q}

    @app.get("/bounded/")
    async def read_bounded(q: Annotated[list[str], Query(min_length=2, max_length=3)] = ["a", "b"]) -> dict[str, Any]:  # noqa: B006
        return {"q": q}

    client = TestClient(app)
    assert client.get("/ints/?q=1&q=2").json() == {"q": [1, 2]}
    response = client.get("/ints/?q=1&q=a")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["query", "q", 1],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "a",
            }
        ]
    }
    assert client.get("/bounded/?q=x&q=y").json() == {"q": ["x", "y"]}
    response = client.get("/bounded/?q=x")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "too_short",
                "loc": ["query", "q"],
                "msg": "List should have at least 2 items after validation, not 1",
                "input": ["x"],
                "ctx": {"field_type": "List", "min_length": 2, "actual_length": 1},
            }
        ]
    }
    response = client.get("/bounded/?q=a&q=b&q=c&q=d")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "too_long"
