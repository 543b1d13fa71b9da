"""FastAPI tutorial parity: path, query, header and cookie parameters (docs: tutorial/path-params,
query-params, query-params-str-validations, path-params-numeric-validations, header-params, cookie-params)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from FasterAPI import Cookie, Faster, Header, Path, Query
from FasterAPI.testclient import TestClient


class ModelName(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"


def make_app() -> Faster:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    @app.get("/users/me")
    async def read_user_me() -> dict[str, str]:
        return {"user_id": "the current user"}

    @app.get("/users/{user_id}")
    async def read_user(user_id: str) -> dict[str, str]:
        return {"user_id": user_id}

    @app.get("/models/{model_name}")
    async def get_model(model_name: ModelName) -> dict[str, str]:
        if model_name is ModelName.alexnet:
            return {"model_name": model_name, "message": "Deep Learning FTW!"}
        return {"model_name": model_name, "message": "Have some residuals"}

    @app.get("/files/{file_path:path}")
    async def read_file(file_path: str) -> dict[str, str]:
        return {"file_path": file_path}

    @app.get("/list/")
    async def read_items(skip: int = 0, limit: int = 10) -> dict[str, int]:
        return {"skip": skip, "limit": limit}

    @app.get("/opt/{item_id}")
    async def read_opt(item_id: str, q: str | None = None, short: bool = False) -> dict[str, object]:
        return {"item_id": item_id, "q": q, "short": short}

    @app.get("/needy/{item_id}")
    async def read_needy(item_id: str, needy: str) -> dict[str, str]:
        return {"item_id": item_id, "needy": needy}

    @app.get("/strval/")
    async def strval(
        q: Annotated[str | None, Query(min_length=3, max_length=50, pattern="^fixedquery$")] = None,
    ) -> dict[str, object]:
        return {"q": q}

    @app.get("/alias/")
    async def alias(q: Annotated[str | None, Query(alias="item-query")] = None) -> dict[str, object]:
        return {"q": q}

    @app.get("/multi/")
    async def multi(q: Annotated[list[str] | None, Query()] = None) -> dict[str, object]:
        return {"q": q}

    @app.get("/multidefault/")
    async def multidefault(q: Annotated[list[str], Query()] = ["foo", "bar"]) -> dict[str, object]:  # noqa: B006
        return {"q": q}

    @app.get("/num/{item_id}")
    async def num(
        item_id: Annotated[int, Path(title="The ID of the item to get", ge=0, le=1000)],
        size: Annotated[float, Query(gt=0, lt=10.5)],
    ) -> dict[str, object]:
        return {"item_id": item_id, "size": size}

    @app.get("/headers/")
    async def headers(user_agent: Annotated[str | None, Header()] = None) -> dict[str, object]:
        return {"User-Agent": user_agent}

    @app.get("/xtoken/")
    async def xtoken(x_token: Annotated[list[str] | None, Header()] = None) -> dict[str, object]:
        return {"X-Token values": x_token}

    @app.get("/noconvert/")
    async def noconvert(
        strange_header: Annotated[str | None, Header(convert_underscores=False)] = None,
    ) -> dict[str, object]:
        return {"strange_header": strange_header}

    @app.get("/cookies/")
    async def cookies(ads_id: Annotated[str | None, Cookie()] = None) -> dict[str, object]:
        return {"ads_id": ads_id}

    return app


client = TestClient(make_app())


def test_path_param_is_converted_to_int() -> None:
    r = client.get("/items/3")
    assert r.status_code == 200
    assert r.json() == {"item_id": 3}


def test_path_param_bad_int_is_422_with_fastapi_error_shape() -> None:
    r = client.get("/items/foo")
    assert r.status_code == 422
    assert r.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["path", "item_id"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "foo",
            }
        ]
    }


def test_path_param_float_string_for_int_is_422() -> None:
    r = client.get("/items/4.2")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["path", "item_id"]


def test_static_path_wins_over_param_path() -> None:
    assert client.get("/users/me").json() == {"user_id": "the current user"}
    assert client.get("/users/alice").json() == {"user_id": "alice"}


def test_enum_path_param() -> None:
    assert client.get("/models/alexnet").json() == {"model_name": "alexnet", "message": "Deep Learning FTW!"}
    assert client.get("/models/lenet").json() == {"model_name": "lenet", "message": "Have some residuals"}


def test_enum_path_param_invalid_is_422_enum() -> None:
    r = client.get("/models/foo")
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "enum"
    assert err["loc"] == ["path", "model_name"]
    assert err["input"] == "foo"
    assert err["msg"] == "Input should be 'alexnet', 'resnet' or 'lenet'"


def test_path_converter_keeps_slashes() -> None:
    assert client.get("/files/home/johndoe/myfile.txt").json() == {"file_path": "home/johndoe/myfile.txt"}


def test_path_converter_leading_double_slash() -> None:
    assert client.get("/files//home/johndoe/myfile.txt").json() == {"file_path": "/home/johndoe/myfile.txt"}


def test_query_defaults_and_conversion() -> None:
    assert client.get("/list/").json() == {"skip": 0, "limit": 10}
    assert client.get("/list/?skip=20").json() == {"skip": 20, "limit": 10}


def test_query_bad_int_is_422() -> None:
    r = client.get("/list/?skip=abc")
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["type"] == "int_parsing"
    assert err["loc"] == ["query", "skip"]
    assert err["input"] == "abc"


def test_optional_query_param() -> None:
    assert client.get("/opt/foo").json() == {"item_id": "foo", "q": None, "short": False}
    assert client.get("/opt/foo?q=bar").json() == {"item_id": "foo", "q": "bar", "short": False}


def test_bool_query_conversion_documented_values() -> None:
    for raw in ("1", "True", "true", "on", "yes"):
        assert client.get(f"/opt/foo?short={raw}").json()["short"] is True, raw
    for raw in ("0", "False", "false", "off", "no"):
        assert client.get(f"/opt/foo?short={raw}").json()["short"] is False, raw


def test_required_query_param_missing_is_422_field_required() -> None:
    r = client.get("/needy/foo-item")
    assert r.status_code == 422
    assert r.json() == {
        "detail": [{"type": "missing", "loc": ["query", "needy"], "msg": "Field required", "input": None}]
    }


def test_required_query_param_given() -> None:
    assert client.get("/needy/foo-item?needy=sooooneedy").json() == {"item_id": "foo-item", "needy": "sooooneedy"}


def test_query_string_validations() -> None:
    assert client.get("/strval/").json() == {"q": None}
    assert client.get("/strval/?q=fixedquery").json() == {"q": "fixedquery"}
    short = client.get("/strval/?q=fi")
    assert short.status_code == 422
    assert short.json()["detail"][0]["type"] == "string_too_short"
    assert short.json()["detail"][0]["loc"] == ["query", "q"]
    assert short.json()["detail"][0]["msg"] == "String should have at least 3 characters"
    bad = client.get("/strval/?q=nonfixedquery")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["type"] == "string_pattern_mismatch"
    long = client.get("/strval/?q=" + "x" * 51)
    assert long.status_code == 422
    assert long.json()["detail"][0]["type"] == "string_too_long"


def test_query_alias() -> None:
    assert client.get("/alias/?item-query=foobaritems").json() == {"q": "foobaritems"}
    assert client.get("/alias/?q=foobaritems").json() == {"q": None}


def test_query_list() -> None:
    assert client.get("/multi/?q=foo&q=bar").json() == {"q": ["foo", "bar"]}
    assert client.get("/multi/?q=foo").json() == {"q": ["foo"]}
    assert client.get("/multi/").json() == {"q": None}


def test_query_list_default() -> None:
    assert client.get("/multidefault/").json() == {"q": ["foo", "bar"]}
    assert client.get("/multidefault/?q=baz").json() == {"q": ["baz"]}


def test_numeric_validations() -> None:
    assert client.get("/num/42?size=1.5").json() == {"item_id": 42, "size": 1.5}
    low = client.get("/num/-1?size=1")
    assert low.status_code == 422
    assert low.json()["detail"][0]["type"] == "greater_than_equal"
    assert low.json()["detail"][0]["loc"] == ["path", "item_id"]
    assert low.json()["detail"][0]["msg"] == "Input should be greater than or equal to 0"
    big = client.get("/num/1001?size=1")
    assert big.json()["detail"][0]["type"] == "less_than_equal"
    size = client.get("/num/1?size=10.5")
    assert size.status_code == 422
    assert size.json()["detail"][0]["type"] == "less_than"
    assert size.json()["detail"][0]["loc"] == ["query", "size"]
    zero = client.get("/num/1?size=0")
    assert zero.json()["detail"][0]["type"] == "greater_than"


def test_header_underscores_converted() -> None:
    assert client.get("/headers/", headers={"User-Agent": "Mozilla/5.0"}).json() == {"User-Agent": "Mozilla/5.0"}


def test_header_missing_gives_default() -> None:
    r = client.get("/headers/", headers={"User-Agent": ""})
    assert r.status_code == 200


def test_duplicate_headers_as_list() -> None:
    r = client.get("/xtoken/", headers=[("X-Token", "foo"), ("X-Token", "bar")])
    assert r.json() == {"X-Token values": ["foo", "bar"]}


def test_header_convert_underscores_false() -> None:
    assert client.get("/noconvert/", headers={"strange_header": "x"}).json() == {"strange_header": "x"}
    assert client.get("/noconvert/", headers={"strange-header": "x"}).json() == {"strange_header": None}


def test_cookie_param() -> None:
    c = TestClient(make_app(), cookies={"ads_id": "ad123"})
    assert c.get("/cookies/").json() == {"ads_id": "ad123"}
    assert TestClient(make_app()).get("/cookies/").json() == {"ads_id": None}
