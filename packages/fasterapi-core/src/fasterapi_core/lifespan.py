"""The ASGI lifespan protocol: startup/shutdown hooks, ``lifespan=`` context managers, mounted apps."""

from __future__ import annotations

import contextlib
import inspect
import logging
import traceback
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import anyio.to_thread

from .concurrency import collapse_exception_groups, is_coroutine
from .types import Receive, Scope, Send

__all__ = ["MountedLifespan", "run_lifespan"]

logger = logging.getLogger("fasterapi.lifespan")


async def _call_hook(hook: Callable[[], Any]) -> None:
    if is_coroutine(hook):
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
    manager = factory() if not parameters else factory(app)
    if inspect.isasyncgen(manager):
        # A bare async generator function (not decorated with @asynccontextmanager).
        generator = manager

        @contextlib.asynccontextmanager
        async def wrap() -> AsyncIterator[Any]:
            value = await generator.__anext__()
            try:
                yield value
            finally:
                with contextlib.suppress(StopAsyncIteration):
                    await generator.__anext__()

        return wrap()
    return manager


class MountedLifespan:
    """Drives the lifespan protocol of one mounted ASGI app from inside ours.

    Apps that do not speak lifespan (they raise, or return without answering) are skipped, as
    servers do in ``--lifespan auto`` mode.
    """

    def __init__(self, app: Any, state: dict[str, Any] | None) -> None:
        self.app = app
        self.state = state
        self.supported = True
        self._to_app_send, self._to_app_receive = anyio.create_memory_object_stream[dict[str, Any]](2)
        self._from_app_send, self._from_app_receive = anyio.create_memory_object_stream[dict[str, Any]](2)

    async def run(self) -> None:
        scope: Scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}}
        if self.state is not None:
            scope["state"] = self.state
        try:
            await self.app(scope, self._to_app_receive.receive, self._from_app_send.send)
        except Exception:
            logger.debug("mounted app %r does not support lifespan", self.app, exc_info=True)
        finally:
            self._from_app_send.close()
            self._to_app_receive.close()

    def close(self) -> None:
        """Close our two stream ends (``run`` closes the app's two when the app returns)."""
        self._to_app_send.close()
        self._from_app_receive.close()

    async def _exchange(self, event: str) -> None:
        try:
            await self._to_app_send.send({"type": f"lifespan.{event}"})
            reply = await self._from_app_receive.receive()
        except (anyio.EndOfStream, anyio.BrokenResourceError):  # the app returned: no lifespan support
            self.supported = False
            return
        if reply["type"] == f"lifespan.{event}.failed":
            raise RuntimeError(f"mounted app {self.app!r} failed {event}: {reply.get('message', '')}")

    async def startup(self) -> None:
        await self._exchange("startup")

    async def shutdown(self) -> None:
        if self.supported:
            await self._exchange("shutdown")


@contextlib.asynccontextmanager
async def _mounted_lifespans(app: Any, state: dict[str, Any] | None) -> AsyncIterator[None]:
    """Start the lifespans of apps mounted on ``app`` and stop them (in reverse) on the way out."""
    router = getattr(app, "router", None)
    mounts = list(getattr(router, "mounts", ()) or ())
    if not mounts:
        yield
        return
    with collapse_exception_groups():
        async with anyio.create_task_group() as group:
            started: list[MountedLifespan] = []
            children: list[MountedLifespan] = []
            try:
                for mount in mounts:
                    child = MountedLifespan(mount.app, state)
                    children.append(child)
                    group.start_soon(child.run)
                    await child.startup()
                    if child.supported:
                        started.append(child)
                yield
            finally:
                with anyio.CancelScope(shield=True):
                    for child in reversed(started):
                        await child.shutdown()
                    group.cancel_scope.cancel()
                    for child in children:
                        child.close()


def _message(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


async def run_lifespan(app: Any, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer ``lifespan.startup``/``lifespan.shutdown``: ``lifespan=`` outside, hooks, then mounts."""
    started = False
    message = await receive()
    if message["type"] != "lifespan.startup":
        raise RuntimeError(f"lifespan: expected lifespan.startup, got {message['type']!r}")
    try:
        factory = app.lifespan_context or _no_lifespan
        async with _enter_user_lifespan(factory, app) as state:
            if state is not None:
                if "state" not in scope:
                    raise RuntimeError("the server does not support lifespan state, but lifespan= yielded some")
                scope["state"].update(state)
            for hook in app.on_startup_hooks:
                await _call_hook(hook)
            async with _mounted_lifespans(app, scope.get("state")):
                await send({"type": "lifespan.startup.complete"})
                started = True
                message = await receive()
            for hook in app.on_shutdown_hooks:
                await _call_hook(hook)
    except BaseException as exc:
        if started:
            logger.exception("error during application shutdown")
            await send({"type": "lifespan.shutdown.failed", "message": _message(exc)})
        else:
            logger.exception("error during application startup")
            await send({"type": "lifespan.startup.failed", "message": _message(exc)})
        raise
    await send({"type": "lifespan.shutdown.complete"})
