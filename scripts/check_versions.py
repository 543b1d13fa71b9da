"""Check that every requirement between workspace distributions is met by the workspace versions,
and that a component's requirement on a sibling is bounded above.

uv does not check specifiers on workspace members, so a stale range would only break for users
installing from the index. Run: ``python scripts/check_versions.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from the dev dependency group
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _projects() -> dict[str, tuple[Path, dict[str, object]]]:
    found = {}
    for pyproject in [ROOT / "pyproject.toml", *sorted(ROOT.glob("packages/*/pyproject.toml"))]:
        project = tomllib.loads(pyproject.read_text())["project"]
        found[project["name"]] = (pyproject, project)
    return found


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def _satisfies(version: str, specifier: str) -> bool:
    current = _version_tuple(version)
    for clause in filter(None, (c.strip() for c in specifier.split(","))):
        match = re.fullmatch(r"(==|>=|<=|<|>|~=|!=)\s*([0-9][0-9.]*)", clause)
        if match is None:
            raise ValueError(f"unsupported specifier {clause!r}")
        op, wanted = match.group(1), _version_tuple(match.group(2))
        ok = {
            "==": current == wanted,
            ">=": current >= wanted,
            "<=": current <= wanted,
            "<": current < wanted,
            ">": current > wanted,
            "!=": current != wanted,
            "~=": current >= wanted and current[: len(wanted) - 1] == wanted[: len(wanted) - 1],
        }[op]
        if not ok:
            return False
    return True


def main() -> int:
    projects = _projects()
    versions = {name: str(project["version"]) for name, (_, project) in projects.items()}
    problems = []
    checked = 0
    for _name, (path, project) in projects.items():
        requirements = list(project.get("dependencies", []))  # type: ignore[call-overload]
        for extra in dict(project.get("optional-dependencies", {})).values():  # type: ignore[call-overload]
            requirements.extend(extra)
        for requirement in requirements:
            match = re.match(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)", requirement)
            assert match is not None
            dep, spec = match.group(1).lower().replace("_", "-"), match.group(3).split(";")[0].strip()
            if dep not in versions:
                continue
            checked += 1
            if not spec:
                problems.append(f"{path.relative_to(ROOT)}: {requirement!r} has no version range")
            elif path.parent != ROOT and "<" not in spec:
                # A component builds on a sibling's API as of one minor version: a later minor may change it.
                problems.append(f"{path.relative_to(ROOT)}: {requirement!r} needs an upper bound (>=X,<Y)")
            elif not _satisfies(versions[dep], spec):
                problems.append(f"{path.relative_to(ROOT)}: {requirement!r} excludes workspace {dep} {versions[dep]}")
    for problem in problems:
        print(problem)
    print(f"checked {checked} inter-package requirements: {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
