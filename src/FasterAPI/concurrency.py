"""``fastapi.concurrency`` equivalent, plus parallel workers for CPU-bound functions."""

from fasterapi_core.concurrency import run_in_threadpool as run_in_threadpool
from fasterapi_core.subinterpreters import (
    SubInterpreterPool as SubInterpreterPool,
    run_in_subinterpreter as run_in_subinterpreter,
    shutdown_default_pool as shutdown_default_pool,
    subinterpreters_available as subinterpreters_available,
)

__all__ = [
    "SubInterpreterPool",
    "run_in_subinterpreter",
    "run_in_threadpool",
    "shutdown_default_pool",
    "subinterpreters_available",
]
