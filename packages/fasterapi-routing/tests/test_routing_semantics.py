"""What a match means: priorities, backtracking, 405, HEAD, slash redirects, mounts, registration errors."""

from __future__ import annotations

import uuid
import warnings
from typing import Any

import pytest

from fasterapi_routing import (
    Converter,
    DuplicateRouteWarning,
    Match,
    MatchStatus,
    Mount,
    Route,
    Router,
    TemplateError,
    register_converter,
)


def endpoint_of(match: Match) -> Any:
    assert match.status is MatchStatus.FULL, match
    assert match.route is not None
    return match.route.endpoint


# -- priorities and backtracking -------------------------------------------------------------------


def test_static_segment_beats_parameter_in_any_registration_order() -> None:
    for order in (1, -1):
        router = Router()
        for path, endpoint in [("/users/{user_id}", "by_id"), ("/users/me", "me")][::order]:
            router.add_route(path, endpoint)
        assert endpoint_of(router.match("GET", "/users/me")) == "me"
        assert endpoint_of(router.match("GET", "/users/42")) == "by_id"


def test_backtracks_from_a_static_branch_into_a_parameter_branch() -> None:
    router = Router()
    router.add_route("/files/static/y", "static_y")
    router.add_route("/files/{name}/x", "file_x")
    router.add_route("/files/{name}/{leaf:int}", "file_int")
    match = router.match("GET", "/files/static/x")
    assert endpoint_of(match) == "file_x"
    assert match.params == {"name": "static"}
    assert router.match("GET", "/files/static/7").params == {"name": "static", "leaf": 7}


def test_rejecting_converter_lets_the_next_candidate_try() -> None:
    for order in (1, -1):
        router = Router()
        for path, endpoint in [("/items/{name}", "by_name"), ("/items/{item_id:int}", "by_int")][::order]:
            router.add_route(path, endpoint)
        match = router.match("GET", "/items/12")
        assert (endpoint_of(match), match.params) == ("by_int", {"item_id": 12})
        match = router.match("GET", "/items/twelve")
        assert (endpoint_of(match), match.params) == ("by_name", {"name": "twelve"})


def test_each_route_gets_its_own_parameter_names_at_a_shared_depth() -> None:
    router = Router()
    router.add_route("/users/{user_id}", "user")
    router.add_route("/users/{id}/posts", "posts")
    router.add_route("/users/{uid}/posts/{post_id:int}", "post")
    assert router.match("GET", "/users/ada").params == {"user_id": "ada"}
    assert router.match("GET", "/users/ada/posts").params == {"id": "ada"}
    assert router.match("GET", "/users/ada/posts/3").params == {"uid": "ada", "post_id": 3}


def test_converters_produce_python_values() -> None:
    router = Router()
    router.add_route("/f/{x:float}", "f")
    router.add_route("/u/{x:uuid}", "u")
    router.add_route("/s/{x:str}", "s")
    value = uuid.uuid4()
    assert router.match("GET", "/f/2.5").params == {"x": 2.5}
    assert router.match("GET", "/f/3").params == {"x": 3.0}
    assert router.match("GET", f"/u/{value}").params == {"x": value}
    assert router.match("GET", "/u/not-a-uuid").status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/f/-1").status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/s/").status is MatchStatus.NOT_FOUND  # no empty values


def test_path_converter_takes_the_rest_but_needs_the_slash() -> None:
    router = Router()
    router.add_route("/static/{rest:path}", "files")
    router.add_route("/static/{name}/meta", "meta")
    assert router.match("GET", "/static/css/site/main.css").params == {"rest": "css/site/main.css"}
    assert router.match("GET", "/static/").params == {"rest": ""}
    assert endpoint_of(router.match("GET", "/static/a/meta")) == "meta"
    assert router.match("GET", "/static").status is MatchStatus.REDIRECT_SLASH


def test_root_catch_all_matches_the_root_too() -> None:
    router = Router()
    router.add_route("/api/health", "health")
    router.add_route("/{full_path:path}", "spa")
    assert router.match("GET", "/").params == {"full_path": ""}
    assert router.match("GET", "/a/b/").params == {"full_path": "a/b/"}
    assert endpoint_of(router.match("GET", "/api/health")) == "health"


