# tests/test_fixtures.py
import pytest
import pytest_asyncio


class FakeDB:
    """A stand-in for your database client: swap in asyncpg, an ORM session, ..."""

    def __init__(self) -> None:
        self.closed = False

    async def fetch(self, query: str) -> list[tuple[int]]:
        return [(1,)] if query == "SELECT 1" else []

    async def close(self) -> None:
        self.closed = True


async def open_test_db() -> FakeDB:
    return FakeDB()


@pytest_asyncio.fixture
async def db_session():
    session = await open_test_db()
    yield session
    await session.close()


@pytest.mark.asyncio
async def test_with_db(db_session):
    rows = await db_session.fetch("SELECT 1")
    assert rows == [(1,)]
