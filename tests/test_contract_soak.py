"""A short soak (a few seconds): ``benchmarks/soak.py`` against a real uvicorn on loopback.

Valid, invalid, huge, too-large, slow and abandoned requests, abandoned streams and vanishing
WebSocket clients: no 5xx, no hang, no traceback in the server's log, every background task ran.
The full run (``uv run python benchmarks/soak.py``) also reports RSS growth per 100k requests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _soak_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contract_soak_script", ROOT / "benchmarks" / "soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_short_soak_has_no_5xx_no_hang_and_runs_every_background_task() -> None:
    soak = _soak_module()
    # The time bound is a hang guard, not a speed claim: a loaded CI machine may need a minute for 800 requests.
    report = await soak.run(requests=800, clients=12, seconds=120, timeout=15, seed=16)
    summary = report.summary()
    assert report.requests == 800, summary
    assert summary["5xx"] == 0, summary
    assert summary["hangs"] == 0, summary
    assert summary["unexpected"] == [], summary
    assert summary["server_tracebacks"] == 0, summary
    assert report.scheduled_background > 0
    assert report.background_runs == report.scheduled_background, summary
    assert set(report.kinds) == set(soak.MIX), summary  # every kind of traffic was sent
    assert report.statuses[413] > 0 and report.statuses[422] > 0, summary
    assert summary["ok"], summary
