"""``fastapi.background`` equivalent: work to run after the response is sent."""

from fasterapi_core.background import BackgroundTask as BackgroundTask, BackgroundTasks as BackgroundTasks

__all__ = ["BackgroundTask", "BackgroundTasks"]
