"""Check that distributions are ready to release: versions, changelogs, ranges, wheels.

    python scripts/check_release.py                      # every distribution
    python scripts/check_release.py fasterapi-core       # one (or several)
    python scripts/check_release.py --no-build           # skip building and installing wheels

For each distribution it checks that the version is a plain X.Y.Z, that CHANGELOG.md has an
``## Unreleased`` section and a section for the current version, and that every requirement
between workspace distributions admits the workspace versions. Unless ``--no-build``, it builds the
wheels with ``uv build --no-sources`` and installs each selected one, with the workspace wheels it
needs, **by path** into a fresh venv (a different ``faster-api-web`` exists on the public index),
then imports it. It prints the tag to create, e.g. ``fasterapi-core-v0.3.0``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_versions import ROOT, _projects, _satisfies

_VERSION = re.compile(r"\d+\.\d+\.\d+")
_REQUIREMENT = re.compile(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)")


def import_name(dist: str) -> str:
    return "FasterAPI" if dist == "faster-api-web" else dist.replace("-", "_")


def _workspace_requirements(project: dict[str, object], names: set[str]) -> dict[str, str]:
    """Workspace distributions this one requires at runtime, with their specifiers."""
    found = {}
    for requirement in project.get("dependencies", []):  # type: ignore[attr-defined]
        match = _REQUIREMENT.match(requirement)
        assert match is not None
        name = match.group(1).lower().replace("_", "-")
        if name in names:
            found[name] = match.group(3).split(";")[0].strip()
    return found


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def check_metadata(dist: str, path: Path, project: dict[str, object], versions: dict[str, str]) -> list[str]:
    problems = []
    version = versions[dist]
    if not _VERSION.fullmatch(version):
        problems.append(f"{dist}: version {version!r} is not X.Y.Z")
    changelog = path.parent / "CHANGELOG.md"
    if not changelog.is_file():
        problems.append(f"{dist}: no CHANGELOG.md next to {_shown(path)}")
    else:
        headings = re.findall(r"^## (\S+)", changelog.read_text(encoding="utf-8"), re.MULTILINE)
        if "Unreleased" not in headings:
            problems.append(f"{dist}: {_shown(changelog)} has no '## Unreleased' section")
        if version not in headings:
            problems.append(f"{dist}: {_shown(changelog)} has no section for {version}")
    for dep, spec in _workspace_requirements(project, set(versions)).items():
        if not spec:
            problems.append(f"{dist}: requirement on {dep} has no version range")
        elif not _satisfies(versions[dep], spec):
            problems.append(f"{dist}: requires {dep}{spec}, which excludes workspace {dep} {versions[dep]}")
    return problems


def _closure(dist: str, projects: dict[str, tuple[Path, dict[str, object]]]) -> list[str]:
    names = set(projects)
    order, todo = [], [dist]
    while todo:
        current = todo.pop()
        if current in order:
            continue
        order.append(current)
        todo.extend(_workspace_requirements(projects[current][1], names))
    return order


def check_wheels(selected: list[str], projects: dict[str, tuple[Path, dict[str, object]]]) -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        dist_dir = Path(tmp) / "dist"
        subprocess.run(
            ["uv", "build", "--all-packages", "--no-sources", "--wheel", "--out-dir", str(dist_dir), "--quiet"],
            cwd=ROOT,
            check=True,
        )
        for dist in selected:
            wheels = []
            for needed in _closure(dist, projects):
                version = str(projects[needed][1]["version"])
                found = sorted(dist_dir.glob(f"{needed.replace('-', '_')}-{version}-*.whl"))
                if not found:
                    problems.append(f"{dist}: no wheel built for {needed} {version}")
                wheels.extend(str(w) for w in found)
            venv = Path(tmp) / f"venv-{dist}"
            subprocess.run(["uv", "venv", "--quiet", str(venv)], check=True)
            python = venv / "bin" / "python"
            install = subprocess.run(
                ["uv", "pip", "install", "--quiet", "--python", str(python), *wheels], capture_output=True, text=True
            )
            if install.returncode:
                problems.append(f"{dist}: installing {wheels} failed:\n{install.stderr}")
                continue
            module = import_name(dist)
            imported = subprocess.run([str(python), "-I", "-c", f"import {module}"], capture_output=True, text=True)
            if imported.returncode:
                problems.append(f"{dist}: 'import {module}' failed in a fresh venv:\n{imported.stderr}")
            else:
                print(f"{dist}: wheel installs alone and imports as {module}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dists", nargs="*", help="distribution names (default: all)")
    parser.add_argument("--no-build", action="store_true", help="check metadata only")
    args = parser.parse_args(argv)
    projects = _projects()
    versions = {name: str(project["version"]) for name, (_, project) in projects.items()}
    unknown = [d for d in args.dists if d not in projects]
    if unknown:
        print(f"unknown distribution(s): {', '.join(unknown)}; known: {', '.join(sorted(projects))}")
        return 2
    selected = args.dists or sorted(projects)
    problems = []
    for dist in selected:
        path, project = projects[dist]
        problems.extend(check_metadata(dist, path, project, versions))
    if not args.no_build:
        problems.extend(check_wheels(selected, projects))
    for problem in problems:
        print(problem)
    for dist in selected:
        print(f"tag for {dist}: {dist}-v{versions[dist]}")
    print(f"checked {len(selected)} distribution(s): {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
