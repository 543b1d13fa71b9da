"""pytest plugin (entry point ``fasterapi``): client fixtures and the ``fasterapi_ws_timeout`` ini option.

Importing it is cheap: httpx and the clients are imported inside the fixtures that need them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .client import AsyncTestClient, TestClient

__all__ = [
    "fasterapi_app",
    "fasterapi_async_client",
    "fasterapi_async_client_factory",
    "fasterapi_client",
    "fasterapi_client_factory",
    "fasterapi_dependency_overrides",
    "pytest_addoption",
    "pytest_configure",
    "pytest_unconfigure",
]

_WS_TIMEOUT_INI = "fasterapi_ws_timeout"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        _WS_TIMEOUT_INI,
        "Seconds a fasterapi_testclient WebSocket receive waits before failing with TimeoutError (default 5.0).",
        default="5.0",
    )


_previous_timeouts: list[float] = []


def pytest_configure(config: pytest.Config) -> None:
    from ._config import default_ws_timeout, set_default_ws_timeout

    raw = config.getini(_WS_TIMEOUT_INI)
    try:
        seconds = float(raw)
        _previous_timeouts.append(default_ws_timeout())
        set_default_ws_timeout(seconds)
    except (TypeError, ValueError) as exc:
        raise pytest.UsageError(f"{_WS_TIMEOUT_INI} must be a positive number of seconds, got {raw!r}") from exc


def pytest_unconfigure(config: pytest.Config) -> None:
    from ._config import set_default_ws_timeout

    if _previous_timeouts:  # restore, for pytest runs nested in one process (pytester)
        set_default_ws_timeout(_previous_timeouts.pop())


@pytest.fixture
def fasterapi_app() -> Any:
    """Override this fixture in your conftest.py to return the ASGI app the client fixtures test."""
    raise pytest.UsageError(
        "The fasterapi_client / fasterapi_async_client fixtures need an app: define a fixture named "
        "'fasterapi_app' that returns your ASGI app, e.g.\n\n"
        "    @pytest.fixture\n    def fasterapi_app():\n        return app\n"
    )


@pytest.fixture
def fasterapi_client_factory() -> Iterator[Callable[..., TestClient]]:
    """Make ``TestClient``s with lifespan started (``lifespan=False`` to skip); all are closed at teardown."""
    from .client import TestClient

    clients: list[TestClient] = []

    def make(app: Any, *, lifespan: bool = True, **options: Any) -> TestClient:
        client = TestClient(app, **options)
        clients.append(client)
        return client.__enter__() if lifespan else client

    yield make
    errors: list[BaseException] = []
    for client in reversed(clients):
        try:
            client.__exit__(None, None, None)
            client.close()
        except BaseException as exc:
            errors.append(exc)
    if errors:
        raise errors[0]


@pytest.fixture
async def fasterapi_async_client_factory() -> AsyncIterator[Callable[..., Any]]:
    """Async factory: ``client = await factory(app, **options)`` gives a started ``AsyncTestClient``."""
    from .client import AsyncTestClient

    clients: list[AsyncTestClient] = []

    async def make(app: Any, *, lifespan: bool = True, **options: Any) -> AsyncTestClient:
        client = AsyncTestClient(app, **options)
        clients.append(client)
        return await client.__aenter__() if lifespan else client

    yield make
    errors: list[BaseException] = []
    for client in reversed(clients):
        try:
            await client.__aexit__(None, None, None)
            await client.aclose()
        except BaseException as exc:
            errors.append(exc)
    if errors:
        raise errors[0]


@pytest.fixture
def fasterapi_client(fasterapi_app: Any) -> Iterator[TestClient]:
    """A ``TestClient`` for your ``fasterapi_app`` fixture, inside its lifespan."""
    from .client import TestClient

    with TestClient(fasterapi_app) as client:
        yield client


@pytest.fixture
async def fasterapi_async_client(fasterapi_app: Any) -> AsyncIterator[AsyncTestClient]:
    """An ``AsyncTestClient`` for your ``fasterapi_app`` fixture, inside its lifespan, in the test's loop."""
    from .client import AsyncTestClient

    async with AsyncTestClient(fasterapi_app) as client:
        yield client


@pytest.fixture
def fasterapi_dependency_overrides(fasterapi_app: Any) -> Iterator[Any]:
    """The app's ``dependency_overrides`` mapping, restored to its current content after the test.

    Apps without ``dependency_overrides`` get a throwaway dict.
    """
    overrides = getattr(fasterapi_app, "dependency_overrides", None)
    if overrides is None:
        yield {}
        return
    snapshot = dict(overrides)
    try:
        yield overrides
    finally:
        overrides.clear()
        overrides.update(snapshot)
