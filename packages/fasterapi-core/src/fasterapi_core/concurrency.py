"""Running user callables: sync ones in a worker thread, async ones awaited; task-group helpers."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import anyio.to_thread

__all__ = [
    "collapse_exception_groups",
    "install_event_loop",
    "is_coroutine",
    "run_in_executor",
    "run_in_threadpool",
    "shutdown_process_pool",
]

T = TypeVar("T")


async def run_in_threadpool(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a blocking function without blocking the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))


async def run_in_executor(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a CPU-bound function in a worker process (``faster-api-web``'s helper).

    The function and its arguments must be picklable. The process pool is created on first use and
    shared; :func:`shutdown_process_pool` stops it.
    """
    import asyncio

    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_process_pool(), functools.partial(func, *args, **kwargs))


_PROCESS_POOL: Any = None


def _process_pool() -> Any:
    global _PROCESS_POOL
    if _PROCESS_POOL is None:
        from concurrent.futures import ProcessPoolExecutor

        _PROCESS_POOL = ProcessPoolExecutor()
    return _PROCESS_POOL


def shutdown_process_pool() -> None:
    """Stop the worker processes of :func:`run_in_executor` (a later call starts new ones)."""
    global _PROCESS_POOL
    pool, _PROCESS_POOL = _PROCESS_POOL, None
    if pool is not None:
        pool.shutdown(wait=True)


def is_coroutine(func: Any) -> bool:
    """Whether calling ``func`` gives an awaitable: coroutine functions, partials of them, async ``__call__``."""
    while isinstance(func, functools.partial):
        func = func.func
    if inspect.iscoroutinefunction(func):
        return True
    if inspect.isfunction(func) or inspect.isclass(func):
        return False
    return inspect.iscoroutinefunction(getattr(func, "__call__", None))  # noqa: B004 - callable instances


def install_event_loop() -> str:
    """Use uvloop's event loop policy when uvloop is installed; returns ``"uvloop"`` or ``"asyncio"``.

    Unlike ``faster-api-web`` nothing calls this on import: an application opts in (uvicorn picks
    uvloop by itself when it is installed).
    """
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    import asyncio

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


def _is_group(exc: BaseException) -> bool:
    return any(cls.__name__ == "BaseExceptionGroup" for cls in type(exc).__mro__)


@contextlib.contextmanager
def collapse_exception_groups() -> Iterator[None]:
    """Re-raise the single exception inside an anyio task-group ``ExceptionGroup`` as itself.

    Error handlers match on exception classes (``HTTPException``, user classes); a task group used
    internally must not change which handler applies.
    """
    try:
        yield
    except BaseException as exc:
        inner = exc
        while _is_group(inner) and len(inner.exceptions) == 1:  # type: ignore[attr-defined]
            inner = inner.exceptions[0]  # type: ignore[attr-defined]
        if inner is exc:
            raise
        raise inner from None
