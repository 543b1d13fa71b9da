"""``faster-api-web``'s request-scoped database session dependency."""

from fasterapi_core.sqlalchemy_ext import sqlalchemy_session_dependency as sqlalchemy_session_dependency

__all__ = ["sqlalchemy_session_dependency"]
