"""The shortcuts of ``Router.match`` (ready-made static matches, the greedy walk, the quick 404) must
answer exactly what the full backtracking search answers, for any table and any path."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings, strategies as st

from fasterapi_routing import Match, MatchStatus, Router

PIECES = ["a", "b", "1", "42", "", "me", "x y", "é"]
TEMPLATE_PIECES = ["a", "b", "1", "me", "", "{s}", "{i:int}", "{f:float}", "{p:path}"]


def _template(pieces: list[str]) -> str:
    seen: dict[str, int] = {}
    out = []
    for piece in pieces:
        if piece.startswith("{"):
            name = piece[1:].split(":")[0].rstrip("}")
            seen[name] = seen.get(name, 0) + 1
            piece = piece.replace(name, f"{name}{seen[name]}", 1)
        out.append(piece)
    return "/" + "/".join(out)


@st.composite
def templates(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(TEMPLATE_PIECES), min_size=0, max_size=4))
    # ``{p:path}`` only at the end.
    pieces = [p for i, p in enumerate(pieces) if p != "{p:path}" or i == len(pieces) - 1]
    return _template(pieces)


paths = st.lists(st.sampled_from(PIECES), max_size=7).map(lambda parts: "/" + "/".join(parts)) | st.sampled_from(
    ["", "/", "a", "//", "/a//", "/a/b/1/42/me/x/y/z/", "/a/b/1/42/me/x/y/z"]
)


def _summary(match: Match) -> tuple[object, ...]:
    route = match.route.path if match.route is not None else None
    return (match.status, route, dict(match.params), match.allowed_methods, match.redirect_path, match.mount_prefix)


@pytest.mark.filterwarnings("ignore::fasterapi_routing.DuplicateRouteWarning")  # duplicates: the first answers
@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.tuples(templates(), st.sampled_from([("GET",), ("POST",), ("GET", "POST")])), min_size=1, max_size=10),
    st.lists(st.sampled_from(["/a", "/me", "/a/b"]), unique=True, max_size=2),
    st.booleans(),
    st.sampled_from(["GET", "POST", "HEAD", "PUT"]),
    paths,
)
def test_routing_match_agrees_with_the_full_search(
    table: list[tuple[str, tuple[str, ...]]], mounts: list[str], redirect: bool, method: str, path: str
) -> None:
    router = Router(redirect_slashes=redirect)
    for template, methods in table:
        try:
            router.add_route(template, template, methods=methods)
        except ValueError:
            continue
    for prefix in mounts:
        router.mount(prefix, prefix)
    fast = router.match(method, path)
    plan = router._match_plan
    assert plan is not None
    assert _summary(fast) == _summary(router._match_slow(method, path, plan))


def test_routing_quick_not_found_still_redirects_to_the_slash_twin() -> None:
    router = Router()
    router.add_route("/items/", "items", methods=["GET"])
    router.add_route("/users", "users", methods=["GET"])
    router.add_route("/a/b/c", "deep", methods=["GET"])
    assert router.match("GET", "/items").redirect_path == "/items/"
    assert router.match("GET", "/users/").redirect_path == "/users"
    assert router.match("GET", "/a/b/c/").redirect_path == "/a/b/c"
    assert router.match("GET", "/a/b/c/d").status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/nowhere").status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/nowhere/").status is MatchStatus.NOT_FOUND
    assert router.match("POST", "/users").status is MatchStatus.METHOD_NOT_ALLOWED
    assert router.match("POST", "/users").allowed_methods == {"GET", "HEAD"}


def test_routing_quick_not_found_still_finds_mounts() -> None:
    router = Router()
    router.add_route("/health", "health", methods=["GET"])
    router.mount("/static", "files")
    match = router.match("GET", "/static/css/site.css")
    assert match.status is MatchStatus.MOUNT
    assert match.remaining_path == "/css/site.css"
    assert router.match("GET", "/elsewhere").status is MatchStatus.NOT_FOUND


def test_routing_quick_not_found_follows_routes_added_later() -> None:
    router = Router()
    router.add_route("/health", "health", methods=["GET"])
    assert router.match("GET", "/late").status is MatchStatus.NOT_FOUND
    router.add_route("/late/", "late", methods=["GET"])
    assert router.match("GET", "/late").redirect_path == "/late/"


@pytest.mark.filterwarnings("ignore::fasterapi_routing.DuplicateRouteWarning")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(templates(), st.sampled_from([("GET",), ("POST",), ("GET", "POST")])), min_size=1, max_size=8),
    st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "PURGE"]),
    paths,
    templates(),
    st.sampled_from(["/a", "/me", "/a/b"]),
)
def test_routing_remembered_405s_agree_with_the_full_search_before_and_after_changes(
    table: list[tuple[str, tuple[str, ...]]], method: str, path: str, late_route: str, late_mount: str
) -> None:
    router = Router()
    for template, methods in table:
        try:
            router.add_route(template, template, methods=methods)
        except ValueError:
            continue

    def agrees() -> None:
        first, again = router.match(method, path), router.match(method, path)  # the second may be remembered
        plan = router._match_plan
        assert plan is not None
        assert _summary(first) == _summary(again) == _summary(router._match_slow(method, path, plan))

    agrees()
    with contextlib.suppress(ValueError):
        router.add_route(late_route, late_route, methods=[method])
    agrees()
    with contextlib.suppress(ValueError):
        router.mount(late_mount, late_mount)
    agrees()


def test_routing_405_of_a_static_path_is_worked_out_once_and_forgotten_on_changes() -> None:
    router = Router()
    router.add_route("/health", "health", methods=["GET"])
    refused = router.match("DELETE", "/health")
    assert refused.status is MatchStatus.METHOD_NOT_ALLOWED
    assert refused.allowed_methods == {"GET", "HEAD"}
    assert router.match("DELETE", "/health") is refused  # remembered
    assert router.match("PURGE", "/health") is not router.match("PURGE", "/health")  # unknown methods are not
    router.add_route("/{name}", "named", methods=["DELETE"])
    assert router.match("DELETE", "/health").route is not None  # the new route serves it now
    router = Router()
    router.add_route("/files/list", "list", methods=["GET"])
    assert router.match("POST", "/files/list").status is MatchStatus.METHOD_NOT_ALLOWED
    router.mount("/files", "files")
    assert router.match("POST", "/files/list").status is MatchStatus.MOUNT
