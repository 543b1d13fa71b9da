"""Under a real uvicorn on loopback, every unhandled exception is logged exactly once, naming its route.

The app answers 500 where the response had not started and re-raises every unexpected error to
the server, which logs it (uvicorn: ``Exception in ASGI application``); the app does not log it
too. The test waits for the server's log deterministically: each case's request is followed by a
sentinel request, and the captured output is polled (bounded) until the sentinel's line appears.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

APP = textwrap.dedent(
    """
    import logging
    from collections.abc import AsyncIterator

    from FasterAPI import BackgroundTasks, Depends, Faster, StreamingResponse, WebSocket

    app = Faster()
    sentinels = logging.getLogger("uvicorn.error")


    @app.get("/sentinel/{n}")
    async def sentinel(n: int) -> dict[str, int]:
        sentinels.warning("SENTINEL-%d", n)
        return {"n": n}


    @app.get("/before")
    async def before_start() -> None:
        raise RuntimeError("boom-before-start")


    @app.get("/mid-stream")
    async def mid_stream() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            yield b"first chunk"
            raise RuntimeError("boom-mid-stream")

        return StreamingResponse(chunks(), media_type="text/plain")


    def failing_task() -> None:
        raise RuntimeError("boom-in-background")


    @app.get("/background")
    async def in_background(tasks: BackgroundTasks) -> dict[str, bool]:
        tasks.add_task(failing_task)
        return {"queued": True}


    async def session() -> AsyncIterator[str]:
        yield "session"
        raise RuntimeError("boom-in-dependency-exit")


    @app.get("/dependency-exit")
    async def dependency_exit(value: str = Depends(session)) -> dict[str, str]:
        return {"value": value}


    @app.websocket("/ws")
    async def ws_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.receive_text()
        raise RuntimeError("boom-in-websocket")
    """
)

#: (path, the exception's message, the route named on its traceback, the endpoint's frame)
CASES = [
    ("/before", "boom-before-start", "while serving GET /before (before_start())", "in before_start"),
    ("/mid-stream", "boom-mid-stream", "while serving GET /mid-stream (mid_stream())", "in chunks"),
    ("/background", "boom-in-background", "while serving GET /background (in_background())", "in failing_task"),
    (
        "/dependency-exit",
        "boom-in-dependency-exit",
        "while serving GET /dependency-exit (dependency_exit())",
        "in session",
    ),
]
TRACEBACK = "Traceback (most recent call last)"
BOUND = 20.0  # seconds: for the server to start, and for each log line to appear


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """uvicorn in a subprocess, its stdout and stderr captured in a file that the test polls."""

    def __init__(self, app_dir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = app_dir / "server.log"
        self._log_file = self.log_path.open("wb")
        command = [sys.executable, "-m", "uvicorn", "logging_app:app", "--app-dir", str(app_dir)]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--no-access-log", "--lifespan", "on"]
        self.process = subprocess.Popen(command, stdout=self._log_file, stderr=subprocess.STDOUT)
        self._sentinels = 0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_started(self) -> None:
        deadline = time.monotonic() + BOUND
        while "Application startup complete" not in self.log():
            assert self.process.poll() is None, f"uvicorn exited:\n{self.log()}"
            assert time.monotonic() < deadline, f"uvicorn did not start within {BOUND} s:\n{self.log()}"
            time.sleep(0.02)

    def settle(self, client: httpx.Client) -> None:
        """Send a later request and wait until its log line is written: what came before is in the log."""
        self._sentinels += 1
        line = f"SENTINEL-{self._sentinels}"
        assert client.get(f"/sentinel/{self._sentinels}").status_code == 200
        deadline = time.monotonic() + BOUND
        while line not in self.log():
            assert time.monotonic() < deadline, f"{line} not logged within {BOUND} s:\n{self.log()}"
            time.sleep(0.02)

    def wait_for(self, text: str) -> None:
        """Poll the log until ``text`` appears (bounded)."""
        deadline = time.monotonic() + BOUND
        while text not in self.log():
            assert self.process.poll() is None, f"uvicorn exited:\n{self.log()}"
            assert time.monotonic() < deadline, f"{text!r} not logged within {BOUND} s:\n{self.log()}"
            time.sleep(0.02)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self._log_file.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    (tmp_path / "logging_app.py").write_text(APP)
    running = Server(tmp_path)
    try:
        running.wait_started()
        yield running
    finally:
        running.stop()


def _request(client: httpx.Client, path: str) -> httpx.Response | None:
    """GET ``path``; None when the server cut the connection (an error after the response started)."""
    try:
        with client.stream("GET", path) as answer:
            answer.read()
            return answer
    except (httpx.RemoteProtocolError, httpx.ReadError):
        return None


def _blocks(log: str, message: str) -> list[str]:
    """The traceback blocks of ``log`` that end in ``RuntimeError: message``."""
    return [block for block in log.split(TRACEBACK)[1:] if f"RuntimeError: {message}" in block]


def test_each_unhandled_exception_is_logged_once_with_its_route(server: Server) -> None:
    answers: dict[str, httpx.Response | None] = {}
    for path, message, _, _ in CASES:
        # A fresh connection per case: uvicorn closes one whose response failed after it started.
        with httpx.Client(base_url=server.url, timeout=BOUND) as client:
            answers[path] = _request(client, path)
        server.wait_for(f"RuntimeError: {message}")
        with httpx.Client(base_url=server.url, timeout=BOUND) as client:
            server.settle(client)  # a second log of the same error would be written by now

    before = answers["/before"]
    assert before is not None
    assert (before.status_code, before.text) == (500, "Internal Server Error")
    assert before.headers["content-type"].startswith("text/plain")
    background, dependency_exit = answers["/background"], answers["/dependency-exit"]
    assert background is not None and background.json() == {"queued": True}  # the answer went out first
    assert dependency_exit is not None and dependency_exit.json() == {"value": "session"}

    log = server.log()
    for _, message, route, frame in CASES:
        blocks = _blocks(log, message)
        assert len(blocks) == 1, f"{message}: {len(blocks)} tracebacks\n{log}"
        assert log.count(f"RuntimeError: {message}") == 1, log  # no second, traceback-less line either
        assert frame in blocks[0], blocks[0]
        if sys.version_info >= (3, 11):  # the route travels as a note on the exception
            assert route in blocks[0], blocks[0]
    assert log.count("Exception in ASGI application") == len(CASES), log


def test_a_websocket_endpoint_error_is_logged_once_with_its_route(server: Server) -> None:
    import websockets.sync.client

    url = server.url.replace("http://", "ws://") + "/ws"
    with websockets.sync.client.connect(url, open_timeout=BOUND, close_timeout=BOUND) as websocket:
        websocket.send("hello")
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            websocket.recv(timeout=BOUND)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1011  # internal error, as in Starlette
    server.wait_for("RuntimeError: boom-in-websocket")
    with httpx.Client(base_url=server.url, timeout=BOUND) as client:
        server.settle(client)
    log = server.log()
    blocks = _blocks(log, "boom-in-websocket")
    assert len(blocks) == 1, log
    assert log.count("RuntimeError: boom-in-websocket") == 1, log
    assert "in ws_endpoint" in blocks[0]
    if sys.version_info >= (3, 11):
        assert "while serving WS /ws (ws_endpoint())" in blocks[0], blocks[0]
