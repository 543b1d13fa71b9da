"""Every code example of the docs runs as a reader copies it.

Docs pages include these files with ``pymdownx.snippets``, so what readers copy is what runs here. An
example folder with ``test_*.py`` files is a small project (``main.py`` + its tests, as the page shows
them): it is copied into a fresh folder and run with a plain ``pytest``, under the pytest settings the
docs recommend, and must pass without a warning. The few single-file examples run their embedded tests.
"""

import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import pytest

from fasterapi_extras.testing import redis_server

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
# The pytest settings the docs tell readers to use; a copied project without its own gets these.
RECOMMENDED_CONFIG = EXAMPLES / "testing" / "pyproject.toml"
# Example projects: a ``main.py`` (not inside a package) and tests, next to it or in ``tests/``.
PROJECTS = sorted(p.parent for p in EXAMPLES.rglob("main.py") if not (p.parent / "__init__.py").exists())
# Single-file examples (and packages: modules inside one are exercised by the example that imports them).
MODULE_EXAMPLES = sorted(
    p
    for p in EXAMPLES.rglob("*.py")
    if not any(project in p.parents for project in PROJECTS) and not (p.parent / "__init__.py").exists()
)
# ``pytest`` as a reader types it: the console script, not ``python -m pytest`` (which adds the folder to sys.path).
PYTEST = shutil.which("pytest", path=str(Path(sys.executable).parent)) or "pytest"


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


def _run_project(folder: Path, workdir: Path) -> tuple[int, str]:
    project = workdir / folder.relative_to(EXAMPLES).as_posix().replace("/", "-")
    shutil.copytree(folder, project, ignore=shutil.ignore_patterns("__pycache__"))
    if not any((project / name).exists() for name in ("pytest.ini", "pyproject.toml")):
        shutil.copy(RECOMMENDED_CONFIG, project / "pyproject.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    result = subprocess.run(
        [PYTEST, "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout


@pytest.fixture(scope="module")
def project_runs(tmp_path_factory: pytest.TempPathFactory, example_services: None) -> dict[Path, tuple[int, str]]:
    """Run every example project (a few at a time, each in its own fresh folder); tests read the results."""
    workdir = tmp_path_factory.mktemp("docs-projects")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda folder: _run_project(folder, workdir), PROJECTS)
        return dict(zip(PROJECTS, results, strict=True))


@pytest.mark.parametrize("folder", PROJECTS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_docs_example_project_passes_under_plain_pytest(
    folder: Path, project_runs: dict[Path, tuple[int, str]]
) -> None:
    returncode, output = project_runs[folder]
    assert returncode == 0, output
    assert " passed" in output and "skipped" not in output, output
    assert "warning" not in output.lower(), output


def test_recommended_config_is_what_the_testing_page_shows() -> None:
    page = (DOCS / "testing" / "index.md").read_text()
    assert '--8<-- "docs/examples/testing/pyproject.toml"' in page
    config = RECOMMENDED_CONFIG.read_text()
    assert 'asyncio_default_fixture_loop_scope = "function"' in config  # unset, pytest-asyncio warns every run
    assert 'pythonpath = ["."]' in config  # tests in tests/ import main.py from the project root


def test_every_example_file_is_shown_in_the_docs() -> None:
    pages = "\n".join(p.read_text() for p in DOCS.rglob("*.md"))
    included = set(re.findall(r'--8<-- "([^":]+)', pages))
    shown = {str(p.relative_to(ROOT)) for p in EXAMPLES.rglob("*.py")}
    assert not (shown - included), f"example files no page includes: {sorted(shown - included)}"
