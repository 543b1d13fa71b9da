"""``sqlalchemy_session_dependency`` on real SQLite (aiosqlite, SQLAlchemy's async engine): commit, rollback, close."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

import httpx
import msgspec
import pytest
from sqlalchemy import String, event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, Session as OrmSession, mapped_column

from fasterapi_core import Depends, Faster, HTTPException, Request
from fasterapi_extras.production import DatabasePoolMiddleware
from fasterapi_extras.sqlalchemy_ext import async_engine_from_url_optional, sqlalchemy_session_dependency


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100), unique=True)


class NoteIn(msgspec.Struct):
    title: str


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = async_engine_from_url_optional(f"sqlite+aiosqlite:///{tmp_path / 'notes.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    try:
        yield engine
    finally:
        await engine.dispose()


async def _titles(engine: AsyncEngine) -> list[str]:
    async with AsyncSession(engine) as session:
        return list((await session.scalars(select(Note.title).order_by(Note.id))).all())


def _notes_app(engine: AsyncEngine, events: list[str], *, commit: bool = True) -> Faster:
    class RecordedSession(OrmSession):
        """A session class of this app only, so the listeners below see only its sessions."""

    event.listen(RecordedSession, "after_commit", lambda session: events.append("commit"))
    event.listen(RecordedSession, "after_soft_rollback", lambda session, previous: events.append("rollback"))
    sessions = async_sessionmaker(engine, expire_on_commit=False, sync_session_class=RecordedSession)
    get_session = sqlalchemy_session_dependency(sessions, commit=commit)
    # scope="function": commit before the response is sent, so a client reads its own write at once.
    Session = Annotated[AsyncSession, Depends(get_session, scope="function")]
    app = Faster()

    @app.post("/notes", status_code=201)
    async def create(note: NoteIn, session: Session) -> dict[str, Any]:
        row = Note(title=note.title)
        session.add(row)
        await session.flush()  # a duplicate title fails here: IntegrityError
        if note.title.startswith("bad"):
            raise HTTPException(409, "refused after the insert")
        return {"id": row.id, "title": row.title}

    @app.get("/notes")
    async def count(session: Session) -> dict[str, int]:
        return {"count": await session.scalar(select(func.count(Note.id))) or 0}

    return app


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_a_write_is_committed_before_the_response_and_read_back_at_once(engine: AsyncEngine) -> None:
    events: list[str] = []
    app = _notes_app(engine, events)
    sent: list[str] = []

    async def recording_app(scope: Any, receive: Any, send: Any) -> None:
        async def send_and_record(message: Any) -> None:
            if message["type"] == "http.response.start":
                sent.append(f"response {message['status']}")
                events.append("response")
            await send(message)

        await app(scope, receive, send_and_record)

    async with _client(recording_app) as client:
        created = await client.post("/notes", json={"title": "first"})
        read_back = await client.get("/notes")
    assert created.status_code == 201
    assert created.json() == {"id": 1, "title": "first"}
    assert read_back.json() == {"count": 1}
    assert events[:2] == ["commit", "response"]
    assert await _titles(engine) == ["first"]


async def test_an_error_rolls_back_the_request_and_nothing_is_stored(engine: AsyncEngine) -> None:
    events: list[str] = []
    async with _client(_notes_app(engine, events)) as client:
        refused = await client.post("/notes", json={"title": "bad idea"})
        assert refused.status_code == 409
        assert (await client.post("/notes", json={"title": "kept"})).status_code == 201
    assert "rollback" in events
    assert await _titles(engine) == ["kept"]


async def test_a_database_error_rolls_back_and_reaches_the_server(engine: AsyncEngine) -> None:
    from sqlalchemy.exc import IntegrityError

    events: list[str] = []
    app = _notes_app(engine, events)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.post("/notes", json={"title": "twice"})).status_code == 201
        with pytest.raises(IntegrityError):
            await client.post("/notes", json={"title": "twice"})
    assert events.count("commit") == 1  # the first request only
    assert events[-1] == "rollback"
    assert await _titles(engine) == ["twice"]


async def test_commit_can_be_left_to_the_handler(engine: AsyncEngine) -> None:
    events: list[str] = []
    async with _client(_notes_app(engine, events, commit=False)) as client:
        assert (await client.post("/notes", json={"title": "never committed"})).status_code == 201
    assert "commit" not in events
    assert await _titles(engine) == []  # the session closed without a commit: the insert is gone


async def test_database_pool_middleware_hands_the_engine_to_handlers(engine: AsyncEngine) -> None:
    app = Faster()

    @app.get("/version")
    async def version(request: Request) -> dict[str, str]:
        pool: AsyncEngine = request.state.db_pool
        async with pool.connect() as connection:
            return {"sqlite": str(await connection.scalar(select(func.sqlite_version())))}

    app.add_middleware(DatabasePoolMiddleware, pool=engine)
    async with _client(app) as client:
        answer = (await client.get("/version")).json()
    assert answer["sqlite"].count(".") == 2


def test_session_dependency_needs_a_factory() -> None:
    with pytest.raises(ValueError, match="session factory"):
        sqlalchemy_session_dependency(None)  # type: ignore[arg-type]


def test_engine_helper_names_what_to_install_when_sqlalchemy_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy.ext.asyncio", None)
    with pytest.raises(ImportError, match=r"sqlalchemy\[asyncio\]"):
        async_engine_from_url_optional("sqlite+aiosqlite://")


async def test_engine_helper_passes_options_to_create_async_engine(tmp_path: Path) -> None:
    engine = async_engine_from_url_optional(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", echo=True)
    try:
        assert isinstance(engine, AsyncEngine)
        assert engine.echo is True
        assert engine.dialect.driver == "aiosqlite"
    finally:
        await engine.dispose()
