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