def test_trailing_slash_templates_are_distinct() -> None:
    router = Router()
    router.add_route("/items", "no_slash")
    router.add_route("/items/", "slash")
    assert endpoint_of(router.match("GET", "/items")) == "no_slash"
    assert endpoint_of(router.match("GET", "/items/")) == "slash"


# -- methods ---------------------------------------------------------------------------------------


def test_a_later_candidate_serving_the_method_beats_a_405() -> None:
    router = Router()
    router.add_route("/things/{thing_id:int}", "read")
    router.add_route("/things/{name}", "delete", methods=["DELETE"])
    router.add_route("/things/special", "special", methods=["PUT"])
    assert endpoint_of(router.match("DELETE", "/things/5")) == "delete"
    assert endpoint_of(router.match("DELETE", "/things/special")) == "delete"
    match = router.match("POST", "/things/5")
    assert match.status is MatchStatus.METHOD_NOT_ALLOWED
    assert match.allowed_methods == {"GET", "HEAD", "DELETE"}
    assert router.match("POST", "/things/special").allowed_methods == {"DELETE", "PUT"}


def test_head_follows_get_and_an_explicit_head_route_takes_it_over() -> None:
    router = Router()
    router.add_route("/a", "get_a")
    router.add_route("/b/{x}", "get_b")
    assert endpoint_of(router.match("HEAD", "/a")) == "get_a"
    assert endpoint_of(router.match("HEAD", "/b/1")) == "get_b"
    for head_first in (True, False):
        router = Router()
        routes = [("head", ["HEAD"]), ("get", ["GET"])]
        for endpoint, methods in routes if head_first else routes[::-1]:
            router.add_route("/c/{x}", endpoint, methods=methods)
        assert endpoint_of(router.match("HEAD", "/c/1")) == "head"
        assert endpoint_of(router.match("GET", "/c/1")) == "get"
    with pytest.warns(DuplicateRouteWarning, match="HEAD"):
        router.add_route("/c/{y}", "again", methods=["HEAD"])
    assert endpoint_of(router.match("HEAD", "/c/1")) == "head"


def test_methods_are_upper_cased_and_a_plain_string_is_refused() -> None:
    router = Router()
    route = router.add_route("/x", "x", methods=["post", "Put"])
    assert route.methods == {"POST", "PUT"}
    with pytest.raises(TypeError, match="collection"):
        router.add_route("/y", "y", methods="GET")
    with pytest.raises(ValueError, match="at least one method"):
        router.add_route("/z", "z", methods=[])


# -- slash redirects -------------------------------------------------------------------------------


def test_redirects_only_to_a_twin_that_serves_the_method() -> None:
    router = Router()
    router.add_route("/items", "list")
    router.add_route("/users/{user_id}/", "user")
    match = router.match("GET", "/items/")
    assert (match.status, match.redirect_path) == (MatchStatus.REDIRECT_SLASH, "/items")
    assert router.match("HEAD", "/items/").status is MatchStatus.REDIRECT_SLASH
    assert router.match("POST", "/items/").status is MatchStatus.NOT_FOUND
    match = router.match("GET", "/users/7")
    assert (match.status, match.redirect_path) == (MatchStatus.REDIRECT_SLASH, "/users/7/")
    assert Router(redirect_slashes=False).match("GET", "/items/").status is MatchStatus.NOT_FOUND
    no_redirects = Router(redirect_slashes=False)
    no_redirects.add_route("/items", "list")
    assert no_redirects.match("GET", "/items/").status is MatchStatus.NOT_FOUND


def test_a_405_on_the_path_itself_wins_over_a_redirect() -> None:
    router = Router()
    router.add_route("/items", "list")
    router.add_route("/items/", "create", methods=["POST"])
    match = router.match("GET", "/items/")
    assert match.status is MatchStatus.METHOD_NOT_ALLOWED
    assert match.allowed_methods == {"POST"}


# -- mounts ----------------------------------------------------------------------------------------


