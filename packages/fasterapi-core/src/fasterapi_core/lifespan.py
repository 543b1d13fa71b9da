"""The ASGI lifespan protocol: startup/shutdown hooks and ``lifespan=`` context managers."""

from __future__ import annotations

import contextlib
import inspect
import logging
import traceback
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio.to_thread

__all__ = ["run_lifespan"]

logger = logging.getLogger("fasterapi.lifespan")


async def _call_hook(hook: Callable[[], Any]) -> None:
    if inspect.iscoroutinefunction(hook):
        await hook()
    else:
        result = await anyio.to_thread.run_sync(hook)
        if inspect.isawaitable(result):
            await result


@contextlib.asynccontextmanager
async def _no_lifespan(app: Any) -> AsyncIterator[None]:
    yield None


def _enter_user_lifespan(factory: Callable[..., Any], app: Any) -> Any:
    """``lifespan(app)`` as FastAPI documents, or ``lifespan()`` for factories without a parameter."""
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return factory(app)
    if not parameters:
        return factory()
    return factory(app)


async def run_lifespan(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answer ``lifespan.startup``/``lifespan.shutdown``, running hooks inside ``lifespan=``."""
    started = False
    message = await receive()
    assert message["type"] == "lifespan.startup"
    try:
        factory = app.lifespan_context or _no_lifespan
        async with _enter_user_lifespan(factory, app) as state:
            if state is not None:
                if "state" not in scope:
                    raise RuntimeError("the server does not support lifespan state, but lifespan= yielded some")
                scope["state"].update(state)
            for hook in app.on_startup_hooks:
                await _call_hook(hook)
            await send({"type": "lifespan.startup.complete"})
            started = True
            message = await receive()
            for hook in app.on_shutdown_hooks:
                await _call_hook(hook)
    except BaseException as exc:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        if started:
            logger.exception("error during application shutdown")
            await send({"type": "lifespan.shutdown.failed", "message": text})
        else:
            logger.exception("error during application startup")
            await send({"type": "lifespan.startup.failed", "message": text})
        raise
    await send({"type": "lifespan.shutdown.complete"})
