"""One event loop in one daemon thread per sync client, reached through an anyio blocking portal.

Lifespan, requests and WebSocket sessions of a ``TestClient`` all run on this loop, so objects made at
startup can be used by handlers. The thread is a daemon: a client that is never closed cannot keep the
interpreter from exiting.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import Future
from typing import Any

import anyio
from anyio.from_thread import BlockingPortal

__all__ = ["PortalThread"]

_STOP_TIMEOUT = 5.0


class PortalThread:
    """Start the loop lazily on first use; ``stop()`` ends it (a later use starts a fresh one)."""

    __slots__ = ("_backend", "_backend_options", "_lock", "_portal", "_thread")

    def __init__(self, backend: str, backend_options: dict[str, Any] | None) -> None:
        self._backend = backend
        self._backend_options = backend_options
        self._lock = threading.Lock()
        self._portal: BlockingPortal | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._portal is not None

    def get(self) -> BlockingPortal:
        """The running portal, started now if needed."""
        with self._lock:
            if self._portal is None:
                self._portal, self._thread = self._start()
            return self._portal

    def stop(self) -> None:
        """Stop the loop and join its thread (bounded)."""
        with self._lock:
            portal, thread = self._portal, self._thread
            self._portal = self._thread = None
        if portal is None or thread is None:
            return
        if thread is threading.current_thread():
            raise RuntimeError("A TestClient cannot be closed from inside the app it is running")
        with contextlib.suppress(RuntimeError):  # the loop may have ended already
            portal.call(portal.stop, True)
        thread.join(_STOP_TIMEOUT)

    def _start(self) -> tuple[BlockingPortal, threading.Thread]:
        ready: Future[BlockingPortal] = Future()

        async def serve() -> None:
            async with BlockingPortal() as portal:
                ready.set_result(portal)
                await portal.sleep_until_stopped()

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
        return ready.result(), thread
