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
    "is_coroutine",
    "run_in_threadpool",
]

T = TypeVar("T")


async def run_in_threadpool(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a blocking function without blocking the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))


def is_coroutine(func: Any) -> bool:
    """Whether calling ``func`` gives an awaitable: coroutine functions, partials of them, async ``__call__``."""
    while isinstance(func, functools.partial):
        func = func.func
    if inspect.iscoroutinefunction(func):
        return True
    if inspect.isfunction(func) or inspect.isclass(func):
        return False
    return inspect.iscoroutinefunction(getattr(func, "__call__", None))  # noqa: B004 - callable instances


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
