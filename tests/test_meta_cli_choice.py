"""``fasterapi run`` without ``--server``/``--workers`` serves as the Deployment page recommends, or says why not."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from FasterAPI._cli import choice as choice_module
from FasterAPI._cli.choice import RECOMMENDED_SERVER, choose, usable_cpus
from FasterAPI.cli import main

DEPLOYMENT = Path(__file__).resolve().parent.parent / "docs" / "deployment.md"


def installed_only(*names: str) -> Callable[[str], bool]:
    return lambda module: module in names


def test_the_recommended_server_is_the_one_the_deployment_page_recommends() -> None:
    page = DEPLOYMENT.read_text(encoding="utf-8")
    assert f"`fasterapi run` serves with **{RECOMMENDED_SERVER}**" in page


def test_nothing_given_picks_the_recommended_server_and_one_worker_per_cpu() -> None:
    chosen = choose(None, None, is_installed=installed_only("granian"), cpus=lambda: 4)
    assert (chosen.server, chosen.workers) == ("granian", 4)
    assert chosen.note == (
        "serving with granian, 4 worker(s) (4 worker(s): one per usable CPU; "
        "granian: the faster server in docs/deployment.md)"
    )


def test_without_granian_it_serves_with_uvicorn_and_says_how_to_get_granian() -> None:
    chosen = choose(None, None, is_installed=installed_only(), cpus=lambda: 2)
    assert (chosen.server, chosen.workers) == ("uvicorn", 2)
    assert "granian, the faster server in docs/deployment.md, is not installed (pip install granian)" in chosen.note


def test_a_root_path_keeps_uvicorn_and_says_why() -> None:
    chosen = choose(None, 1, root_path="/api", is_installed=installed_only("granian"), cpus=lambda: 2)
    assert (chosen.server, chosen.workers) == ("uvicorn", 1)
    assert "--root-path is served by uvicorn here" in chosen.note


@pytest.mark.parametrize(("server", "workers"), [("uvicorn", 3), ("granian", 1), ("hypercorn", 1)])
def test_flags_always_win(server: str, workers: int) -> None:
    chosen = choose(server, workers, is_installed=installed_only(), cpus=lambda: 8)
    assert (chosen.server, chosen.workers) == (server, workers)
    assert chosen.note == f"serving with {server}, {workers} worker(s)"


def test_hypercorn_without_workers_gets_the_one_worker_this_command_can_start_it_with() -> None:
    chosen = choose("hypercorn", None, cpus=lambda: 4)
    assert (chosen.server, chosen.workers) == ("hypercorn", 1)
    assert "several need hypercorn's own command line" in chosen.note


def test_at_least_one_worker_and_the_cpus_this_process_may_use() -> None:
    assert choose("uvicorn", None, cpus=lambda: 0).workers == 1
    assert usable_cpus() >= 1
    assert usable_cpus() <= (os.cpu_count() or 1)


def test_run_applies_the_choice_and_prints_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[argparse.Namespace] = []
    monkeypatch.setattr("FasterAPI.cli.serve", lambda args, reload: served.append(args))
    monkeypatch.setattr(choice_module, "usable_cpus", lambda: 3)
    monkeypatch.setitem(sys.modules, "granian", None)  # as if granian were not installed
    assert main(["run", "json:dumps"]) == 0
    assert (served[0].server, served[0].workers) == ("uvicorn", 3)
    assert "fasterapi: serving with uvicorn, 3 worker(s)" in capsys.readouterr().err

    served.clear()
    assert main(["run", "json:dumps", "--workers", "1", "--server", "granian"]) == 0
    assert (served[0].server, served[0].workers) == ("granian", 1)


def test_dev_stays_on_uvicorn_with_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[argparse.Namespace] = []
    monkeypatch.setattr("FasterAPI.cli.serve", lambda args, reload: served.append(args))
    assert main(["dev", "json:dumps"]) == 0
    assert (served[0].server, served[0].workers) == ("uvicorn", 1)
