"""Load and soak on loopback: a real uvicorn serving the contract shop, N clients, M mixed requests.

    uv run python benchmarks/soak.py                         # 100k requests, 32 clients, at most 10 min
    uv run python benchmarks/soak.py --requests 5000 --clients 16 --seconds 60

The server is ``tests/apps/contract_shop.py`` under ``python -m uvicorn`` on 127.0.0.1 (a free port),
in its own process so its memory is measured alone. The clients mix valid and invalid requests,
huge and too-large bodies, slow bodies, bodies abandoned mid-way, streams abandoned mid-way and
WebSocket clients that vanish without a close frame. It stops by itself after ``--requests`` or
``--seconds``, whichever comes first, and then checks:

* zero 5xx answers and no traceback in the server's log;
* zero hangs: every request finishes within ``--timeout`` seconds;
* every background task the server scheduled (one per 201 product and per rating) ran;
* RSS (``/proc/<pid>/status``) after warm-up vs. at the end: growth per 100k requests is reported.

The exit status is 0 when every check holds. ``tests/test_contract_soak.py`` runs a short version.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import websockets

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "tests" / "apps"
AUTH = {"Authorization": "Bearer secret-token"}
#: The mix: kind -> weight. Valid traffic dominates; every abusive kind is always present.
MIX = {
    "list": 14,
    "create": 12,
    "read": 10,
    "rate": 6,
    "quote": 5,
    "items": 6,
    "login": 5,
    "upload": 3,
    "invalid": 12,
    "huge": 1,
    "too_large": 2,
    "slow_body": 4,
    "abandon_body": 5,
    "abandon_stream": 5,
    "stream": 3,
    "slow": 3,
    "ws_vanish": 4,
}


@dataclass
class Report:
    requests: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    scheduled_background: int = 0
    background_runs: int = 0
    server_tracebacks: int = 0
    rss_start_kb: int = 0
    rss_warm_kb: int = 0
    rss_end_kb: int = 0
    warm_requests: int = 0
    seconds: float = 0.0

    @property
    def rss_growth_per_100k_kb(self) -> float:
        measured = self.requests - self.warm_requests
        return (self.rss_end_kb - self.rss_warm_kb) * 100_000 / measured if measured > 0 else 0.0

    @property
    def ok(self) -> bool:
        return (
            not self.server_errors
            and not self.hangs
            and not self.unexpected
            and self.server_tracebacks == 0
            and self.background_runs == self.scheduled_background
        )

    def summary(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 1),
            "requests_per_second": round(self.requests / self.seconds, 1) if self.seconds else 0,
            "kinds": dict(sorted(self.kinds.items())),
            "statuses": {str(code): count for code, count in sorted(self.statuses.items())},
            "5xx": len(self.server_errors),
            "hangs": len(self.hangs),
            "unexpected": self.unexpected[:10],
            "server_tracebacks": self.server_tracebacks,
            "background_scheduled": self.scheduled_background,
            "background_ran": self.background_runs,
            "rss_kb": {"start": self.rss_start_kb, "after_warm_up": self.rss_warm_kb, "end": self.rss_end_kb},
            "rss_growth_per_100k_requests_kb": round(self.rss_growth_per_100k_kb, 1),
            "ok": self.ok,
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def rss_kb(pid: int) -> int:
    """The resident set size of process ``pid`` in KiB (Linux ``/proc``; 0 elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """``python -m uvicorn contract_shop:app`` on a free loopback port; its log goes to a temporary file."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - open for the server's life, closed in stop()
        command = [sys.executable, "-m", "uvicorn", "contract_shop:app", "--app-dir", str(APP_DIR)]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--no-access-log", "--log-level", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self._log, text=True)

    async def wait_ready(self, client: httpx.AsyncClient, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited: {self.log()}")
            try:
                await client.get(f"{self.url}/health", timeout=1)
                return
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start") from None
                await asyncio.sleep(0.05)

    def log(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        text = self.log()
        self._log.close()
        return text


def _product(rng: random.Random) -> dict[str, Any]:
    product: dict[str, Any] = {
        "name": f"item {rng.randrange(10_000)}",
        "price": rng.choice([f"{rng.randrange(1, 10_000)}.{rng.randrange(100):02d}", rng.randrange(1, 500)]),
        "category": rng.choice(["books", "games", "tools"]),
        "stock": rng.randrange(100),
        "tags": rng.sample(["new", "sale", "gift", "eco", "kids"], rng.randrange(3)),
    }
    if rng.random() < 0.3:
        product["dimensions"] = {"width": rng.uniform(0.1, 100), "height": rng.uniform(0.1, 100), "unit": "cm"}
    return product


_INVALID: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/products", {"params": {"limit": "0"}}),
    ("GET", "/products", {"params": {"min_price": "null"}}),
    ("GET", "/products", {"params": {"since": "yesterday"}}),
    ("GET", "/products/not-a-uuid", {}),
    ("POST", "/products", {"json": {"name": "", "price": "NaN", "category": "food"}, "headers": AUTH}),
    ("POST", "/products", {"content": b"{not json", "headers": {**AUTH, "content-type": "application/json"}}),
    ("POST", "/products", {"content": b"\xff\xfe", "headers": {**AUTH, "content-type": "application/json"}}),
    ("POST", "/products", {"json": {"name": "x", "price": "1", "category": "books"}}),  # no credentials: 401
    ("GET", "/items/ABC/0", {}),
    ("POST", "/login", {"data": {"username": "a", "password": "short"}}),
    ("POST", "/quotes/" + str(uuid.UUID(int=1)), {"json": {"quantity": 0, "deliver_at": "soon"}}),
    ("DELETE", "/products/" + str(uuid.UUID(int=2)), {}),  # no API key: 403
    ("PUT", "/products", {}),  # 405
    ("GET", "/nowhere", {}),  # 404
]
_EXPECTED_INVALID = {400, 401, 403, 404, 405, 422}


class Soak:
    def __init__(self, server: Server, client: httpx.AsyncClient, report: Report, rng: random.Random) -> None:
        self.server = server
        self.client = client
        self.report = report
        self.rng = rng
        self.products: list[str] = []

    def _seen(self, kind: str, status: int, expected: set[int] | None = None) -> None:
        self.report.statuses[status] += 1
        if status >= 500:
            self.report.server_errors.append(f"{kind}: {status}")
        elif expected is not None and status not in expected:
            self.report.unexpected.append(f"{kind}: {status}")

    async def run_one(self, kind: str) -> None:
        rng = self.rng
        url = self.server.url
        if kind == "list":
            params = {"limit": str(rng.randrange(1, 50)), "sort": rng.choice(["name", "price", "created"])}
            if rng.random() < 0.5:
                params["category"] = rng.choice(["books", "games", "tools"])
            self._seen(kind, (await self.client.get(f"{url}/products", params=params)).status_code, {200})
        elif kind == "create":
            answer = await self.client.post(f"{url}/products", json=_product(rng), headers=AUTH)
            self._seen(kind, answer.status_code, {201})
            if answer.status_code == 201:
                self.report.scheduled_background += 1
                self.products.append(answer.json()["id"])
                del self.products[:-200]
        elif kind == "read":
            target = rng.choice(self.products) if self.products and rng.random() < 0.8 else str(uuid.uuid4())
            self._seen(kind, (await self.client.get(f"{url}/products/{target}")).status_code, {200, 404})
        elif kind == "rate":
            target = rng.choice(self.products) if self.products else str(uuid.uuid4())
            answer = await self.client.post(f"{url}/rating/{target}", json=rng.randrange(1, 6))
            self._seen(kind, answer.status_code, {200, 404})
            if answer.status_code == 200:
                self.report.scheduled_background += 1
        elif kind == "quote":
            target = rng.choice(self.products) if self.products else str(uuid.uuid4())
            body = {"quantity": rng.randrange(1, 100), "deliver_at": "2030-01-02T03:04:05Z", "coupon": "SAVE10"}
            self._seen(kind, (await self.client.post(f"{url}/quotes/{target}", json=body)).status_code, {200, 404})
        elif kind == "items":
            headers = {"request-id": str(uuid.uuid4()), "x-tags": "a"}
            params = {"day": "2030-01-02", "at": "10:00:00Z", "ratio": "0.25", "code": "7"}
            answer = await self.client.get(f"{url}/items/shop/{rng.randrange(1, 999)}", params=params, headers=headers)
            self._seen(kind, answer.status_code, {200})
        elif kind == "login":
            form = {"username": "alice", "password": "wonderland", "remember": "true", "age": "30"}
            self._seen(kind, (await self.client.post(f"{url}/login", data=form)).status_code, {200})
        elif kind == "upload":
            files = {"file": ("data.bin", os.urandom(rng.randrange(1, 64 * 1024)))}
            answer = await self.client.post(f"{url}/uploads", files=files, data={"note": "soak"}, headers=AUTH)
            self._seen(kind, answer.status_code, {200})
        elif kind == "invalid":
            method, path, options = rng.choice(_INVALID)
            self._seen(
                kind, (await self.client.request(method, f"{url}{path}", **options)).status_code, _EXPECTED_INVALID
            )
        elif kind == "huge":
            body = {**_product(rng), "name": "x" * (1024 * 1024)}  # 1 MiB of JSON, refused by its constraint
            self._seen(kind, (await self.client.post(f"{url}/products", json=body, headers=AUTH)).status_code, {422})
        elif kind == "too_large":
            await self._too_large()
        elif kind == "slow_body":
            await self._slow_body()
        elif kind == "abandon_body":
            await self._abandon_body()
        elif kind == "abandon_stream":
            async with self.client.stream("GET", f"{url}/stream", params={"chunks": "50", "delay": "0.02"}) as answer:
                self._seen(kind, answer.status_code, {200})
                async for _ in answer.aiter_bytes():
                    break  # leave after the first chunk: the server must stop producing
        elif kind == "stream":
            answer = await self.client.get(f"{url}/stream", params={"chunks": "10"})
            self._seen(kind, answer.status_code, {200})
            if answer.text.count("chunk") != 10:
                self.report.unexpected.append("stream: incomplete")
        elif kind == "slow":
            self._seen(kind, (await self.client.get(f"{url}/slow", params={"seconds": "0.05"})).status_code, {200})
        elif kind == "ws_vanish":
            await self._ws_vanish()

    async def _raw(self, head: bytes, body_parts: list[bytes], pause: float, read: bool) -> int | None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.server.port)
        try:
            writer.write(head)
            for part in body_parts:
                writer.write(part)
                await writer.drain()
                if pause:
                    await asyncio.sleep(pause)
            if not read:
                return None
            status_line = await reader.readline()
            return int(status_line.split()[1]) if status_line else None
        finally:
            writer.transport.abort()  # no FIN handshake, no half-close: the client just vanishes

    def _head(self, path: str, length: int, extra: str = "") -> bytes:
        return (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n"
        ).encode()

    async def _too_large(self) -> None:
        head = self._head("/products", 64 * 1024 * 1024, "Authorization: Bearer secret-token\r\n")
        status = await self._raw(head, [b"{" * 1024], 0, read=True)
        self._seen("too_large", status or 0, {413})

    async def _slow_body(self) -> None:
        body = json.dumps(_product(self.rng)).encode()
        parts = [body[index : index + 16] for index in range(0, len(body), 16)]
        head = self._head("/products", len(body), "Authorization: Bearer secret-token\r\n")
        status = await self._raw(head, parts, 0.005, read=True)
        self._seen("slow_body", status or 0, {201})
        if status == 201:
            self.report.scheduled_background += 1

    async def _abandon_body(self) -> None:
        body = json.dumps(_product(self.rng)).encode()
        head = self._head("/products", len(body) + 500, "Authorization: Bearer secret-token\r\n")
        await self._raw(head, [body[: len(body) // 2]], 0.001, read=False)

    async def _ws_vanish(self) -> None:
        uri = f"ws://127.0.0.1:{self.server.port}/ws/echo"
        connection = await websockets.connect(uri, open_timeout=10, close_timeout=1)
        try:
            await connection.send("ping")
            if await asyncio.wait_for(connection.recv(), 10) != "ping":
                self.report.unexpected.append("ws_vanish: wrong echo")
        finally:
            connection.transport.abort()  # gone without a close frame


async def run(
    requests: int = 100_000, clients: int = 32, seconds: float = 600, timeout: float = 15, seed: int = 16
) -> Report:
    """Serve the shop, send the mix until ``requests`` or ``seconds`` run out, check and report."""
    report = Report()
    rng = random.Random(seed)
    kinds = list(MIX)
    weights = [MIX[kind] for kind in kinds]
    server = Server()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.monotonic()
    warm_after = max(clients, requests // 5)
    try:
        async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
            await server.wait_ready(client)
            report.rss_start_kb = rss_kb(server.process.pid)
            soak = Soak(server, client, report, rng)

            async def worker() -> None:
                while report.requests < requests and time.monotonic() - started < seconds:
                    kind = rng.choices(kinds, weights)[0]
                    report.requests += 1
                    report.kinds[kind] += 1
                    if report.requests == warm_after:
                        report.rss_warm_kb = rss_kb(server.process.pid)
                        report.warm_requests = report.requests
                    try:
                        await asyncio.wait_for(soak.run_one(kind), timeout)
                    except asyncio.TimeoutError:
                        report.hangs.append(kind)
                    except (httpx.TransportError, OSError, websockets.exceptions.WebSocketException) as exc:
                        report.unexpected.append(f"{kind}: {type(exc).__name__}: {exc}")

            await asyncio.gather(*(worker() for _ in range(clients)))
            report.seconds = time.monotonic() - started
            deadline = time.monotonic() + 10
            while True:  # background tasks run after their response: give the last ones a moment
                health = (await client.get(f"{server.url}/health")).json()
                report.background_runs = health["background_runs"]
                if report.background_runs >= report.scheduled_background or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.05)
            report.rss_end_kb = rss_kb(server.process.pid)
            if not report.warm_requests:
                report.rss_warm_kb, report.warm_requests = report.rss_start_kb, 0
    finally:
        log = server.stop()
    report.server_tracebacks = log.count("Traceback (most recent call last)")
    if report.server_tracebacks:
        report.unexpected.append(log[-2000:])
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--timeout", type=float, default=15, help="a request taking longer is a hang")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    report = asyncio.run(run(args.requests, args.clients, args.seconds, args.timeout, args.seed))
    print(json.dumps(report.summary(), indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
