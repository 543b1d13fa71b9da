"""The pytest plugin (entry point ``fasterapi``), exercised in fresh pytest runs through pytester."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

pytest_plugins = ["pytester"]

APP = '''
import pytest

events = []


class Overridable:
    """A raw ASGI app with a dict-like dependency_overrides, like FastAPI-style apps have."""

    def __init__(self):
        self.dependency_overrides = {"original": "value"}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                events.append(message["type"])
                if message["type"] == "lifespan.startup":
                    scope["state"]["ready"] = "yes"
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] == "websocket":
            await receive()
            await send({"type": "websocket.accept"})
            await receive()  # waits for the client, which only listens
            return
        await receive()
        body = scope["state"].get("ready", "no").encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})


app = Overridable()
'''

CONFTEST = (
    APP
    + """

@pytest.fixture
def fasterapi_app():
    return app
"""
)

INI = """
[pytest]
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
{extra}
"""


def run(
    pytester: pytest.Pytester, tests: str, *args: str, conftest: str = CONFTEST, extra: str = ""
) -> pytest.RunResult:
    pytester.makeini(INI.format(extra=extra))
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_generated=tests)
    return pytester.runpytest_subprocess(*args, timeout=120)


def test_sync_client_fixture_runs_lifespan(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
from conftest import events

def test_client(fasterapi_client):
    assert events == ["lifespan.startup"]
    assert fasterapi_client.get("/").text == "yes"
    assert fasterapi_client.app_state == {"ready": "yes"}
""",
    )
    result.assert_outcomes(passed=1)


def test_async_client_fixture_under_pytest_asyncio(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
import asyncio

async def test_client(fasterapi_async_client):
    assert (await fasterapi_async_client.get("/")).text == "yes"

async def test_factory(fasterapi_async_client_factory, fasterapi_app):
    client = await fasterapi_async_client_factory(fasterapi_app)
    assert (await client.get("/")).text == "yes"
    bare = await fasterapi_async_client_factory(fasterapi_app, lifespan=False)
    assert (await bare.get("/")).text == "no"
""",
    )
    result.assert_outcomes(passed=2)


def test_async_client_fixture_under_anyio_plugin(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
import pytest

@pytest.fixture
def anyio_backend():
    return "asyncio"

@pytest.mark.anyio
async def test_client(fasterapi_async_client):
    assert (await fasterapi_async_client.get("/")).text == "yes"
""",
        "-p",
        "no:asyncio",
        extra="",
    )
    result.assert_outcomes(passed=1)


def test_sync_factory_closes_its_clients(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
from conftest import events

def test_factory(fasterapi_client_factory, fasterapi_app):
    client = fasterapi_client_factory(fasterapi_app)
    assert client.get("/").text == "yes"
    other = fasterapi_client_factory(fasterapi_app, lifespan=False, base_url="http://other")
    assert other.get("/").text == "no"

def test_after(fasterapi_app):
    assert events == ["lifespan.startup", "lifespan.shutdown"]
""",
    )
    result.assert_outcomes(passed=2)


def test_missing_app_fixture_gives_a_clear_error(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
def test_client(fasterapi_client):
    pass
""",
        conftest="",
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*define a fixture named 'fasterapi_app'*"])


def test_dependency_overrides_are_restored(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
def test_change(fasterapi_dependency_overrides):
    fasterapi_dependency_overrides["original"] = "patched"
    fasterapi_dependency_overrides["new"] = "added"

def test_restored(fasterapi_app):
    assert fasterapi_app.dependency_overrides == {"original": "value"}
""",
    )
    result.assert_outcomes(passed=2)


def test_ws_timeout_ini_option(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
import pytest

def test_timeout(fasterapi_client):
    with fasterapi_client.websocket_connect("/ws") as websocket:
        with pytest.raises(TimeoutError, match="0.2 s"):
            websocket.receive_text()
""",
        extra="fasterapi_ws_timeout = 0.2",
    )
    result.assert_outcomes(passed=1)


def test_bad_ws_timeout_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = run(pytester, "def test_nothing():\n    pass\n", extra="fasterapi_ws_timeout = soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*fasterapi_ws_timeout must be a positive number of seconds*"])
