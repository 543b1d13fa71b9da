"""Throw-away database servers for tests, so they run against the real thing.

``redis_server()`` starts the ``redis-server`` found on ``PATH`` (Debian/Ubuntu: ``apt-get install
redis-server``); ``postgres_server()`` creates and starts a PostgreSQL cluster (Debian/Ubuntu: ``apt-get
install postgresql``). Both listen on a free port of 127.0.0.1, keep their files in a temporary folder
and stop on exit.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

__all__ = ["postgres_server", "redis_server"]

_INSTALL_HINT = "Debian/Ubuntu: apt-get install redis-server"
_POSTGRES_HINT = "Debian/Ubuntu: apt-get install postgresql"


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


def _postgres_bindir() -> str | None:
    """Debian keeps ``initdb`` and ``postgres`` off ``PATH``, one folder per major version: take the newest."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        newest = max(found, key=lambda path: [int(n) for n in re.findall(r"\d+", path)])
        return os.path.dirname(newest)
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _postgres_user() -> str | None:
    """PostgreSQL refuses to run as root: as root, run it as the ``postgres`` account the package creates."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "postgres_server() runs as root but there is no 'postgres' user to run PostgreSQL as "
            f"(PostgreSQL refuses root); {_POSTGRES_HINT} creates one"
        ) from None
    return "postgres"


@contextlib.contextmanager
def postgres_server(*, bindir: str | None = None, startup_timeout: float = 30.0) -> Iterator[str]:
    """Run a private PostgreSQL for the ``with`` block; yields ``postgresql://postgres@127.0.0.1:<port>/postgres``.

    ``bindir`` holds ``initdb``, ``postgres`` and ``pg_isready`` (default: the newest
    ``/usr/lib/postgresql/*/bin``, else the folder of ``initdb`` on ``PATH``). The cluster trusts local
    connections and skips ``fsync`` (its data is thrown away). As root, it runs as the ``postgres`` user.
    A missing installation or a server that is not ready within ``startup_timeout`` seconds is a
    ``RuntimeError``.
    """
    folder = bindir or _postgres_bindir()
    if folder is None or not os.path.isfile(os.path.join(folder, "initdb")):
        raise RuntimeError(f"postgres_server() needs PostgreSQL's initdb ({_POSTGRES_HINT})")
    user = _postgres_user()
    with tempfile.TemporaryDirectory(prefix="fasterapi-postgres-") as workdir:
        if user is not None:
            shutil.chown(workdir, user)
        data = os.path.join(workdir, "data")
        initdb = [
            os.path.join(folder, "initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]
        created = subprocess.run(
            [*initdb, "--locale=C"], user=user, capture_output=True, text=True, timeout=startup_timeout, check=False
        )
        if created.returncode != 0:
            raise RuntimeError(f"initdb failed (exit code {created.returncode}): {created.stderr.strip()}")
        port = _free_loopback_port()
        command = [os.path.join(folder, "postgres"), "-D", data, "-p", str(port), "-k", workdir]
        command += ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"]
        command += ["-c", "synchronous_commit=off"]
        server = subprocess.Popen(command, user=user, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ready = [os.path.join(folder, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
            deadline = time.monotonic() + startup_timeout
            while subprocess.run(ready, timeout=startup_timeout, check=False).returncode != 0:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL did not start on 127.0.0.1:{port} (exit code {server.poll()})")
                time.sleep(0.05)
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGINT)  # "fast" shutdown: ends open sessions instead of waiting
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
