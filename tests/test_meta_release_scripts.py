"""``scripts/check_release.py`` finds release problems; ``scripts/test_matrix.sh`` reports missing Pythons."""

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(f"meta_{name}", ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def check_release() -> ModuleType:
    return _load("check_release")


def _project(tmp_path: Path, changelog: str | None) -> Path:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "pyproject.toml"
    path.write_text("")
    if changelog is not None:
        (tmp_path / "CHANGELOG.md").write_text(changelog)
    return path


def test_metadata_ok(check_release: ModuleType, tmp_path: Path) -> None:
    path = _project(tmp_path, "# x\n\n## Unreleased\n\n## 0.2.0 — 2026-01-01\n")
    project = {"version": "0.2.0", "dependencies": ["fasterapi-routing>=0.1,<0.3", "msgspec>=0.18"]}
    versions = {"fasterapi-core": "0.2.0", "fasterapi-routing": "0.2.1"}
    assert check_release.check_metadata("fasterapi-core", path, project, versions) == []


def test_metadata_problems_are_named(check_release: ModuleType, tmp_path: Path) -> None:
    path = _project(tmp_path, "# x\n\n## 0.1.0\n")
    project = {"version": "0.2.0", "dependencies": ["fasterapi-routing>=0.3", "fasterapi-ws"]}
    versions = {"fasterapi-core": "0.2.0", "fasterapi-routing": "0.2.1", "fasterapi-ws": "0.1.0"}
    problems = check_release.check_metadata("fasterapi-core", path, project, versions)
    assert any("no '## Unreleased' section" in p for p in problems)
    assert any("no section for 0.2.0" in p for p in problems)
    assert any("excludes workspace fasterapi-routing 0.2.1" in p for p in problems)
    assert any("requirement on fasterapi-ws has no version range" in p for p in problems)
    no_changelog = check_release.check_metadata("fasterapi-core", _project(tmp_path / "x", None), project, versions)
    assert any("no CHANGELOG.md" in p for p in no_changelog)


def test_metadata_of_the_workspace_is_release_ready() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_release.py"), "--no-build"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout
    assert "tag for fasterapi-core: fasterapi-core-v" in result.stdout


def test_unknown_distribution_is_refused() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_release.py"), "--no-build", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown distribution(s): nope" in result.stdout


def test_matrix_reports_versions_without_an_interpreter_as_skipped() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test_matrix.sh"), "3.99"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Python 3.99: no interpreter found, skipped" in result.stdout
    assert "skipped: 3.99" in result.stdout


def _workspace(root: Path, requirement: str) -> None:
    (root / "packages" / "a").mkdir(parents=True)
    (root / "packages" / "b").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "meta"\nversion = "1.0.0"\ndependencies = ["a>=0.1"]\n')
    (root / "packages" / "a" / "pyproject.toml").write_text('[project]\nname = "a"\nversion = "0.3.0"\n')
    (root / "packages" / "b" / "pyproject.toml").write_text(
        f'[project]\nname = "b"\nversion = "0.3.0"\ndependencies = ["{requirement}"]\n'
    )


@pytest.mark.parametrize(
    ("requirement", "problem"),
    [
        ("a>=0.3.0,<0.4", None),
        ("a>=0.1.0", "needs an upper bound"),
        ("a>=0.4,<0.5", "excludes workspace a 0.3.0"),
        ("a", "has no version range"),
    ],
)
def test_check_versions_wants_bounded_ranges_between_components(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    requirement: str,
    problem: str | None,
) -> None:
    check_versions = _load("check_versions")
    _workspace(tmp_path, requirement)
    monkeypatch.setattr(check_versions, "ROOT", tmp_path)
    status = check_versions.main()
    out = capsys.readouterr().out
    if problem is None:
        assert status == 0, out
    else:
        assert status == 1
        assert problem in out and "packages/b/pyproject.toml" in out
