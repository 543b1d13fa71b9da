"""``install_event_loop``: opt in to uvloop's event loop (``pip install 'fasterapi-extras[uvloop]'``)."""

from __future__ import annotations

import asyncio

__all__ = ["install_event_loop"]


def install_event_loop() -> str:
    """Use uvloop's event loop policy when uvloop is installed; returns ``"uvloop"`` or ``"asyncio"``.

    Unlike ``faster-api-web`` nothing calls this on import: an application opts in (uvicorn picks
    uvloop by itself when it is installed).
    """
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"
