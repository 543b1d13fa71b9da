"""Every code example of the docs runs: tutorial files run their embedded tests, testing pages run under pytest.

Docs pages include these files with ``pymdownx.snippets``, so what readers copy is what runs here.
"""

import importlib
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from fasterapi_extras.testing import redis_server

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
# Folders whose examples are test suites (fixtures, conftest): run by pytest itself, in a subprocess.
PYTEST_SUITES = sorted(p.parent for p in EXAMPLES.glob("testing/*/pytest.ini"))
# Modules inside a package (a folder with __init__.py) are exercised by the example that imports them.
MODULE_EXAMPLES = sorted(
    p
    for p in EXAMPLES.rglob("*.py")
    if not any(suite in p.parents for suite in PYTEST_SUITES) and not (p.parent / "__init__.py").exists()
)


@pytest.fixture(scope="module")
def example_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Examples read ``REDIS_URL`` and ``DATABASE_URL``: a private Redis and a fresh SQLite file, as a reader's has."""
    database = tmp_path_factory.mktemp("examples-db") / "examples.db"
    previous = {name: os.environ.get(name) for name in ("REDIS_URL", "DATABASE_URL")}
    with redis_server() as url:
        os.environ.update(REDIS_URL=url, DATABASE_URL=f"sqlite+aiosqlite:///{database}")
        try:
            yield
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@pytest.fixture
def examples_on_path(example_services: None) -> Iterator[None]:
    sys.path.insert(0, str(EXAMPLES))
    before = set(sys.modules)
    try:
        yield
    finally:
        sys.path.remove(str(EXAMPLES))
        for name in set(sys.modules) - before:
            module_file = getattr(sys.modules[name], "__file__", None) or ""
            if module_file.startswith(str(EXAMPLES)):
                del sys.modules[name]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(EXAMPLES).with_suffix("").parts)


@pytest.mark.parametrize("path", MODULE_EXAMPLES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_docs_example_runs_its_embedded_tests(path: Path, examples_on_path: None) -> None:
    if re.search(r"^(from|import) pydantic\b", path.read_text(), re.MULTILINE):
        pytest.importorskip("pydantic")  # pydantic is optional (faster-api-web[pydantic])
    module = importlib.import_module(_module_name(path))
    tests = [obj for name, obj in vars(module).items() if name.startswith("test_") and inspect.isfunction(obj)]
    assert tests, f"{path.relative_to(ROOT)} has no embedded test_* function"
    for test in tests:
        if inspect.iscoroutinefunction(test):
            anyio.run(test)
        else:
            test()


@pytest.fixture(scope="module")
def suite_runs() -> Iterator[dict[Path, subprocess.Popen[str]]]:
    """Start every docs test suite at once (each in its own pytest process); tests collect the results."""
    runs = {
        suite: subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(suite / "pytest.ini"), "."],
            cwd=suite,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for suite in PYTEST_SUITES
    }
    try:
        yield runs
    finally:
        for process in runs.values():
            if process.poll() is None:
                process.kill()
            process.communicate(timeout=30)


@pytest.mark.parametrize("suite", PYTEST_SUITES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_docs_test_suite_passes(suite: Path, suite_runs: dict[Path, subprocess.Popen[str]]) -> None:
    process = suite_runs[suite]
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert " passed" in output and "skipped" not in output, output


def test_every_example_file_is_shown_in_the_docs() -> None:
    pages = "\n".join(p.read_text() for p in DOCS.rglob("*.md"))
    included = set(re.findall(r'--8<-- "([^":]+)', pages))
    shown = {str(p.relative_to(ROOT)) for p in EXAMPLES.rglob("*.py")}
    assert not (shown - included), f"example files no page includes: {sorted(shown - included)}"
