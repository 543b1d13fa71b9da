"""``fastapi.concurrency`` equivalent, plus parallel workers for CPU-bound functions (from fasterapi-extras)."""

from fasterapi_core.concurrency import (
    is_coroutine as is_coroutine,
    run_in_threadpool as run_in_threadpool,
)
from fasterapi_extras.event_loop import install_event_loop as install_event_loop
from fasterapi_extras.subinterpreters import (
    SubInterpreterPool as SubInterpreterPool,
    run_in_subinterpreter as run_in_subinterpreter,
    shutdown_default_pool as shutdown_default_pool,
    subinterpreters_available as subinterpreters_available,
)
from fasterapi_extras.workers import (
    run_in_executor as run_in_executor,
    shutdown_process_pool as shutdown_process_pool,
)

__all__ = [
    "SubInterpreterPool",
    "install_event_loop",
    "is_coroutine",
    "run_in_executor",
    "run_in_subinterpreter",
    "run_in_threadpool",
    "shutdown_default_pool",
    "shutdown_process_pool",
    "subinterpreters_available",
]
