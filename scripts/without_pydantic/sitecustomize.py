"""Makes pydantic impossible to import, as if it were not installed (``.ci/run`` runs the suite so).

Put this folder on ``PYTHONPATH``: Python imports ``sitecustomize`` at start-up, in every subprocess
too. The dev environment has pydantic (``fasterapi-core[pydantic]``, and openapi-spec-validator needs
it), so this is how CI proves that everything but the pydantic adapter works without it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

_BLOCKED = ("pydantic", "pydantic_core", "pydantic_settings")


class _NoPydantic(MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.split(".", 1)[0] in _BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (blocked: no pydantic here)", name=fullname)
        return None


sys.meta_path.insert(0, _NoPydantic())
