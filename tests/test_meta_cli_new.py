"""``fasterapi new``: the generated project's own tests pass."""

import subprocess
import sys
from pathlib import Path

import pytest

from FasterAPI.cli import main


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


def test_refuses_a_non_empty_folder_and_bad_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file.txt").write_text("x")
    assert main(["new", "taken", "--directory", str(tmp_path)]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert main(["new", "1bad name", "--directory", str(tmp_path)]) == 1
    assert "must start with a letter" in capsys.readouterr().err
