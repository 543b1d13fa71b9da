"""``fastapi.concurrency`` equivalent: run blocking code without blocking the event loop."""

from fasterapi_core.concurrency import run_in_threadpool as run_in_threadpool

__all__ = ["run_in_threadpool"]
