"""``run_in_executor``: faster-api-web's helper for CPU-bound work in a shared pool of worker processes.

Workers are started with ``forkserver`` (``spawn`` where it does not exist), never by forking the
multi-threaded server process. The function and its arguments travel by pickle: define the function
at the top level of an importable module.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ._processes import pickled_call, run_pickled_call, worker_context

__all__ = ["run_in_executor", "shutdown_process_pool"]

T = TypeVar("T")

_pool: concurrent.futures.ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _process_pool() -> concurrent.futures.ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ProcessPoolExecutor(mp_context=worker_context())
        return _pool


async def run_in_executor(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``func(*args, **kwargs)`` in a worker process and return its result.

    The pool is created on first use and shared; :func:`shutdown_process_pool` stops it.
    """
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_process_pool(), run_pickled_call, pickled_call(func, args, kwargs))


def shutdown_process_pool() -> None:
    """Stop the worker processes of :func:`run_in_executor` (a later call starts new ones)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)
