"""Run CPU-bound functions off the event loop in parallel: sub-interpreters where Python has them.

Python 3.14+ ships ``concurrent.futures.InterpreterPoolExecutor`` (one interpreter, and one GIL, per
worker); older versions get a ``ProcessPoolExecutor`` whose workers start with ``forkserver``
(``spawn`` on Windows), never by forking the multi-threaded server. Either way the function travels
by name and its arguments by pickle: define the function at the top level of an importable module.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ._processes import WORKER_START_METHOD, pickled_call, run_pickled_call, worker_context

__all__ = ["SubInterpreterPool", "run_in_subinterpreter", "shutdown_default_pool", "subinterpreters_available"]

T = TypeVar("T")


def subinterpreters_available() -> bool:
    """True when this Python can run each worker in its own sub-interpreter."""
    return hasattr(concurrent.futures, "InterpreterPoolExecutor")


class SubInterpreterPool:
    """A pool of sub-interpreters (or processes); ``await pool.run(func, *args)`` returns the result.

    ``start_method`` tells how process workers start (``"forkserver"`` or ``"spawn"``), ``None`` for
    sub-interpreters.
    """

    def __init__(self, max_workers: int | None = None) -> None:
        self.max_workers = max_workers
        self.uses_subinterpreters = subinterpreters_available()
        self.start_method: str | None = None if self.uses_subinterpreters else WORKER_START_METHOD
        self._executor: concurrent.futures.Executor | None = None
        self._lock = threading.Lock()

    def _get_executor(self) -> concurrent.futures.Executor:
        with self._lock:
            if self._executor is None:
                if self.uses_subinterpreters:
                    factory: Callable[..., concurrent.futures.Executor] = concurrent.futures.InterpreterPoolExecutor  # type: ignore[attr-defined]
                    self._executor = factory(max_workers=self.max_workers)
                else:
                    self._executor = concurrent.futures.ProcessPoolExecutor(
                        max_workers=self.max_workers, mp_context=worker_context()
                    )
            return self._executor

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._get_executor(), run_pickled_call, pickled_call(func, args, kwargs))

    def shutdown(self, wait: bool = True) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait)

    def __enter__(self) -> SubInterpreterPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()


_default_pool: SubInterpreterPool | None = None
_default_lock = threading.Lock()


async def run_in_subinterpreter(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``func(*args, **kwargs)`` in a shared, lazily created ``SubInterpreterPool``."""
    global _default_pool
    with _default_lock:
        if _default_pool is None:
            _default_pool = SubInterpreterPool()
            # Stop the workers before interpreter teardown, when the executor can still clean up.
            atexit.register(_default_pool.shutdown)
        pool = _default_pool
    return await pool.run(func, *args, **kwargs)


def shutdown_default_pool() -> None:
    """Stop the workers behind ``run_in_subinterpreter`` (a later call starts fresh ones).

    Call it from your lifespan's shutdown; a later call starts fresh workers.
    """
    global _default_pool
    with _default_lock:
        pool, _default_pool = _default_pool, None
    if pool is not None:
        atexit.unregister(pool.shutdown)
        pool.shutdown()
