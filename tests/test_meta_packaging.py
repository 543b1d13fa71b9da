"""Packaging promises a newcomer relies on: what one install brings, and what `uv run` syncs for the suite."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = sorted((ROOT / "packages").glob("*/pyproject.toml"))


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string (PEP 503)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _extras_of(requirement: str) -> set[str]:
    match = re.match(r"\s*[A-Za-z0-9._-]+\s*\[([^\]]*)\]", requirement)
    return {extra.strip() for extra in match.group(1).split(",")} if match else set()


def test_root_dev_group_holds_everything_the_suite_imports() -> None:
    """`uv run python -m pytest` syncs only the root's `dev` group: it must cover every member's dev group
    and every extra, or the README's test command fails on a fresh clone with missing modules."""
    root = _toml(ROOT / "pyproject.toml")
    dev = root["dependency-groups"]["dev"]
    covered = {_name(r) for r in dev if isinstance(r, str)}
    for requirement in dev:  # the meta-package's extras named in the dev group count too
        if isinstance(requirement, str) and _name(requirement) == "faster-api-web":
            for extra in _extras_of(requirement):
                covered |= {_name(r) for r in root["project"]["optional-dependencies"][extra]}
    covered |= {_name(r) for r in root["project"]["dependencies"]}
    missing: dict[str, set[str]] = {}
    for path in MEMBERS:
        member = _toml(path)
        wanted = {_name(r) for r in member.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)}
        for extra in member["project"].get("optional-dependencies", {}).values():
            wanted |= {_name(r) for r in extra}
        if absent := wanted - covered:
            missing[path.parent.name] = absent
    assert not missing, f"add these to the root pyproject's [dependency-groups] dev: {missing}"


def test_meta_package_brings_uploads_and_a_server() -> None:
    """Like faster-api-web 0.2: one install serves `fasterapi run` and parses multipart forms."""
    dependencies = _toml(ROOT / "pyproject.toml")["project"]["dependencies"]
    by_name = {_name(r): r for r in dependencies}
    assert "python-multipart" in by_name
    assert "uvicorn" in by_name and "standard" in _extras_of(by_name["uvicorn"])


def test_components_stay_lean() -> None:
    core = _toml(ROOT / "packages/fasterapi-core/pyproject.toml")["project"]
    assert {_name(r) for r in core["dependencies"]} == {"fasterapi-routing", "msgspec", "anyio"}
    assert "multipart" in core["optional-dependencies"]


def test_every_install_hint_names_an_extra_that_exists() -> None:
    """`pip install 'faster-api-web[jinja2]'` only warns and installs nothing: hints and docs must name real extras."""
    extras = {"faster-api-web": set(_toml(ROOT / "pyproject.toml")["project"]["optional-dependencies"])}
    for path in MEMBERS:
        project = _toml(path)["project"]
        extras[project["name"]] = set(project.get("optional-dependencies", {}))
    hint = re.compile(r"\b(faster-api-web|fasterapi-[a-z]+)\[([A-Za-z0-9_, -]+)\]")
    files = [*ROOT.glob("src/**/*.py"), *ROOT.glob("packages/*/src/**/*.py"), *ROOT.glob("docs/**/*.md")]
    files += [p for p in [*ROOT.glob("*.md"), *ROOT.glob("packages/*/*.md")] if p.name != "CHANGELOG.md"]  # history
    wrong = []
    for path in files:
        for match in hint.finditer(path.read_text(encoding="utf-8")):
            package, named = match.group(1), {e.strip() for e in match.group(2).split(",")}
            if package not in extras or named - extras[package]:
                wrong.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert len(files) > 50
    assert not wrong, wrong


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def test_every_install_command_in_the_docs_has_a_version_floor() -> None:
    """A bare `pip install faster-api-web` gets the older, different 0.2.x project from the public index."""
    workspace = {"faster-api-web": _toml(ROOT / "pyproject.toml")["project"]["version"]}
    for path in MEMBERS:
        project = _toml(path)["project"]
        workspace[project["name"]] = project["version"]
    names = "|".join(re.escape(name) for name in workspace)
    requirement = re.compile(rf"(?<![\w/.-])({names})(\[[^\]]*\])?([<>=!~]=?[\w.]+)?")
    # Changelogs are history: a released section keeps the command of its day.
    files = [
        p
        for p in (*ROOT.glob("*.md"), *ROOT.glob("docs/**/*.md"), *ROOT.glob("packages/*/README.md"))
        if p.name != "CHANGELOG.md"
    ]
    problems = []
    commands = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            for command in re.findall(r"(?:pip install|uv add)[^`#\n]*", line):
                for name, _extras, spec in requirement.findall(command):
                    commands += 1
                    if not spec:
                        problems.append(f"{path.relative_to(ROOT)}: {name} without a version floor: {command}")
                    elif spec.startswith(">=") and _release(spec[2:]) < _release(workspace[name]):
                        problems.append(f"{path.relative_to(ROOT)}: {name}{spec} is below {workspace[name]}")
    assert commands >= 8
    assert not problems, "\n".join(problems)
