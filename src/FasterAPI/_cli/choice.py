"""Which server and how many workers ``fasterapi run`` uses when the command line does not say.

The defaults follow the measurements on the Deployment page (docs/deployment.md): granian served our
apps with more requests/s and a lower p99 than uvicorn, and one worker per CPU the process may use
served more than one worker. A flag always wins; when the recommended server cannot be used, the
choice says why in one line.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["RECOMMENDED_SERVER", "ServeChoice", "choose", "installed", "usable_cpus"]

RECOMMENDED_SERVER = "granian"
FALLBACK_SERVER = "uvicorn"


@dataclass(frozen=True)
class ServeChoice:
    server: str
    workers: int
    note: str  # one line for the terminal: what was chosen and why


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or ``taskset``'s limit), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a broken install, or an import blocked with sys.modules[name] = None
        return False


def choose(
    server: str | None,
    workers: int | None,
    *,
    root_path: str = "",
    is_installed: Callable[[str], bool] | None = None,
    cpus: Callable[[], int] | None = None,
) -> ServeChoice:
    """``server``/``workers`` as given on the command line (``None``: not given); the callables are for tests."""
    reasons: list[str] = []
    if workers is None and server == "hypercorn":
        workers = 1
        reasons.append("1 worker: several need hypercorn's own command line")
    elif workers is None:
        workers = max(1, cpus() if cpus is not None else usable_cpus())
        reasons.append(f"{workers} worker(s): one per usable CPU")
    if server is None:
        if root_path:
            server = FALLBACK_SERVER
            reasons.append(f"{server}: --root-path is served by uvicorn here, not by {RECOMMENDED_SERVER}")
        elif (is_installed or installed)(RECOMMENDED_SERVER):
            server = RECOMMENDED_SERVER
            reasons.append(f"{server}: the faster server in docs/deployment.md")
        else:
            server = FALLBACK_SERVER
            reasons.append(
                f"{server}: {RECOMMENDED_SERVER}, the faster server in docs/deployment.md, is not installed "
                f"(pip install {RECOMMENDED_SERVER})"
            )
    note = f"serving with {server}, {workers} worker(s)" + (f" ({'; '.join(reasons)})" if reasons else "")
    return ServeChoice(server, workers, note)
