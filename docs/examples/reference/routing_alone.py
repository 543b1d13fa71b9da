# --8<-- [start:app]
from fasterapi_routing import MatchStatus, Router

router = Router()
router.add_route("/users/me", "current_user", methods=["GET"])
router.add_route("/users/{user_id:int}", "get_user", methods=["GET"], name="get_user")
router.add_route("/files/{path:path}", "get_file", methods=["GET"])

match = router.match("GET", "/users/42")
assert match.status is MatchStatus.FULL
assert match.route is not None and match.route.endpoint == "get_user"
assert match.params == {"user_id": 42}  # converted by the int converter

assert router.match("GET", "/users/me").route.endpoint == "current_user"  # static beats parameter
assert router.match("GET", "/files/a/b.txt").params == {"path": "a/b.txt"}

wrong_method = router.match("POST", "/users/42")
assert wrong_method.status is MatchStatus.METHOD_NOT_ALLOWED
assert wrong_method.allowed_methods == {"GET", "HEAD"}

assert router.url_path_for("get_user", user_id=7) == "/users/7"
# --8<-- [end:app]


def test_routing_alone_example_ran() -> None:
    assert match.params == {"user_id": 42}
