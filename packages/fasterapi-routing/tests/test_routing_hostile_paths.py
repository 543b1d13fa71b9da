"""Hostile paths never raise, and the search does bounded work (counted, not timed)."""

from __future__ import annotations

from typing import Any

import pytest

from fasterapi_routing import Converter, MatchStatus, Router, register_converter


def make_router() -> Router:
    router = Router()
    router.add_route("/", "root")
    router.add_route("/items/{item_id:int}", "item")
    router.add_route("/users/{name}/posts/{post}", "post")
    router.add_route("/static/{rest:path}", "static")
    router.add_route("/a/b/c", "abc")
    router.mount("/mnt", "mounted")
    return router


@pytest.mark.parametrize(
    "path",
    [
        "//",
        "///",
        "/./",
        "/../..",
        "/items/..",
        "/items/./1",
        "/items/%2F",
        "/users/%E2%82%AC/posts/%20",
        "/users/€/posts/漢字",
        "/users/\x00/posts/\udcff",
        "",
        "items",
        "/" + "/".join(["a"] * 10_000),
        "/" * 10_000,
        "/items/" + "9" * 100_000,
        "/" + "x" * 1_000_000,
        "/users/" + "é" * 500_000 + "/posts/1",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST", "", "WEBSOCKET"])
def test_hostile_paths_get_an_answer_not_an_exception(path: str, method: str) -> None:
    match = make_router().match(method, path)
    assert isinstance(match.status, MatchStatus)


def test_dot_segments_and_encoded_text_are_literal() -> None:
    router = make_router()
    assert router.match("GET", "/users/../posts/.").params == {"name": "..", "post": "."}
    assert router.match("GET", "/users/%2F/posts/%20").params == {"name": "%2F", "post": "%20"}
    assert router.match("GET", "/users/€/posts/漢字").params == {"name": "€", "post": "漢字"}
    # The router sees the decoded path: an encoded slash has already become a separator.
    assert router.match("GET", "/users/a/b/posts/c").status is MatchStatus.NOT_FOUND


def test_huge_and_deep_paths_still_match_where_they_should() -> None:
    router = make_router()
    deep = "/".join(["seg"] * 10_000)
    assert router.match("GET", "/static/" + deep).params == {"rest": deep}
    big = "x" * 1_000_000
    assert router.match("GET", f"/users/{big}/posts/1").params == {"name": big, "post": "1"}
    assert router.match("GET", "/mnt/" + deep).remaining_path == "/" + deep
    assert router.match("GET", "/items/" + "9" * 100_000).status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/a/b/c/" + deep).status is MatchStatus.NOT_FOUND


class CountingConverter(Converter):
    """Accepts any segment and counts how often the router asked."""

    regex = ".+"
    calls = 0

    def convert(self, value: str) -> Any:
        CountingConverter.calls += 1
        return value


def test_many_alternatives_at_every_depth_cost_at_most_one_try_per_trie_node() -> None:
    # Every depth offers a literal, the counting converter and plain str: naive backtracking over
    # these tables is exponential in the depth; the trie expands each node at most once.
    register_converter("routing_test_counting", CountingConverter())
    depth = 16
    router = Router()
    for index in range(depth):
        prefix = "/a" * index
        counted = "".join(f"/{{c{i}:routing_test_counting}}" for i in range(index, depth))
        plain = "".join(f"/{{s{i}}}" for i in range(index, depth))
        router.add_route(prefix + counted + "/end", f"count{index}")
        router.add_route(prefix + plain + "/end", f"str{index}")
    # The trie has at most one node per template segment (fewer where templates share a prefix).
    segments = sum(len(route.template.segments) for route in router.routes)
    assert segments == 2 * depth * (depth + 1)  # quadratic in depth; naive backtracking is exponential
    CountingConverter.calls = 0
    match = router.match("GET", "/a" * depth + "/not-the-end")
    assert match.status is MatchStatus.NOT_FOUND
    assert 0 < CountingConverter.calls <= segments


def test_deep_templates_do_not_exhaust_the_stack() -> None:
    router = Router()
    template = "".join(f"/{{p{index}}}" for index in range(3000))
    router.add_route(template + "/end", "deep")
    router.add_route(template + "/{tail:int}", "deep_int")
    values = "/x" * 3000
    assert router.match("GET", values + "/end").route.endpoint == "deep"  # type: ignore[union-attr]
    assert router.match("GET", values + "/7").params["tail"] == 7
    assert router.match("GET", values + "/nope").status is MatchStatus.NOT_FOUND
