"""``fasterapi new``: the generated project's own tests pass."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from FasterAPI.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
RELEASE = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_generated_project_tests_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "shop", "--directory", str(tmp_path)]) == 0
    assert "created" in capsys.readouterr().out
    project = tmp_path / "shop"
    assert (project / "app" / "main.py").is_file()
    assert 'name = "shop"' in (project / "pyproject.toml").read_text()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_a_file_inside_a_package_is_imported_by_its_dotted_name(tmp_path: Path) -> None:
    main(["new", "shop2", "--directory", str(tmp_path)])
    result = subprocess.run(
        [sys.executable, "-m", "FasterAPI", "routes", str(tmp_path / "shop2" / "app" / "main.py")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "app.routers.items.read_item" in result.stdout


@pytest.mark.parametrize("existing", ["empty folder", "folder", "file"])
def test_refuses_any_existing_path(existing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = tmp_path / "taken"
    if existing == "file":
        taken.write_text("x")
    else:
        taken.mkdir()
        if existing == "folder":
            (taken / "file.txt").write_text("x")
    assert main(["new", "taken", "--directory", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert existing == "file" or not (taken / "pyproject.toml").exists()


def test_refuses_bad_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "1bad name", "--directory", str(tmp_path)]) == 1
    assert "must start with a letter" in capsys.readouterr().err


def test_writes_gitignore_dockerfile_and_a_version_floor(tmp_path: Path) -> None:
    assert main(["new", "shop", "--directory", str(tmp_path), "--from", str(ROOT)]) == 0
    project = tmp_path / "shop"
    assert ".venv/" in (project / ".gitignore").read_text().splitlines()
    dockerfile = (project / "Dockerfile").read_text()
    assert "uv sync --no-dev" in dockerfile and '"fasterapi", "run", "app/main.py"' in dockerfile
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    # A floor on this release: no resolver can pick the older, different faster-api-web 0.2.x of the index.
    assert pyproject["project"]["dependencies"] == [f"faster-api-web>={RELEASE}"]
    assert pyproject["dependency-groups"]["dev"] == [f"faster-api-web[test]>={RELEASE}"]
    assert pyproject["tool"]["uv"]["sources"]["faster-api-web"] == {"path": ROOT.as_posix(), "editable": True}


def test_from_a_wheel_folder_and_from_nothing_usable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wheels = tmp_path / "dist"
    wheels.mkdir()
    (wheels / "faster_api_web-9.1.0-py3-none-any.whl").write_bytes(b"")
    (wheels / "faster_api_web-10.0.0-py3-none-any.whl").write_bytes(b"")
    assert main(["new", "shop", "--directory", str(tmp_path), "--from", str(wheels)]) == 0
    pyproject = tomllib.loads((tmp_path / "shop" / "pyproject.toml").read_text())
    assert pyproject["tool"]["uv"]["find-links"] == [wheels.resolve().as_posix()]
    assert pyproject["project"]["dependencies"] == ["faster-api-web>=10.0.0"]
    capsys.readouterr()
    assert main(["new", "other", "--directory", str(tmp_path), "--from", str(tmp_path / "shop")]) == 1
    assert "neither a FasterAPI checkout" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_uv_sync_then_uv_run_pytest_passes_in_the_new_project(tmp_path: Path) -> None:
    """Getting started's commands, run as written in the new project (FasterAPI from this checkout)."""
    uv = shutil.which("uv")
    assert uv, "uv must be on PATH (pip install uv)"
    assert main(["new", "demo", "--directory", str(tmp_path), "--from", str(ROOT)]) == 0
    env = {k: v for k, v in os.environ.items() if k not in {"UV_PROJECT_ENVIRONMENT", "VIRTUAL_ENV", "PYTHONPATH"}}
    for command in ([uv, "sync", "--quiet"], [uv, "run", "pytest", "-p", "no:cacheprovider"]):
        result = subprocess.run(command, cwd=tmp_path / "demo", env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, " ".join(command) + "\n" + result.stdout + result.stderr
    assert "4 passed" in result.stdout
    assert "warning" not in result.stdout.lower()
