"""``fasterapi version``: the installed version of every FasterAPI distribution."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

__all__ = ["DISTRIBUTIONS", "format_versions"]

DISTRIBUTIONS = ("faster-api-web", "fasterapi-routing", "fasterapi-core", "fasterapi-ws", "fasterapi-testclient")


def format_versions() -> str:
    lines = []
    for name in DISTRIBUTIONS:
        try:
            found = version(name)
        except PackageNotFoundError:
            found = "not installed"
        lines.append(f"{name:<22}{found}")
    lines.append(f"{'python':<22}{platform.python_version()} ({platform.python_implementation()})")
    return "\n".join(lines)
