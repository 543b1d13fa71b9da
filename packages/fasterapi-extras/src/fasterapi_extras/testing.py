"""``redis_server()``: a throw-away ``redis-server`` for tests, so they run against the real thing.

It starts the ``redis-server`` found on ``PATH`` (Debian/Ubuntu: ``apt-get install redis-server``)
on a free port of 127.0.0.1, without persistence, in a temporary folder, and stops it on exit.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

__all__ = ["redis_server"]

_INSTALL_HINT = "Debian/Ubuntu: apt-get install redis-server"


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(*, executable: str | None = None, startup_timeout: float = 10.0) -> Iterator[str]:
    """Run a private ``redis-server`` for the ``with`` block; yields its URL, ``redis://127.0.0.1:<port>/0``.

    ``executable`` defaults to ``redis-server`` on ``PATH``; a missing one is a ``RuntimeError`` saying how
    to install it, a server that does not answer within ``startup_timeout`` seconds a ``RuntimeError`` too.
    """
    found = executable or shutil.which("redis-server")
    if found is None:
        raise RuntimeError(f"redis_server() needs redis-server on PATH ({_INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="fasterapi-redis-") as workdir:
        port = _free_loopback_port()
        command = [found, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        command += ["--dir", workdir, "--protected-mode", "yes"]
        try:
            server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise RuntimeError(f"cannot run {found} ({exc}); {_INSTALL_HINT}") from None
        try:
            deadline = time.monotonic() + startup_timeout
            while not _answers_ping(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on 127.0.0.1:{port} (exit code {server.poll()})")
                time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
