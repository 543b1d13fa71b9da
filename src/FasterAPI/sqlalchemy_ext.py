"""``faster-api-web``'s request-scoped database session dependency and optional engine helper."""

from fasterapi_extras.sqlalchemy_ext import (
    async_engine_from_url_optional as async_engine_from_url_optional,
    sqlalchemy_session_dependency as sqlalchemy_session_dependency,
)

__all__ = ["async_engine_from_url_optional", "sqlalchemy_session_dependency"]
