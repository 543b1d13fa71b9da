# --8<-- [start:app]
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import msgspec
from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from FasterAPI import Depends, Faster
from FasterAPI.sqlalchemy_ext import sqlalchemy_session_dependency


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))


class NoteIn(msgspec.Struct):
    title: str


engine = create_async_engine(os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///notes.db"))
get_session = sqlalchemy_session_dependency(async_sessionmaker(engine, expire_on_commit=False))
# scope="function": the commit happens before the response is sent.
Session = Annotated[AsyncSession, Depends(get_session, scope="function")]


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[None]:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = Faster(lifespan=lifespan)


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, session: Session) -> dict[str, int | str]:
    row = Note(title=note.title)
    session.add(row)
    await session.flush()  # assigns the id
    return {"id": row.id, "title": row.title}


@app.get("/notes/count")
async def count_notes(session: Session) -> dict[str, int]:
    return {"count": await session.scalar(select(func.count(Note.id))) or 0}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_a_new_note_is_there_for_the_next_request() -> None:
    with TestClient(app) as client:
        before = client.get("/notes/count").json()["count"]
        created = client.post("/notes", json={"title": "groceries"})
        assert created.status_code == 201
        assert created.json()["title"] == "groceries"
        assert client.get("/notes/count").json() == {"count": before + 1}


# --8<-- [end:test]
