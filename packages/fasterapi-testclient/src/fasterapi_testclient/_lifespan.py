"""Run the ASGI lifespan protocol as a task we own (no task group held between startup and shutdown)."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import anyio

from ._tasks import AppTask, spawn
from ._types import ASGIApp, Message
from .exceptions import LifespanShutdownError, LifespanStartupError

__all__ = ["LifespanRunner"]

_FAILURE_GRACE = 1.0


class _AppExited:
    """Marker put on the message stream when the app's lifespan call returns or raises."""


_EXITED = _AppExited()


class LifespanRunner:
    """Send ``lifespan.startup`` / ``lifespan.shutdown`` and turn the app's answers into results or errors.

    An app that returns before it ever calls ``receive()`` does not support lifespan; that is tolerated
    (``supported`` becomes False), as servers do. One that raises there is tolerated the same way only
    when ``raise_errors`` is False; otherwise its exception is raised, as Starlette's client does (a
    middleware that fails on every scope must not pass unnoticed).
    """

    __slots__ = (
        "_answered_other_scope",
        "_app",
        "_error",
        "_from_app_rx",
        "_from_app_tx",
        "_raise_errors",
        "_received",
        "_task",
        "_to_app_rx",
        "_to_app_tx",
        "state",
        "supported",
    )

    def __init__(self, app: ASGIApp, state: dict[str, Any], raise_errors: bool = False) -> None:
        self._app = app
        self.state = state
        self._raise_errors = raise_errors
        self._answered_other_scope = False
        self.supported = True
        self._received = False
        self._task: AppTask | None = None
        self._error: BaseException | None = None
        self._to_app_tx, self._to_app_rx = anyio.create_memory_object_stream[Message](math.inf)
        self._from_app_tx, self._from_app_rx = anyio.create_memory_object_stream[Message | _AppExited](math.inf)

    async def startup(self, timeout: float | None = None) -> None:
        """Start the app's lifespan and wait for ``lifespan.startup.complete``; raise its failure otherwise."""
        try:
            await self._startup(timeout)
        except BaseException:
            await self.abort()
            raise

    async def _startup(self, timeout: float | None) -> None:
        self._task = spawn(self._run, name="asgi-lifespan")
        self._to_app_tx.send_nowait({"type": "lifespan.startup"})
        message = await self._next("lifespan.startup.complete", timeout)
        if message is _EXITED:
            if self._raise_errors and self._error is not None and not self._answered_other_scope:
                raise self._error
            if not self._received:
                self.supported = False
                self._close_streams()
                return
            self._raise_app_error(
                LifespanStartupError, "returned during startup without sending 'lifespan.startup.complete'"
            )
        assert not isinstance(message, _AppExited)
        if message["type"] == "lifespan.startup.failed":
            await self._task.wait(_FAILURE_GRACE)
            self._raise_app_error(LifespanStartupError, f"failed to start: {message.get('message') or '(no message)'}")
        if message["type"] != "lifespan.startup.complete":
            raise LifespanStartupError(f"The app sent {message['type']!r} while starting up")

    async def shutdown(self, timeout: float | None = None) -> None:
        """Send ``lifespan.shutdown`` and wait for ``lifespan.shutdown.complete``; raise its failure otherwise."""
        if not self.supported or self._task is None:
            return
        try:
            if self._task.done.is_set():
                self._raise_app_error(LifespanShutdownError, "stopped before shutdown")
                return
            self._to_app_tx.send_nowait({"type": "lifespan.shutdown"})
            message = await self._next("lifespan.shutdown.complete", timeout)
            if message is _EXITED:
                self._raise_app_error(
                    LifespanShutdownError, "returned during shutdown without sending 'lifespan.shutdown.complete'"
                )
            assert not isinstance(message, _AppExited)
            if message["type"] == "lifespan.shutdown.failed":
                await self._task.wait(_FAILURE_GRACE)
                self._raise_app_error(
                    LifespanShutdownError, f"failed to shut down: {message.get('message') or '(no message)'}"
                )
            if message["type"] != "lifespan.shutdown.complete":
                raise LifespanShutdownError(f"The app sent {message['type']!r} while shutting down")
        finally:
            await self._task.stop(_FAILURE_GRACE)
            self._close_streams()

    async def abort(self) -> None:
        """Stop the lifespan task without the shutdown protocol (used after a failed startup)."""
        if self._task is not None:
            self._task.cancel()
            await self._task.wait(_FAILURE_GRACE)
        self._close_streams()

    def _close_streams(self) -> None:
        for stream in (self._to_app_tx, self._to_app_rx, self._from_app_tx, self._from_app_rx):
            stream.close()

    async def _next(self, waiting_for: str, timeout: float | None) -> Message | _AppExited:
        try:
            with anyio.fail_after(timeout):
                return await self._from_app_rx.receive()
        except TimeoutError:
            await self.abort()
            raise TimeoutError(f"The app did not send {waiting_for!r} within {timeout} seconds") from None

    def _raise_app_error(self, kind: type[Exception], what: str) -> None:
        if self._error is not None:
            raise self._error
        raise kind(f"The app {what}")

    async def _run(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": self.state}
        try:
            await self._app(scope, self._receive, self._send)
        except Exception as exc:
            self._error = exc
        finally:
            with contextlib.suppress(anyio.ClosedResourceError):
                self._from_app_tx.send_nowait(_EXITED)

    async def _receive(self) -> Message:
        self._received = True
        return await self._to_app_rx.receive()

    async def _send(self, message: Message) -> None:
        kind = message.get("type", "")
        if not kind.startswith("lifespan."):
            self._answered_other_scope = True  # an app that ignores the scope type: no lifespan support
            raise RuntimeError(f"The app sent {kind!r} in reply to a lifespan scope")
        await self._from_app_tx.send(message)
