import pytest

from fasterapi_routing import DuplicateRouteWarning, MatchStatus, NoMatchFound, Router, TemplateError


def make_router() -> Router:
    router = Router()
    router.add_route("/", "root")
    router.add_route("/items", "list_items")
    router.add_route("/items", "create_item", methods=["POST"])
    router.add_route("/items/{item_id}", "get_item")
    router.add_route("/users/{user_id:int}", "get_user", name="get_user")
    router.add_route("/users/{name}/posts", "user_posts")
    router.add_route("/files/{name}/x", "file_x")
    router.add_route("/files/static/y", "static_y")
    router.add_route("/static/{rest:path}", "static_files")
    return router


def test_static_and_param_matches() -> None:
    router = make_router()
    match = router.match("GET", "/items")
    assert match.status is MatchStatus.FULL
    assert match.route is not None and match.route.endpoint == "list_items"
    assert router.match("POST", "/items").route.endpoint == "create_item"  # type: ignore[union-attr]
    match = router.match("GET", "/items/42")
    assert match.route.endpoint == "get_item"  # type: ignore[union-attr]
    assert match.params == {"item_id": "42"}
    assert router.match("GET", "/").route.endpoint == "root"  # type: ignore[union-attr]


def test_converters_and_parameter_names_per_route() -> None:
    router = make_router()
    match = router.match("GET", "/users/7")
    assert match.route.endpoint == "get_user"  # type: ignore[union-attr]
    assert match.params == {"user_id": 7}
    match = router.match("GET", "/users/ada/posts")
    assert match.route.endpoint == "user_posts"  # type: ignore[union-attr]
    assert match.params == {"name": "ada"}
    assert router.match("GET", "/users/abc").status is MatchStatus.NOT_FOUND


def test_backtracking_from_static_to_param() -> None:
    router = make_router()
    match = router.match("GET", "/files/static/x")
    assert match.route.endpoint == "file_x"  # type: ignore[union-attr]
    assert match.params == {"name": "static"}


def test_path_converter_takes_the_rest() -> None:
    router = make_router()
    match = router.match("GET", "/static/css/site/main.css")
    assert match.params == {"rest": "css/site/main.css"}


def test_method_not_allowed_lists_methods_and_head_follows_get() -> None:
    router = make_router()
    match = router.match("DELETE", "/items")
    assert match.status is MatchStatus.METHOD_NOT_ALLOWED
    assert match.allowed_methods == {"GET", "HEAD", "POST"}
    assert router.match("HEAD", "/items/1").status is MatchStatus.FULL
    assert router.match("PUT", "/items/1").allowed_methods == {"GET", "HEAD"}


def test_unknown_path_and_slash_redirect() -> None:
    router = make_router()
    assert router.match("GET", "/nope").status is MatchStatus.NOT_FOUND
    match = router.match("GET", "/items/")
    assert match.status is MatchStatus.REDIRECT_SLASH
    assert match.redirect_path == "/items"


def test_duplicate_route_warns_names_both_handlers_and_the_first_answers() -> None:
    router = make_router()
    first = router.match("GET", "/items/7").route

    def again() -> None: ...

    with pytest.warns(DuplicateRouteWarning) as caught:
        router.add_route("/items/{other}", again)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "GET '/items/{other}' is already registered by 'get_item'" in message
    assert "again is registered too but the first one answers" in message
    assert router.match("GET", "/items/7").route is first
    assert len([r for r in router.routes if r.template.shape == first.template.shape]) == 2


def test_malformed_templates_raise() -> None:
    for bad in ["/a/{b", "/a/{b:nope}", "/a/{b}/{b}", "no-slash", "/a/{p:path}/b"]:
        with pytest.raises(TemplateError):
            Router().add_route(bad, "x")


def test_url_path_for() -> None:
    router = make_router()
    assert router.url_path_for("get_user", user_id=5) == "/users/5"
    with pytest.raises(NoMatchFound):
        router.url_path_for("get_user")
    with pytest.raises(NoMatchFound):
        router.url_path_for("missing")


def test_include_router_with_prefix_picks_up_later_routes() -> None:
    child = Router()
    child.add_route("/", "child_root")
    parent = Router()
    parent.include_router(child, prefix="/child")
    child.add_route("/later/{x}", "later")
    assert parent.match("GET", "/child/").route.endpoint == "child_root"  # type: ignore[union-attr]
    assert parent.match("GET", "/child").status is MatchStatus.REDIRECT_SLASH
    assert parent.match("GET", "/child/later/1").params == {"x": "1"}


def test_mount_hands_over_remaining_path() -> None:
    router = make_router()
    router.mount("/sub", "subapp")
    match = router.match("GET", "/sub/a/b")
    assert match.status is MatchStatus.MOUNT
    assert match.remaining_path == "/a/b"
    assert match.mount_prefix == "/sub"
