"""Work to do after the response has been sent."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import anyio.to_thread

from ._started import mark_response_started
from .concurrency import is_coroutine

__all__ = ["BackgroundTask", "BackgroundTasks", "run_background"]


class BackgroundTask:
    """One call to make later: async functions are awaited, sync ones run in a worker thread."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.is_async = is_coroutine(func)

    async def __call__(self) -> None:
        if self.is_async:
            await self.func(*self.args, **self.kwargs)
        else:
            await anyio.to_thread.run_sync(functools.partial(self.func, *self.args, **self.kwargs))

    async def run(self) -> None:
        """The ``faster-api-web`` spelling of ``await task()``."""
        await self()

    def __repr__(self) -> str:
        return f"BackgroundTask({getattr(self.func, '__qualname__', self.func)!r})"


async def run_background(task: BackgroundTask) -> None:
    """Run ``task`` after a response went out; a failure is raised on, marked as past answering.

    As in Starlette, it reaches the server, which logs it once (the test client raises it).
    """
    try:
        await task()
    except BaseException as exc:
        mark_response_started(exc)
        raise


class BackgroundTasks(BackgroundTask):
    """An ordered list of tasks; inject it as a parameter and ``add_task`` to it."""

    def __init__(self, tasks: list[BackgroundTask] | None = None) -> None:
        self.tasks: list[BackgroundTask] = list(tasks or [])

    def add_task(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.tasks.append(BackgroundTask(func, *args, **kwargs))

    async def __call__(self) -> None:
        for task in self.tasks:
            await task()

    def __repr__(self) -> str:
        return f"BackgroundTasks({self.tasks!r})"
