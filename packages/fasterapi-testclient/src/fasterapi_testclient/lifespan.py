"""``LifespanManager``: run an app's lifespan around plain ``httpx.ASGITransport`` tests."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from ._lifespan import LifespanRunner
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["LifespanManager"]


class LifespanManager:
    """``async with LifespanManager(app) as manager:`` runs startup before the block, shutdown after.

    httpx's ``ASGITransport`` never sends lifespan events. Pass ``manager.app`` to it so every request
    scope also carries a copy of the lifespan state, as a server would. Startup failures raise at once
    with the app's error; a hanging startup or shutdown raises ``TimeoutError`` after its timeout.
    """

    __slots__ = ("_app", "_runner", "shutdown_timeout", "startup_timeout", "state")

    def __init__(self, app: ASGIApp, startup_timeout: float | None = 5, shutdown_timeout: float | None = 5) -> None:
        self._app = app
        self.startup_timeout = startup_timeout
        self.shutdown_timeout = shutdown_timeout
        self.state: dict[str, Any] = {}
        self._runner: LifespanRunner | None = None

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The wrapped app: adds a copy of the lifespan state to http and websocket scopes."""
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "state": {**scope.get("state", {}), **self.state}}
        await self._app(scope, receive, send)

    async def __aenter__(self) -> LifespanManager:
        self.state = {}
        runner = LifespanRunner(self._app, self.state)
        try:
            await runner.startup(self.startup_timeout)
        except BaseException:
            await runner.abort()
            raise
        self._runner = runner
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.shutdown(self.shutdown_timeout)
