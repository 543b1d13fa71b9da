"""Running user callables: sync ones in a worker thread, async ones awaited."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread

__all__ = ["run_handler", "run_in_threadpool"]

T = TypeVar("T")


async def run_in_threadpool(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a blocking function without blocking the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))


async def run_handler(handler: Callable[..., Any], scope: dict[str, Any], receive: Any, exc: Exception) -> Any:
    """Call an exception handler with the request (or websocket) and the exception."""
    from .requests import Request

    connection: Any = Request(scope, receive)
    if scope["type"] == "websocket":
        from ._websocket_support import load_ws

        connection = load_ws().WebSocket(scope, receive, None)
    if inspect.iscoroutinefunction(handler):
        return await handler(connection, exc)
    return await run_in_threadpool(handler, connection, exc)
