"""Shared parts of the over-HTTP benchmarks: scratch venvs for the peers, servers on loopback, wrk runs.

Every server listens on 127.0.0.1 on a free port and is stopped by the script; every load is bounded by
wrk's ``-d`` (seconds). One-worker servers are pinned to CPU 0 and wrk to CPU 1 (``taskset``, when the
machine has two CPUs or more), so that the load generator and the server do not take turns on one core.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _peers import scratch_venv

HERE = Path(__file__).resolve().parent
#: The same server versions for every framework: ours runs in the workspace venv, where uv.lock pins them.
SERVER_PINS = ["uvicorn==0.54.0", "httptools==0.9.0", "uvloop==0.23.0", "granian==2.8.9"]
#: What the TechEmpower apps use; in every peer venv, so the two scripts share their venvs.
DRIVER_PINS = ["asyncpg==0.32.0", "jinja2==3.1.6"]
PEER_PINS: dict[str, list[str]] = {
    "fastapi": ["fastapi==0.165.0", "starlette==1.10.0", "pydantic==2.14.4"],
    "faster-api-web": ["faster-api-web==0.2.14"],
}
PINNED = (os.cpu_count() or 1) >= 2 and shutil.which("taskset") is not None


def ensure_venv(name: str) -> str:
    """The python of ``benchmarks/.venvs/http-NAME`` with the peer, the servers and the database drivers."""
    return scratch_venv(f"http-{name}", [*PEER_PINS[name], *SERVER_PINS, *DRIVER_PINS])


def ours_python(modules: Sequence[str]) -> str:
    """The workspace's python, after checking it can import ``modules`` (servers, drivers)."""
    missing = [m for m in modules if not _importable(m)]
    if missing:
        raise SystemExit(f"the workspace venv lacks {', '.join(missing)}: run `uv sync --all-packages --all-extras`")
    return sys.executable


def _importable(module: str) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, check=False)
    return probe.returncode == 0


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed (Debian/Ubuntu: apt-get install wrk)")
    return wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """One framework's app served by one server; ``url`` once it answers ``probe``."""

    label: str
    python: str
    server: str  # "uvicorn" or "granian"
    app_dir: Path
    target: str  # module:attr inside app_dir
    workers: int = 1
    env: dict[str, str] | None = None
    probe: str = "/plaintext"
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        port = str(self.port)
        if self.server == "uvicorn":
            command = [self.python, "-m", "uvicorn", self.target, "--app-dir", str(self.app_dir)]
            command += ["--host", "127.0.0.1", "--port", port, "--loop", "uvloop", "--http", "httptools"]
            command += ["--log-level", "warning", "--no-access-log"]
            if self.workers > 1:
                command += ["--workers", str(self.workers)]
        elif self.server == "granian":
            command = [self.python, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1", "--port", port]
            command += ["--loop", "uvloop", "--workers", str(self.workers), "--no-ws", "--log-level", "warning"]
            command += ["--no-access-log", "--working-dir", str(self.app_dir), self.target]
        else:
            raise ValueError(f"unknown server {self.server!r}")
        if PINNED and self.workers == 1:
            command = ["taskset", "-c", "0", *command]
        return command

    def start(self, timeout: float = 30.0) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(self.env or {})
        # Its own process group: uvicorn's and granian's worker processes are stopped with it.
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.app_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + self.probe, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.process.stdout.read().decode(errors="replace") if self.process.stdout else ""
                self.stop()
                raise SystemExit(f"{self.label} did not start on {self.url} within {timeout:.0f} s:\n{output}")
            time.sleep(0.1)

    def cpu_seconds(self) -> float:
        """User + system CPU time of every process of this server (its workers too), from ``/proc``."""
        assert self.process is not None
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:  # the process ended meanwhile
                continue
            if int(fields[2]) == self.process.pid:  # process group: started with start_new_session
                total += int(fields[11]) + int(fields[12])
        return total / _TICKS

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        with urllib.request.urlopen(self.url + path, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None


@dataclass
class Load:
    requests_per_second: float
    p99_ms: float
    errors: int
    requests: int
    server_cpu_us: float = 0.0  # the server's CPU time per request: steadier than req/s on a busy machine


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
_TICKS = os.sysconf("SC_CLK_TCK")


def load(server: Server, path: str, *, seconds: float, connections: int) -> Load:
    """``wrk`` against one server, with the server's CPU time per request measured around it."""
    before = server.cpu_seconds()
    result = wrk(server.url + path, seconds=seconds, connections=connections)
    result.server_cpu_us = (server.cpu_seconds() - before) / max(result.requests, 1) * 1e6
    return result


def wrk(url: str, *, seconds: float, connections: int, threads: int = 1) -> Load:
    """One bounded wrk run; non-2xx answers and socket errors count as errors."""
    command = [
        require_wrk(),
        "--latency",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "5s",
        url,
    ]
    if PINNED:
        command = ["taskset", "-c", "1", *command]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    count = re.search(r"(\d+) requests in", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if rps is None or p99 is None or count is None:
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Load(float(rps.group(1)), float(p99.group(1)) * _UNITS[p99.group(2)], errors, int(count.group(1)))
