"""``sqlalchemy_session_dependency``: one session per request, committed, rolled back, closed."""

from typing import Annotated, Any

import httpx
import pytest

from fasterapi_core import Depends, Faster, HTTPException
from fasterapi_core.sqlalchemy_ext import sqlalchemy_session_dependency

events: list[str] = []


class Session:
    """The parts of ``AsyncSession`` the dependency uses, recording what happens."""

    async def __aenter__(self) -> "Session":
        events.append("open")
        return self

    async def __aexit__(self, *exc: object) -> None:
        events.append("close")

    async def commit(self) -> None:
        events.append("commit")

    async def rollback(self) -> None:
        events.append("rollback")


get_session = sqlalchemy_session_dependency(Session)
app = Faster()


@app.get("/ok")
async def ok(session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    events.append("handler")
    return {"same_type": isinstance(session, Session)}


@app.get("/fail")
async def fail(session: Annotated[Session, Depends(get_session)]) -> None:
    raise HTTPException(409, "conflict")


async def test_commit_after_success_and_rollback_after_an_error() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        events.clear()
        assert (await client.get("/ok")).json() == {"same_type": True}
        assert events == ["open", "handler", "commit", "close"]
        events.clear()
        assert (await client.get("/fail")).status_code == 409
        assert events == ["open", "rollback", "close"]


async def test_commit_can_be_left_to_the_handler() -> None:
    dependency = sqlalchemy_session_dependency(Session, commit=False)
    events.clear()
    generator = dependency()
    await generator.__anext__()
    with pytest.raises(StopAsyncIteration):
        await generator.__anext__()
    assert events == ["open", "close"]


def test_session_dependency_needs_a_factory() -> None:
    with pytest.raises(ValueError, match="session factory"):
        sqlalchemy_session_dependency(None)  # type: ignore[arg-type]


def test_engine_helper_names_what_to_install_when_sqlalchemy_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from fasterapi_core.sqlalchemy_ext import async_engine_from_url_optional

    monkeypatch.setitem(sys.modules, "sqlalchemy.ext.asyncio", None)
    with pytest.raises(ImportError, match=r"sqlalchemy\[asyncio\]"):
        async_engine_from_url_optional("sqlite+aiosqlite://")


def test_engine_helper_passes_url_and_options_to_create_async_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from fasterapi_core.sqlalchemy_ext import async_engine_from_url_optional

    calls: list[tuple[str, dict[str, Any]]] = []
    fake = types.ModuleType("sqlalchemy.ext.asyncio")
    fake.create_async_engine = lambda url, **kwargs: calls.append((url, kwargs)) or "engine"  # type: ignore[attr-defined]
    for name in ("sqlalchemy", "sqlalchemy.ext"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "sqlalchemy.ext.asyncio", fake)
    assert async_engine_from_url_optional("sqlite+aiosqlite://", echo=True) == "engine"
    assert calls == [("sqlite+aiosqlite://", {"echo": True})]
