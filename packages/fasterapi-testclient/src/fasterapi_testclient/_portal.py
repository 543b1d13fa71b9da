"""One event loop in one daemon thread per sync client, reached through an anyio blocking portal.

Lifespan, requests and WebSocket sessions of a ``TestClient`` all run on this loop, so objects made at
startup can be used by handlers. The thread is a daemon: a client that is never closed cannot keep the
interpreter from exiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import anyio
from anyio.from_thread import BlockingPortal

__all__ = ["PortalThread"]

_STOP_TIMEOUT = 5.0


class PortalThread:
    """Start the loop lazily on first use; ``stop()`` ends it (a later use starts a fresh one)."""

    __slots__ = ("_backend", "_backend_options", "_lock", "_loop")

    def __init__(self, backend: str, backend_options: dict[str, Any] | None) -> None:
        self._backend = backend
        self._backend_options = backend_options
        self._lock = threading.Lock()
        self._loop: _Loop | None = None

    @property
    def running(self) -> bool:
        return self._loop is not None

    def get(self) -> BlockingPortal:
        """The running portal, started now if needed."""
        with self._lock:
            if self._loop is None:
                self._loop = self._start()
            return self._loop.portal

    def stop(self) -> None:
        """Stop the loop and join its thread (bounded)."""
        loop = self._loop
        if loop is not None and loop.thread is threading.current_thread():
            raise RuntimeError("A TestClient cannot be closed from inside the app it is running")
        self.abandon()

    def abandon(self) -> None:
        """Stop the loop from wherever the client is finalized, the loop's own thread included, without raising."""
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is None:
            return
        loop.request_stop()
        if loop.thread is not threading.current_thread():
            loop.thread.join(_STOP_TIMEOUT)

    def _start(self) -> _Loop:
        ready: Future[_Loop] = Future()

        async def serve() -> None:
            stop_requested = anyio.Event()
            async with BlockingPortal() as portal:
                ready.set_result(
                    _Loop(portal, threading.current_thread(), _call_soon_threadsafe(self._backend), stop_requested)
                )
                await stop_requested.wait()
                await portal.stop(cancel_remaining=True)

        def run() -> None:
            try:
                anyio.run(serve, backend=self._backend, backend_options=self._backend_options)
            except BaseException as exc:
                if not ready.done():
                    ready.set_exception(exc)
                else:
                    raise

        thread = threading.Thread(target=run, name="fasterapi-testclient-loop", daemon=True)
        thread.start()
        return ready.result()


class _Loop:
    """A running loop: its portal, its thread, and a way to ask it to stop from any thread without blocking."""

    __slots__ = ("_call_soon", "_stop_requested", "portal", "thread")

    def __init__(
        self,
        portal: BlockingPortal,
        thread: threading.Thread,
        call_soon: Callable[[Callable[[], object]], object],
        stop_requested: anyio.Event,
    ) -> None:
        self.portal = portal
        self.thread = thread
        self._call_soon = call_soon
        self._stop_requested = stop_requested

    def request_stop(self) -> None:
        # Not portal.call(): the client may be finalized by the garbage collector inside another
        # client's loop, and trio refuses a blocking call into one run from inside another.
        with contextlib.suppress(RuntimeError):  # the loop has ended already (trio's RunFinishedError is one)
            self._call_soon(self._stop_requested.set)


def _call_soon_threadsafe(backend: str) -> Callable[[Callable[[], object]], object]:
    """The running loop's own non-blocking, thread-safe way to schedule a callback (called inside the loop)."""
    if backend == "trio":
        import trio

        return trio.lowlevel.current_trio_token().run_sync_soon
    return asyncio.get_running_loop().call_soon_threadsafe
