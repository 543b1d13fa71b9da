"""``configure_structlog``: one call to get structured logs (structlog is optional: ``fasterapi-extras[structlog]``)."""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["configure_structlog"]

_INSTALL_HINT = "configure_structlog needs structlog: pip install structlog (or 'fasterapi-extras[structlog]')"


def configure_structlog(*, json_format: bool = False, log_level: str | int = "INFO") -> Any:
    """Configure structlog process-wide and return the ``structlog`` module.

    Events carry the level, an ISO-8601 UTC timestamp, anything bound with
    ``structlog.contextvars.bind_contextvars`` (e.g. a request id) and formatted exceptions; they are
    rendered as JSON lines (``json_format=True``, for log collectors) or for the console. Events below
    ``log_level`` are dropped before any processing.
    """
    try:
        import structlog
    except ImportError:
        raise ImportError(_INSTALL_HINT) from None
    level = logging.getLevelName(log_level.upper()) if isinstance(log_level, str) else log_level
    if not isinstance(level, int):
        raise ValueError(f"unknown log level {log_level!r}; use DEBUG, INFO, WARNING, ERROR or CRITICAL")
    renderer: Any = structlog.processors.JSONRenderer() if json_format else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=False,
    )
    return structlog
