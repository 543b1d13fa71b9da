"""The package graph of docs/architecture.md, checked on the source: no import cycles, no private reach-ins.

Every import counts, wherever it stands: top level, inside a function, under ``if TYPE_CHECKING:``, and
``importlib.import_module("literal")``. A cycle that only function-local imports close never fails at
import time, so nothing else would notice it.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from the dev dependency group
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent

#: The one documented place where core loads the WebSocket package (a plugin load, like anyio's backends).
PLUGIN_LOADS = {("fasterapi_core._websocket_support", "fasterapi_ws")}


@dataclass
class Module:
    name: str
    package: str  # top-level import name, e.g. ``fasterapi_core``
    path: Path
    imports: set[str] = field(default_factory=set)  # every module name it imports, resolved


def _source_roots() -> list[Path]:
    """Each distribution's import package: ``packages/*/src/<pkg>`` and the meta-package ``src/FasterAPI``."""
    roots = [pkg for src in sorted(ROOT.glob("packages/*/src")) for pkg in sorted(src.iterdir()) if pkg.is_dir()]
    return [*roots, ROOT / "src" / "FasterAPI"]


def _module_name(root: Path, path: Path) -> str:
    parts = (root.name, *path.relative_to(root).with_suffix("").parts)
    name = ".".join(parts)
    return name.removesuffix(".__init__")


def _imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module for alias in node.names
            ]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            targets = [node.args[0].value]
        found.update(target for target in targets if target and target != name)
    return found


def _modules() -> dict[str, Module]:
    files = {(root, path) for root in _source_roots() for path in root.rglob("*.py")}
    names = {_module_name(root, path) for root, path in files}
    modules: dict[str, Module] = {}
    for root, path in sorted(files):
        name = _module_name(root, path)
        modules[name] = Module(name, root.name, path, _imports_of(name, path, names))
    return modules


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5000))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return found


def _graph(modules: dict[str, Module]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module in modules.values():
        graph[module.name] |= {
            target for target in module.imports if target in modules and (module.name, target) not in PLUGIN_LOADS
        }
    return graph


def _is_private(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split(".")[1:])


def test_layers_the_walk_sees_every_distribution() -> None:
    packages = {module.package for module in _modules().values()}
    assert {"fasterapi_routing", "fasterapi_core", "fasterapi_ws", "fasterapi_testclient", "FasterAPI"} <= packages


def test_layers_no_import_cycle_counting_local_and_type_checking_imports() -> None:
    cycles = _cycles(_graph(_modules()))
    assert cycles == [], (
        "import cycles (move the shared code down a layer instead of importing inside a function):\n"
        + ("\n".join(" <-> ".join(cycle) for cycle in cycles))
    )


def test_layers_no_distribution_imports_another_distributions_private_module() -> None:
    modules = _modules()
    packages = {module.package for module in modules.values()}
    reach_ins = sorted(
        f"{module.name} imports {target}"
        for module in modules.values()
        for target in module.imports
        if target.split(".")[0] in packages and target.split(".")[0] != module.package and _is_private(target)
    )
    assert reach_ins == [], "use the other distribution's public modules:\n" + "\n".join(reach_ins)


def test_layers_core_loads_the_websocket_package_in_one_place_only() -> None:
    loaders = sorted(
        module.name
        for module in _modules().values()
        if module.package == "fasterapi_core"
        and any(target.split(".")[0] == "fasterapi_ws" for target in module.imports)
    )
    assert loaders == [loader for loader, _ in sorted(PLUGIN_LOADS)]


def test_layers_the_cycle_finder_finds_a_cycle_closed_by_a_local_import(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from a import g\n")
    names = {"a", "b"}
    graph = {name: _imports_of(name, tmp_path / f"{name}.py", names) for name in names}
    assert _cycles(graph) == [["a", "b"]]


# -- docs/architecture.md stays true -------------------------------------------------------------------

ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _pyprojects() -> dict[str, dict[str, Any]]:
    found = {}
    for path in [ROOT / "pyproject.toml", *sorted(ROOT.glob("packages/*/pyproject.toml"))]:
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        found[project["name"]] = project
    return found


def _requirement_names(project: dict[str, Any]) -> set[str]:
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    return {re.split(r"[\[<>=!~;\s]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def _import_names() -> dict[str, str]:
    """distribution name -> its import package."""
    names = {}
    for path in sorted(ROOT.glob("packages/*/pyproject.toml")):
        name = tomllib.loads(path.read_text(encoding="utf-8"))["project"]["name"]
        names[name] = next(p.name for p in (path.parent / "src").iterdir() if p.is_dir())
    names["faster-api-web"] = "FasterAPI"
    return names


def _documented_graph() -> dict[str, set[str]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## The distributions", 1)[1].split("```", 1)[0]
    graph = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            graph[cells[0].strip("`")] = set(re.findall(r"`([a-z-]+)`", cells[2]))
    return graph


def test_layers_the_documented_package_graph_is_the_declared_one() -> None:
    projects = _pyprojects()
    declared = {name: _requirement_names(project) & set(projects) for name, project in projects.items()}
    assert _documented_graph() == declared


def test_layers_each_distribution_imports_only_the_siblings_it_declares() -> None:
    projects = _pyprojects()
    package_of = {package: name for name, package in _import_names().items()}
    undeclared = sorted(
        f"{module.name} imports {target} ({package_of[target.split('.')[0]]} is not a dependency)"
        for module in _modules().values()
        for target in module.imports
        if target.split(".")[0] in package_of
        and target.split(".")[0] != module.package
        and (module.name, target) not in PLUGIN_LOADS
        and package_of[target.split(".")[0]] not in _requirement_names(projects[package_of[module.package]])
    )
    assert undeclared == []


def test_layers_every_module_the_architecture_page_names_exists() -> None:
    modules = _modules()
    named = set(re.findall(r"`((?:fasterapi_\w+|FasterAPI)(?:\.\w+)*)`", ARCHITECTURE.read_text(encoding="utf-8")))
    assert len(named) > 30
    missing = []
    for name in sorted(named):
        parts = name.split(".")
        while ".".join(parts) not in modules and len(parts) > 1:
            parts.pop()  # ``module.attribute``: the module must exist and have it
        module_name = ".".join(parts)
        if module_name not in modules:
            missing.append(name)
            continue
        attribute = name[len(module_name) + 1 :].split(".")[0]
        if attribute and attribute not in modules[module_name].path.read_text(encoding="utf-8"):
            missing.append(name)
    assert missing == []
