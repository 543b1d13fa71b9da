"""What the in-process benchmarks share: scratch venvs for the peers, worker subprocesses, interleaved rounds.

Each peer framework lives in its own venv under ``benchmarks/.venvs`` so its pins never meet the workspace's.
Each framework runs in a worker subprocess (the benchmark script itself, with ``--worker NAME``) driven over
stdin/stdout, one JSON object per line: a slow import or a crash stays in its worker, and the parent only
interleaves rounds and takes medians.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VENVS = HERE / ".venvs"


def scratch_venv(name: str, requirements: Sequence[str]) -> str:
    """The python of ``benchmarks/.venvs/NAME`` holding ``requirements``, rebuilt whenever they change."""
    venv = VENVS / name
    python = venv / "bin" / "python"
    marker = venv / ".requirements"
    wanted = "\n".join(requirements)
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return str(python)
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("uv is needed to create the scratch venvs (https://docs.astral.sh/uv/)")
    print(f"creating {venv.relative_to(HERE.parent)} with {', '.join(requirements)} ...", file=sys.stderr)
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), *requirements], check=True)
    marker.write_text(wanted)
    return str(python)


class Worker:
    """One framework's worker subprocess: ``script --worker NAME`` run by ``python``."""

    def __init__(self, script: str, name: str, python: str, *, worker_name: str | None = None) -> None:
        self.name = name
        # The workspace's PYTHONPATH or VIRTUAL_ENV would leak our packages into a peer's venv.
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PYTHONHASHSEED"] = "0"  # the same dict layouts in every run
        self.process = subprocess.Popen(
            [python, script, "--worker", worker_name or name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=str(HERE),
        )

    def wait_ready(self) -> None:
        """Read the worker's first line; it lists what its app answered wrongly, which stops the run."""
        problems: list[str] = self.read()["problems"]
        if problems:
            self.close()
            raise SystemExit(f"{self.name} answered wrongly:\n  " + "\n  ".join(problems))

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"worker {self.name} exited early (code {self.process.wait(timeout=30)})")
        result: dict[str, Any] = json.loads(line)
        return result

    def ask(self, request: Mapping[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self.read()

    def run(self, scenario: int, n: int) -> float:
        """Microseconds per request over ``n`` requests of ``scenario``."""
        micros: float = self.ask({"scenario": scenario, "n": n})["us"]
        return micros

    def close(self) -> None:
        """End of input ends the worker's command loop."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def interleaved_medians(
    workers: Mapping[str, Worker], scenario: int, *, rounds: int, budget: float
) -> dict[str, float]:
    """Median µs per request of each worker on ``scenario``, rounds alternating between the workers.

    Each worker's loop length is sized so one timed loop lasts about ``budget`` seconds: a fast framework
    gets as many requests per sample as it needs to be timed at all, a slow one does not stall the run.
    """
    counts = {name: max(50, int(budget / max(worker.run(scenario, 50), 0.1) * 1e6)) for name, worker in workers.items()}
    samples: dict[str, list[float]] = {name: [] for name in workers}
    for _ in range(rounds):
        for name, worker in workers.items():
            samples[name].append(worker.run(scenario, counts[name]))
    return {name: statistics.median(values) for name, values in samples.items()}


async def answer_commands(time_scenario: Callable[[int, int], Awaitable[float]], problems: Sequence[str]) -> None:
    """The worker's side: report ``problems``, then time ``{"scenario", "n"}`` requests until input ends."""
    print(json.dumps({"problems": list(problems)}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        print(json.dumps({"us": await time_scenario(command["scenario"], command["n"])}), flush=True)
