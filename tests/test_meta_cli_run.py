"""``fasterapi run`` serves an app over real HTTP on a loopback port."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_fasterapi_run_serves_the_hello_example() -> None:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "FasterAPI",
            "run",
            str(ROOT / "examples" / "hello.py"),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        response = None
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/items/3?q=x", timeout=2)
                break
            except httpx.TransportError as exc:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read().decode() if process.stdout else "server exited") from exc
                time.sleep(0.1)
        assert response is not None, "server did not start within 20 s"
        assert response.status_code == 200
        assert response.json() == {"item_id": 3, "q": "x"}
    finally:
        process.terminate()
        process.wait(timeout=10)
