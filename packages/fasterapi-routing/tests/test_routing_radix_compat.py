"""The call forms of `faster-api-web`'s RadixRouter keep working on Router."""

from __future__ import annotations

import pytest

from fasterapi_routing import Router


def handler() -> None: ...


def test_radix_router_forms_register_and_resolve() -> None:
    router = Router()
    router.add_route("GET", "/users/{user_id}", handler, {"tags": ["users"]})
    router.add_route("post", "/users", handler)
    assert router.resolve("GET", "/users/7") == (handler, {"user_id": "7"}, {"tags": ["users"]})
    assert router.resolve("get", "/users/7/") == (handler, {"user_id": "7"}, {"tags": ["users"]})
    assert router.resolve("POST", "/users/") == (handler, {}, {})
    assert router.resolve("HEAD", "/users/7") is not None
    assert router.resolve("DELETE", "/users/7") is None
    assert router.resolve("GET", "/nothing") is None


def test_resolve_hands_out_a_params_copy() -> None:
    router = Router()
    router.add_route("GET", "/health", handler)
    _, params, _ = router.resolve("GET", "/health")  # type: ignore[misc]
    params["x"] = 1
    assert router.resolve("GET", "/health") == (handler, {}, {})
    assert router.match("GET", "/health").params == {}


def test_mixed_forms_are_refused() -> None:
    with pytest.raises(TypeError, match="RadixRouter"):
        Router().add_route("GET", "/x", handler, {}, "extra")
    with pytest.raises(TypeError, match="RadixRouter"):
        Router().add_route("GET", "/x", handler, methods=["POST"])
