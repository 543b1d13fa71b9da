"""``app.dependency_overrides``: FastAPI-style dict plus the scoped ``override`` helper."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from fasterapi_core import Depends, Faster, FasterRouter, Header

ClientFor = Callable[[Any], httpx.AsyncClient]


def get_db() -> str:
    return "real-db"


def get_user(db: str = Depends(get_db)) -> str:
    return f"user from {db}"


def make_app() -> tuple[Faster, FasterRouter]:
    app = Faster()
    early = FasterRouter(prefix="/early")

    @early.get("/user")
    async def early_user(user: str = Depends(get_user)) -> str:
        return user

    app.include_router(early)

    @app.get("/db")
    async def db(value: str = Depends(get_db)) -> str:
        return value

    @app.get("/user")
    async def user(value: str = Depends(get_user)) -> str:
        return value

    return app, early


async def test_override_applies_at_any_depth_and_is_removable(client_for: ClientFor) -> None:
    app, _ = make_app()
    app.dependency_overrides[get_db] = lambda: "fake-db"
    async with client_for(app) as client:
        assert (await client.get("/db")).json() == "fake-db"
        assert (await client.get("/user")).json() == "user from fake-db"
        assert (await client.get("/early/user")).json() == "user from fake-db"
        app.dependency_overrides.clear()
        assert (await client.get("/user")).json() == "user from real-db"


async def test_override_covers_routes_included_after_it_was_set(client_for: ClientFor) -> None:
    app = Faster()
    app.dependency_overrides[get_user] = lambda: "stub user"
    late = FasterRouter(prefix="/late")

    @late.get("/user")
    async def late_user(user: str = Depends(get_user)) -> str:
        return user

    app.include_router(late)
    async with client_for(app) as client:
        assert (await client.get("/late/user")).json() == "stub user"


async def test_replacement_gets_its_own_parameters(client_for: ClientFor) -> None:
    app, _ = make_app()

    def header_user(x_user: str = Header()) -> str:
        return f"header {x_user}"

    app.dependency_overrides[get_user] = header_user
    async with client_for(app) as client:
        assert (await client.get("/user", headers={"x-user": "zed"})).json() == "header zed"
        missing = await client.get("/user")
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["header", "x-user"]


async def test_scoped_override_restores_the_previous_state(client_for: ClientFor) -> None:
    app, _ = make_app()

    async def fake_db() -> AsyncIterator[str]:
        yield "scoped-db"

    async with client_for(app) as client:
        with app.dependency_overrides.override(get_db, fake_db):
            assert (await client.get("/db")).json() == "scoped-db"
        assert (await client.get("/db")).json() == "real-db"
    assert dict(app.dependency_overrides) == {}


async def test_route_level_dependencies_can_be_overridden(client_for: ClientFor) -> None:
    calls: list[str] = []

    def verify() -> None:
        calls.append("real")

    app = Faster()

    @app.get("/guarded", dependencies=[Depends(verify)])
    async def guarded() -> str:
        return "ok"

    app.dependency_overrides[verify] = lambda: calls.append("fake")
    async with client_for(app) as client:
        assert (await client.get("/guarded")).json() == "ok"
    assert calls == ["fake"]
