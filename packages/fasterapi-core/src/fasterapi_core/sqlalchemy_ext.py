"""A request-scoped database session as a yield dependency (SQLAlchemy's ``async_sessionmaker`` or alike).

Nothing here imports SQLAlchemy: any factory whose result is an async context manager with
``commit()`` and ``rollback()`` coroutines works.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

__all__ = ["sqlalchemy_session_dependency"]


def sqlalchemy_session_dependency(
    session_factory: Callable[[], Any], *, commit: bool = True
) -> Callable[[], AsyncIterator[Any]]:
    """A dependency yielding one session per request.

    The session is committed after the handler returns (when ``commit``), rolled back if the handler
    or a later dependency raises, and closed in every case — after the response has been sent.

    ``get_session = sqlalchemy_session_dependency(async_sessionmaker(engine))`` then
    ``session: Annotated[AsyncSession, Depends(get_session)]``.
    """

    async def get_session() -> AsyncIterator[Any]:
        async with session_factory() as session:
            try:
                yield session
            except BaseException:
                await session.rollback()
                raise
            if commit:
                await session.commit()

    return get_session
