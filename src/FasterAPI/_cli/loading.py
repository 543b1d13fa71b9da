"""Find the application a command line names: ``module``, ``module:attr`` or ``path/to/file.py[:attr]``."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["AppTarget", "CommandError", "load_app", "resolve_target"]


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback and the command exits with status 1."""


@dataclass(frozen=True)
class AppTarget:
    """Where an app lives, in the form servers want: an import string plus the folder to import from."""

    module: str
    attr: str
    app_dir: str

    @property
    def import_string(self) -> str:
        return f"{self.module}:{self.attr}"


def resolve_target(target: str) -> AppTarget:
    """Turn the user's APP argument into an import string, without importing anything."""
    spec, _, attr = target.partition(":")
    attr = attr or "app"
    if not spec:
        raise CommandError(f"no module or file in {target!r}; try 'main:app' or 'path/to/main.py'")
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        path = Path(spec).resolve()
        if not path.is_file():
            raise CommandError(f"no such file: {spec}")
        # A file inside a package is imported by its dotted name from the package's parent folder,
        # so its absolute imports (``from app.models import ...``) work as they do under pytest.
        parts = [path.stem] if path.name != "__init__.py" else []
        folder = path.parent
        while (folder / "__init__.py").is_file():
            parts.insert(0, folder.name)
            folder = folder.parent
        return AppTarget(module=".".join(parts), attr=attr, app_dir=str(folder))
    return AppTarget(module=spec, attr=attr, app_dir=str(Path.cwd()))


def load_app(target: str | AppTarget) -> Any:
    """Import the app object (the module's folder goes first on ``sys.path``, as servers do)."""
    resolved = resolve_target(target) if isinstance(target, str) else target
    if resolved.app_dir not in sys.path:
        sys.path.insert(0, resolved.app_dir)
    try:
        if importlib.util.find_spec(resolved.module) is None:
            raise CommandError(f"cannot find module {resolved.module!r} (looked in {resolved.app_dir} and sys.path)")
    except (ImportError, ValueError) as exc:
        raise CommandError(f"cannot import {resolved.module!r}: {exc}") from exc
    module = importlib.import_module(resolved.module)
    value: Any = module
    for part in resolved.attr.split("."):
        try:
            value = getattr(value, part)
        except AttributeError:
            raise CommandError(f"{resolved.module} has no attribute {resolved.attr!r}") from None
    return value