def test_mount_owns_its_prefix_and_hands_back_the_rest() -> None:
    router = Router()
    router.mount("/sub", "subapp", name="sub")
    match = router.match("GET", "/sub/a/b")
    assert (match.status, match.mount_prefix, match.remaining_path) == (MatchStatus.MOUNT, "/sub", "/a/b")
    assert match.mount is not None and match.mount.app == "subapp"
    assert router.match("GET", "/sub").remaining_path == "/"
    assert router.match("GET", "/sub/").remaining_path == "/"
    assert router.match("GET", "/subway").status is MatchStatus.NOT_FOUND


def test_routes_win_over_mounts_and_the_longest_mount_prefix_wins() -> None:
    router = Router()
    router.mount("/api", "api")
    router.mount("/api/v2", "v2")
    router.add_route("/api/health", "health")
    assert endpoint_of(router.match("GET", "/api/health")) == "health"
    assert router.match("GET", "/api/v2/x").mount.app == "v2"  # type: ignore[union-attr]
    assert router.match("GET", "/api/v1/x").mount.app == "api"  # type: ignore[union-attr]
    # A route that matches the path but not the method does not keep the path from the mount.
    assert router.match("POST", "/api/health").status is MatchStatus.MOUNT


@pytest.mark.parametrize("root", ["", "/"])
def test_root_mount_takes_what_no_route_serves(root: str) -> None:
    router = Router()
    router.add_route("/users/{user_id}", "user")
    router.mount(root, "static")
    assert endpoint_of(router.match("GET", "/users/1")) == "user"
    match = router.match("GET", "/index.html")
    assert (match.status, match.mount_prefix, match.remaining_path) == (MatchStatus.MOUNT, "", "/index.html")
    assert router.match("GET", "/").remaining_path == "/"


def test_mount_paths_are_validated() -> None:
    router = Router()
    assert router.mount("/sub/", "x").path == "/sub"
    for bad in ["sub", "/a/{x}"]:
        with pytest.raises(ValueError):
            router.mount(bad, "x")
    with pytest.raises(ValueError, match="already mounted"):
        router.mount("/sub", "y")


# -- registration errors ---------------------------------------------------------------------------


