"""Property-based tests: random route tables against a brute-force model of the matching rules.

The model checks every route on its own and picks the winner by comparing, segment by segment,
static (0) < int (1) < str (2) < path (3), which is the order the trie promises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from fasterapi_routing import MatchStatus, Router

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

LITERALS = ["a", "b", "1", "me", "", "é"]
VALUES = ["a", "b", "1", "007", "me", "x y", "é", "%2F", "..", "."]
METHOD_SETS = [("GET",), ("POST",), ("GET", "POST"), ("HEAD",), ("DELETE",)]
METHODS = ["GET", "HEAD", "POST", "DELETE", "PUT"]
RANK = {"lit": 0, "int": 1, "str": 2, "path": 3}


@dataclass(frozen=True)
class Spec:
    segments: tuple[tuple[str, str], ...]  # (kind, literal text or parameter name)
    methods: tuple[str, ...]

    @property
    def template(self) -> str:
        pieces = []
        for kind, text in self.segments:
            if kind == "lit":
                pieces.append(text)
            elif kind == "str":
                pieces.append("{" + text + "}")
            else:
                pieces.append("{" + text + ":" + kind + "}")
        return "/" + "/".join(pieces)

    def serves(self, method: str) -> int | None:
        """0 when the route serves ``method`` explicitly, 1 for the HEAD implied by GET, else None."""
        if method in self.methods:
            return 0
        if method == "HEAD" and "GET" in self.methods:
            return 1
        return None

    def all_methods(self) -> set[str]:
        methods = set(self.methods)
        if "GET" in methods:
            methods.add("HEAD")
        return methods


def model_match(spec: Spec, path: str) -> tuple[tuple[int, ...], dict[str, Any]] | None:
    if not path.startswith("/"):
        return None
    parts = path[1:].split("/")
    ranks: list[int] = []
    values: dict[str, Any] = {}
    for index, (kind, text) in enumerate(spec.segments):
        if index >= len(parts):
            return None
        part = parts[index]
        ranks.append(RANK[kind])
        if kind == "path":
            values[text] = "/".join(parts[index:])
            return tuple(ranks), values
        if kind == "lit":
            if part != text:
                return None
        elif kind == "int":
            if not (part.isascii() and part.isdigit()):
                return None
            values[text] = int(part)
        elif not part:
            return None
        else:
            values[text] = part
    if len(parts) != len(spec.segments):
        return None
    return tuple(ranks), values


def model_resolve(specs: list[Spec], method: str, path: str) -> tuple[int, dict[str, Any]] | None:
    best: tuple[tuple[int, ...], int, int, dict[str, Any]] | None = None
    for index, spec in enumerate(specs):
        how = spec.serves(method)
        if how is None:
            continue
        found = model_match(spec, path)
        if found is None:
            continue
        key = (found[0], how, index, found[1])
        if best is None or key[:3] < best[:3]:
            best = key
    return None if best is None else (best[2], best[3])


@st.composite
def specs(draw: st.DrawFn, *, unique_prefix: int | None = None) -> Spec:
    count = draw(st.integers(1, 4))
    segments: list[tuple[str, str]] = []
    if unique_prefix is not None:
        segments.append(("lit", f"r{unique_prefix}"))
    for index in range(count):
        kinds = ["lit", "str", "int"] + (["path"] if index == count - 1 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "lit":
            segments.append((kind, draw(st.sampled_from(LITERALS))))
        else:
            segments.append((kind, draw(st.sampled_from("xyz")) + str(index)))
    return Spec(tuple(segments), draw(st.sampled_from(METHOD_SETS)))


def build(spec_list: list[Spec]) -> tuple[Router, list[Spec]]:
    """Register what the router accepts and return the accepted specs (a duplicate is kept behind the first)."""
    router = Router()
    accepted = []
    for index, spec in enumerate(spec_list):
        try:
            router.add_route(spec.template, index, methods=spec.methods, name=f"route{index}")
        except ValueError:
            continue
        accepted.append(spec)
    return router, accepted


@st.composite
def path_for(draw: st.DrawFn, spec: Spec) -> str:
    pieces = []
    for kind, text in spec.segments:
        if kind == "lit":
            pieces.append(text)
        elif kind == "int":
            pieces.append(draw(st.sampled_from(["0", "7", "42", "007", "123456789012345678901234567890"])))
        elif kind == "str":
            pieces.append(draw(st.sampled_from(VALUES)))
        else:
            pieces.append("/".join(draw(st.lists(st.sampled_from([*VALUES, ""]), max_size=3))))
    return "/" + "/".join(pieces)


junk_paths = st.lists(st.sampled_from([*LITERALS, *VALUES]), max_size=5).map(lambda parts: "/" + "/".join(parts))


MOUNT_PREFIXES = ["", "/a", "/a/b", "/1", "/me/é"]


def model_mount(prefixes: list[str], path: str) -> str | None:
    owners = [p for p in prefixes if p == "" or path == p or path.startswith(p + "/")]
    return max(owners, key=len) if owners else None


@st.composite
def tables_and_requests(draw: st.DrawFn) -> tuple[list[Spec], list[str], str, str]:
    spec_list = draw(st.lists(specs(), min_size=1, max_size=12))
    mounts = draw(st.lists(st.sampled_from(MOUNT_PREFIXES), unique=True, max_size=3))
    target = draw(st.sampled_from(spec_list))
    path = draw(st.one_of(path_for(target), junk_paths))
    if draw(st.booleans()):
        path = path[:-1] if path.endswith("/") and path != "/" else path + "/"
    return spec_list, mounts, draw(st.sampled_from(METHODS)), path


@pytest.mark.filterwarnings("ignore::fasterapi_routing.DuplicateRouteWarning")  # duplicates: the first answers
@settings(max_examples=600, deadline=None)
@given(tables_and_requests())
def test_router_agrees_with_the_brute_force_model(case: tuple[list[Spec], list[str], str, str]) -> None:
    spec_list, mounts, method, path = case
    router, accepted = build(spec_list)
    for prefix in mounts:
        router.mount(prefix, f"app{prefix}")
    match = router.match(method, path)
    expected = model_resolve(accepted, method, path)
    if expected is not None:
        index, params = expected
        assert match.status is MatchStatus.FULL, (match, accepted[index].template)
        assert match.route is not None and match.route.path == accepted[index].template
        assert match.params == params
        assert isinstance(match.params, dict)
        return
    owner = model_mount(mounts, path)
    if owner is not None:
        assert match.status is MatchStatus.MOUNT, match
        assert match.mount_prefix == owner
        assert match.remaining_path == (path[len(owner) :] or "/")
        return
    allowed = set().union(*(spec.all_methods() for spec in accepted if model_match(spec, path) is not None))
    if allowed:
        assert match.status is MatchStatus.METHOD_NOT_ALLOWED, match
        assert match.allowed_methods == allowed
        return
    twin = path[:-1] if path.endswith("/") else path + "/"
    if path != "/" and model_resolve(accepted, method, twin) is not None:
        assert match.status is MatchStatus.REDIRECT_SLASH, match
        assert match.redirect_path == twin
        return
    assert match.status is MatchStatus.NOT_FOUND, match


@st.composite
def unambiguous_table(draw: st.DrawFn) -> tuple[list[Spec], int, str]:
    count = draw(st.integers(1, 10))
    spec_list = [draw(specs(unique_prefix=index)) for index in range(count)]
    chosen = draw(st.integers(0, count - 1))
    return spec_list, chosen, draw(path_for(spec_list[chosen]))


@settings(max_examples=300, deadline=None)
@given(unambiguous_table())
def test_a_path_built_from_a_route_matches_that_route_and_builds_back(case: tuple[list[Spec], int, str]) -> None:
    spec_list, chosen, path = case
    router, accepted = build(spec_list)
    assert accepted == spec_list  # the unique first literal keeps every template distinct
    spec = spec_list[chosen]
    method = spec.methods[0]
    match = router.match(method, path)
    assert match.status is MatchStatus.FULL, match
    assert match.route is not None and match.route.endpoint == chosen
    found = model_match(spec, path)
    assert found is not None
    assert match.params == found[1]
    rebuilt = router.url_path_for(f"route{chosen}", **match.params)
    again = router.match(method, rebuilt)
    assert again.route is match.route and again.params == match.params


FIXED = Router()
for _template in [
    "/",
    "/items",
    "/items/",
    "/items/{item_id:int}",
    "/items/{name}",
    "/items/{name}/tags/{tag}",
    "/files/{rest:path}",
    "/u/{key:uuid}/{amount:float}",
    "/{a}/{b}/{c}/{d}",
    "/{catch:path}",
]:
    FIXED.add_route(_template, _template, methods=["GET", "POST"])
FIXED.mount("/mnt", "mounted")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([*METHODS, "", "get", "WEBSOCKET"]), st.text(max_size=60))
def test_no_path_makes_matching_raise(method: str, path: str) -> None:
    for router in (FIXED, Router()):
        for candidate in (path, "/" + path):
            match = router.match(method, candidate)
            assert isinstance(match.status, MatchStatus)
