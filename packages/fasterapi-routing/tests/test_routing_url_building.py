"""url_path_for: converters render values, and every mistake is a clear NoMatchFound."""

from __future__ import annotations

import uuid

import pytest

from fasterapi_routing import NoMatchFound, Router


def make_router() -> Router:
    router = Router()
    router.add_route("/users/{user_id:int}", "get_user", name="user")
    router.add_route("/items/{item_id:uuid}/price/{price:float}", "price", name="price")
    router.add_route("/files/{rest:path}", "files", name="files")
    router.add_route("/tags/{tag}", "tag", name="tag")
    router.mount("/static", "static_app", name="static")
    router.mount("", "fallback", name="root")
    return router


def test_values_are_rendered_by_their_converters_and_match_back() -> None:
    router = make_router()
    item = uuid.UUID("12345678-1234-5678-1234-567812345678")
    cases = [
        ("user", {"user_id": 5}, "/users/5"),
        ("price", {"item_id": item, "price": 2.5}, f"/items/{item}/price/2.5"),
        ("price", {"item_id": str(item), "price": 1e-7}, f"/items/{item}/price/0.0000001"),
        ("files", {"rest": "a/b/c.txt"}, "/files/a/b/c.txt"),
        ("tag", {"tag": "été"}, "/tags/été"),
    ]
    for name, params, expected in cases:
        path = router.url_path_for(name, **params)
        assert path == expected
        assert router.match("GET", path).route.name == name  # type: ignore[union-attr]


def test_names_default_to_the_endpoint_name() -> None:
    def list_items() -> None: ...

    router = Router()
    router.add_route("/items", list_items)
    assert router.url_path_for("list_items") == "/items"


def test_mounts_build_with_a_path_parameter() -> None:
    router = make_router()
    assert router.url_path_for("static", path="/css/site.css") == "/static/css/site.css"
    assert router.url_path_for("static", path="css/site.css") == "/static/css/site.css"
    assert router.url_path_for("static", path="") == "/static/"
    assert router.url_path_for("root", path="/x") == "/x"
    with pytest.raises(NoMatchFound, match="exactly one parameter, path"):
        router.url_path_for("static")
    with pytest.raises(NoMatchFound, match="exactly one parameter, path"):
        router.url_path_for("static", path="/x", other=1)


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("nobody", {}, "no route or mount is named 'nobody'"),
        ("user", {}, "missing user_id"),
        ("user", {"user_id": 1, "extra": 2}, "unexpected extra"),
        ("user", {"user_id": "abc"}, "user_id='abc' is not accepted by the 'int' converter"),
        ("user", {"user_id": -1}, "not accepted"),
        ("price", {"item_id": "nope", "price": 1.0}, "item_id='nope'"),
        ("price", {"item_id": uuid.uuid4(), "price": float("nan")}, "price=nan"),
        ("tag", {"tag": "a/b"}, "tag='a/b'"),
        ("tag", {"tag": ""}, "tag=''"),
    ],
)
def test_mistakes_raise_no_match_found_naming_the_problem(name: str, params: dict[str, object], message: str) -> None:
    with pytest.raises(NoMatchFound, match=message):
        make_router().url_path_for(name, **params)


def test_shared_names_try_each_route_in_order() -> None:
    router = Router()
    router.add_route("/a/{x:int}", "a", name="thing")
    router.add_route("/b/{y}", "b", name="thing")
    assert router.url_path_for("thing", x=1) == "/a/1"
    assert router.url_path_for("thing", y="z") == "/b/z"
    with pytest.raises(NoMatchFound, match=r"missing x.*missing y"):
        router.url_path_for("thing")


def test_names_added_after_a_lookup_are_found() -> None:
    router = Router()
    router.add_route("/a", "a", name="a")
    assert router.url_path_for("a") == "/a"
    router.add_route("/b", "b", name="b")
    router.mount("/m", "m", name="m")
    assert router.url_path_for("b") == "/b"
    assert router.url_path_for("m", path="/") == "/m/"