def test_same_method_and_template_twice_names_both_endpoints() -> None:
    def first() -> None: ...

    def second() -> None: ...

    router = Router()
    router.add_route("/items/{item_id}", first, methods=["GET", "POST"])
    with pytest.warns(DuplicateRouteWarning, match=r"POST '/items/\{other\}'.*first.*second"):
        router.add_route("/items/{other}", second, methods=["POST"])
    assert endpoint_of(router.match("POST", "/items/1")) is first  # FastAPI: the first registration answers
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        router.add_route("/items/{item_id}", second, methods=["PUT"])  # another method is fine
        router.add_route("/items/{item_id:int}", second)  # another converter is another template


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("/a/{b", "unbalanced"),
        ("/a/b}", "unbalanced"),
        ("/a/{{b}}", "unbalanced"),
        ("/a/item-{b}", "whole segment"),
        ("/a/{b:nope}", "unknown converter 'nope'"),
        ("/a/{b}/{b}", "appears twice"),
        ("/a/{}", "not a Python identifier"),
        ("/a/{p:path}/b", "last segment"),
        ("no-slash", "starting with '/'"),
    ],
)
def test_malformed_templates_raise_at_registration(template: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        Router().add_route(template, "x")


# -- converters written by users -------------------------------------------------------------------


class YearConverter(Converter):
    regex = "[0-9]{4}"

    def convert(self, value: str) -> Any:
        return int(value)

    def to_string(self, value: Any) -> str:
        return f"{int(value):04d}"


class StarletteStyleSlug:
    """Not a Converter subclass: only the three attributes Starlette converters have."""

    regex = "[a-z]+(-[a-z]+)*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


def test_user_converters_have_their_regex_checked_before_convert() -> None:
    register_converter("routing_test_year", YearConverter())
    register_converter("routing_test_slug", StarletteStyleSlug())  # type: ignore[arg-type]
    router = Router()
    router.add_route("/archive/{year:routing_test_year}", "year", name="year")
    router.add_route("/archive/{slug:routing_test_slug}", "slug")
    router.add_route("/archive/{anything}", "anything")
    assert router.match("GET", "/archive/2024").params == {"year": 2024}
    assert endpoint_of(router.match("GET", "/archive/20245")) == "anything"
    assert router.match("GET", "/archive/hello-world").params == {"slug": "hello-world"}
    assert endpoint_of(router.match("GET", "/archive/Hello")) == "anything"
    assert router.url_path_for("year", year=99) == "/archive/0099"


def test_converter_names_must_be_identifiers() -> None:
    with pytest.raises(ValueError, match="identifier"):
        register_converter("not a name", YearConverter())


# -- the public surface other packages build on ----------------------------------------------------


def test_route_class_subclasses_compile_at_construction_and_include_router_uses_them() -> None:
    compiled: list[str] = []

    class CompiledRoute(Route):
        __slots__ = ("plan",)

        def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
            super().__init__(path, endpoint, **kwargs)
            self.plan = f"plan for {path}"
            compiled.append(path)

    class AppRouter(Router):
        route_class = CompiledRoute

        def merge_options(self, outer: Any, inner: Any) -> dict[str, Any]:
            return {"tags": [*outer.get("tags", []), *inner.get("tags", [])]}

    child = AppRouter()
    child.add_route("/", "root", options={"tags": ["child"]})
    parent = AppRouter()
    parent.include_router(child, prefix="/c", options={"tags": ["outer"]})
    child.add_route("/later/{x}", "later", methods=["POST"])
    match = parent.match("GET", "/c/")
    assert isinstance(match.route, CompiledRoute) and match.route.plan == "plan for /c/"
    assert match.route.options == {"tags": ["outer", "child"]}
    assert parent.match("POST", "/c/later/1").params == {"x": "1"}
    assert parent.match("POST", "/c/later/1").route.methods == {"POST"}  # type: ignore[union-attr]
    assert compiled == ["/", "/c/", "/later/{x}", "/c/later/{x}"]


def test_include_router_copies_mounts_also_added_later_and_keeps_explicit_head() -> None:
    child = Router()
    child.add_route("/x", "get_x")
    child.add_route("/x", "head_x", methods=["HEAD"])
    parent = Router()
    parent.include_router(child, prefix="/child")
    child.mount("/files", "files", name="files")
    assert endpoint_of(parent.match("HEAD", "/child/x")) == "head_x"
    assert parent.match("GET", "/child/files/a").remaining_path == "/a"
    assert parent.url_path_for("files", path="a.txt") == "/child/files/a.txt"
    with pytest.raises(ValueError, match="itself"):
        parent.include_router(parent)


def test_parameterless_matches_are_shared_and_documented_read_only() -> None:
    router = Router()
    router.add_route("/health", "health")
    assert router.match("GET", "/health") is router.match("GET", "/health")
    assert router.match("GET", "/health") is router.match("HEAD", "/health")
    assert "read-only" in (Match.__doc__ or "")
    shared = router.match("GET", "/health").params
    for change in (
        lambda: shared.__setitem__("x", 1),
        lambda: shared.update(x=1),
        lambda: shared.setdefault("x", 1),
        lambda: shared.pop("x", None),
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    copy = dict(shared)
    copy["x"] = 1
    assert router.match("GET", "/health").params == {} and shared.copy() == {}
    assert router.match("GET", "/nowhere").params == {}


def test_match_objects_can_still_be_built_by_hand() -> None:
    match = Match(MatchStatus.METHOD_NOT_ALLOWED, allowed_methods=frozenset({"GET"}))
    assert match.allowed_methods == {"GET"} and match.params == {} and match.route is None
    assert "METHOD_NOT_ALLOWED" in repr(match)
    assert Match(MatchStatus.NOT_FOUND).mount_prefix == ""


def test_websocket_pseudo_method_is_never_offered_in_a_405() -> None:
    router = Router()
    router.add_route("/ws", "socket", methods=["WEBSOCKET"])
    router.add_route("/both", "socket_both", methods=["WEBSOCKET"])
    router.add_route("/both", "http_both", methods=["POST"])
    assert endpoint_of(router.match("WEBSOCKET", "/ws")) == "socket"
    assert router.match("GET", "/ws").status is MatchStatus.NOT_FOUND
    assert router.match("GET", "/both").allowed_methods == {"POST"}
    assert router.match("HEAD", "/ws").status is MatchStatus.NOT_FOUND


def test_router_takes_routes_and_mounts_at_construction() -> None:
    router = Router([Route("/a", "a"), Mount("/m", "mounted", name="m")])
    assert endpoint_of(router.match("GET", "/a")) == "a"
    assert router.match("GET", "/m/x").remaining_path == "/x"
    assert router.url_path_for("m", path="/x") == "/m/x"


def test_a_clash_in_an_including_router_warns_once_and_the_first_answers() -> None:
    child = Router()
    parent = Router()
    parent.add_route("/api/items", "parent_items")
    parent.include_router(child, prefix="/api")
    with pytest.warns(DuplicateRouteWarning, match="parent_items") as caught:
        child.add_route("/items", "child_items")
    assert len(caught) == 1
    assert endpoint_of(parent.match("GET", "/api/items")) == "parent_items"
    assert endpoint_of(child.match("GET", "/items")) == "child_items"

    other = Router()
    other.add_route("/a", "a")
    other.mount("/m", "m")
    parent.mount("/x/m", "taken")
    with pytest.raises(ValueError, match="already mounted"):
        parent.include_router(other, prefix="/x")
    assert [route.path for route in parent.routes] == ["/api/items", "/api/items"]


def test_include_cycles_are_refused() -> None:
    first, second, third = Router(), Router(), Router()
    first.include_router(second, prefix="/s")
    second.include_router(third, prefix="/t")
    with pytest.raises(ValueError, match="cycle"):
        third.include_router(first, prefix="/f")
    with pytest.raises(ValueError, match="cycle"):
        second.include_router(first)


class _SocketRoute(Route):
    pass


class _SocketRouter(Router):
    """A framework serving one method with a route class of its own."""

    def route_class_for(self, methods: Any) -> type[Route]:
        return _SocketRoute if methods is not None and "SOCKET" in methods else self.route_class


def test_route_class_for_picks_the_class_of_added_and_included_routes() -> None:
    inner = Router()
    inner.add_route("/a", "socket-endpoint", methods=["SOCKET"])
    inner.add_route("/b", "http-endpoint", methods=["GET"])
    outer = _SocketRouter()
    outer.include_router(inner, prefix="/x")
    outer.add_route("/c", "socket-endpoint", methods=["SOCKET"])
    kinds = {route.path: type(route) for route in outer.routes}
    assert kinds == {"/x/a": _SocketRoute, "/x/b": Route, "/c": _SocketRoute}
    assert type(inner.routes[0]) is Route  # the included router keeps its own routes


class _TaggedRoute(Route):
    pass


class _KeepingRouter(Router):
    """A framework whose included routes keep the class their own router built them with."""

    def included_route_class(self, route: Route, methods: Any) -> type[Route]:
        return type(route)


def test_included_route_class_decides_the_class_of_included_routes_only() -> None:
    inner = Router()
    inner.route_class = _TaggedRoute
    inner.add_route("/a", "endpoint")
    plain, keeping = Router(), _KeepingRouter()
    plain.include_router(inner, prefix="/p")
    keeping.include_router(inner, prefix="/k")
    inner.add_route("/later", "endpoint")  # routes added after the include follow the same rule
    assert [type(route) for route in plain.routes] == [Route, Route]
    assert [type(route) for route in keeping.routes] == [_TaggedRoute, _TaggedRoute]
    keeping.add_route("/own", "endpoint")
    assert type(keeping.routes[-1]) is Route  # its own routes still use route_class


def test_add_route_builds_with_the_route_class_given() -> None:
    router = Router()
    router.add_route("/tagged", "endpoint", route_class=_TaggedRoute)
    router.add_route("/plain", "endpoint")
    assert [type(route) for route in router.routes] == [_TaggedRoute, Route]
    assert router.match("GET", "/tagged").route is router.routes[0]
