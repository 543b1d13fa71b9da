"""How this package's worker pools start processes and hand them work.

Workers start with ``forkserver`` (``spawn`` where it does not exist), never with a plain ``fork``:
forking a process that runs threads (an event loop's thread pool, a database driver, a logging
handler) copies locks those threads hold into the child, where they stay locked; Python 3.12+
warns that such a fork "may lead to deadlocks". A worker started this way shares no memory with
the server: it imports the function it runs by module name, so that function must live at the top
level of a module the worker can import (a file on ``sys.path`` or an installed package).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import pickle
from collections.abc import Callable
from typing import Any

__all__ = ["WORKER_START_METHOD", "pickled_call", "run_pickled_call", "worker_context"]

WORKER_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def worker_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context for worker pools (``forkserver`` on Linux and macOS, ``spawn`` on Windows)."""
    return multiprocessing.get_context(WORKER_START_METHOD)


def pickled_call(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> bytes:
    """The call as bytes, pickled here so that a function the worker cannot load gets a clear error there."""
    return pickle.dumps((func, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)


def run_pickled_call(payload: bytes) -> Any:
    """In the worker: load the call, then make it. A function that cannot be loaded is an ImportError saying why."""
    try:
        func, args, kwargs = pickle.loads(payload)
    except (ImportError, AttributeError) as exc:
        raise ImportError(
            f"a worker could not load the function to run ({exc}). Workers import it by module name: define it "
            "at the top level of a module they can import (a file on sys.path or an installed package), not "
            "inside another function, in an interactive session, or in a test module pytest imported with "
            "--import-mode=importlib"
        ) from None
    return func(*args, **kwargs)
