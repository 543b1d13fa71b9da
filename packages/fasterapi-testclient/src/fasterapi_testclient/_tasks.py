"""Background tasks that belong to no task group.

The async client must not hold a task group or cancel scope open across a pytest fixture's ``yield``
(pytest-asyncio issue 1191), so every app run is a plain task of the current event loop that we own,
wait for through an event, and cancel by hand.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable

import anyio

__all__ = ["AppTask", "spawn"]


class AppTask:
    """Handle on a spawned task: ``done`` is set when it ends, ``exception`` holds what it raised."""

    __slots__ = ("_cancel", "done", "exception")

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.exception: BaseException | None = None
        self._cancel: Callable[[], object] = lambda: None

    def cancel(self) -> None:
        """Ask the task to stop; returns at once."""
        if not self.done.is_set():
            self._cancel()

    async def wait(self, timeout: float | None) -> bool:
        """Wait up to ``timeout`` seconds for the task to end; True when it did."""
        with anyio.move_on_after(timeout):
            await self.done.wait()
        return self.done.is_set()

    async def stop(self, grace: float) -> None:
        """Give the task ``grace`` seconds to end on its own, then cancel it and wait (bounded) for that."""
        if grace > 0 and await self.wait(grace):
            return
        self.cancel()
        await self.wait(max(grace, 1.0))


def spawn(func: Callable[[], Awaitable[None]], name: str) -> AppTask:
    """Start ``func()`` as a task of the running event loop (asyncio or trio), outside any task group.

    The task runs in a copy of the caller's context, as ``asyncio.create_task`` and a nursery's
    ``start_soon`` do, so context variables set by the test reach the app (and its worker threads).
    """
    handle = AppTask()
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:

        async def run_asyncio() -> None:
            try:
                await func()
            except asyncio.CancelledError:
                pass
            except BaseException as exc:
                handle.exception = exc
            finally:
                handle.done.set()

        task = loop.create_task(run_asyncio(), name=name)
        handle._cancel = task.cancel
        _running.add(task)
        task.add_done_callback(_running.discard)
        return handle
    return _spawn_trio(func, name, handle)


_running: set[asyncio.Task[None]] = set()


def _spawn_trio(func: Callable[[], Awaitable[None]], name: str, handle: AppTask) -> AppTask:
    import trio

    scope = trio.CancelScope()

    async def run_trio() -> None:
        try:
            with scope:
                await func()
        except Exception as exc:
            handle.exception = exc
        finally:
            handle.done.set()

    # A system task would otherwise run in the system nursery's context, not the caller's.
    trio.lowlevel.spawn_system_task(run_trio, name=name, context=contextvars.copy_context())
    handle._cancel = scope.cancel
    return handle
