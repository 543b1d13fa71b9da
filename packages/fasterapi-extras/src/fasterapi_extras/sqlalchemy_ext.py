"""A request-scoped database session as a yield dependency (SQLAlchemy's ``async_sessionmaker`` or alike).

Nothing here imports SQLAlchemy: any factory whose result is an async context manager with
``commit()`` and ``rollback()`` coroutines works.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

__all__ = ["async_engine_from_url_optional", "sqlalchemy_session_dependency"]


def sqlalchemy_session_dependency(
    session_factory: Callable[[], Any], *, commit: bool = True
) -> Callable[[], AsyncIterator[Any]]:
    """A dependency yielding one session per request.

    The session is committed after the handler returns (when ``commit``), rolled back if the handler
    or a later dependency raises, and closed in every case — after the response has been sent.

    ``get_session = sqlalchemy_session_dependency(async_sessionmaker(engine))`` then
    ``session: Annotated[AsyncSession, Depends(get_session)]``.
    """
    if session_factory is None:
        raise ValueError("sqlalchemy_session_dependency needs a session factory, e.g. async_sessionmaker(engine)")

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


def async_engine_from_url_optional(url: str, **kwargs: Any) -> Any:
    """``sqlalchemy.ext.asyncio.create_async_engine(url, **kwargs)``, or an ImportError saying what to install.

    SQLAlchemy stays optional: it is imported only when an engine is asked for.
    """
    try:
        from sqlalchemy.ext.asyncio import create_async_engine
    except ImportError as exc:
        raise ImportError(
            "async_engine_from_url_optional needs SQLAlchemy with asyncio support: "
            "pip install 'sqlalchemy[asyncio]' (or 'fasterapi-extras[sqlalchemy]'), "
            "plus a driver such as aiosqlite or asyncpg"
        ) from exc
    return create_async_engine(url, **kwargs)
