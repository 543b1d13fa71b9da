"""fasterapi-extras sits on core, and nothing below it knows it exists (docs/package-map.md).

Every import counts, function-local ones too: a framework package that reached into extras would
drag optional integrations into installs that do not have them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = {"fasterapi_routing", "fasterapi_core", "fasterapi_ws", "fasterapi_testclient", "fasterapi_extras"}


def _top_level_imports(package_dir: Path) -> dict[str, set[str]]:
    """File -> the top-level packages it imports (absolute imports, anywhere in the file)."""
    found: dict[str, set[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_no_framework_package_imports_extras() -> None:
    offenders = [
        path
        for package in ("routing", "core", "ws", "testclient")
        for path, names in _top_level_imports(ROOT / "packages" / f"fasterapi-{package}" / "src").items()
        if "fasterapi_extras" in names
    ]
    assert offenders == [], f"these import fasterapi_extras, which depends on them: {offenders}"


def test_extras_uses_only_core_from_the_workspace() -> None:
    reach = {
        path: sorted(names & (WORKSPACE - {"fasterapi_core", "fasterapi_extras"}))
        for path, names in _top_level_imports(ROOT / "packages" / "fasterapi-extras" / "src").items()
    }
    assert {path: names for path, names in reach.items() if names} == {}
    assert any(
        "fasterapi_core" in names for names in _top_level_imports(ROOT / "packages/fasterapi-extras/src").values()
    )
