"""``fasterapi routes``, ``openapi``, ``version`` and the command's error messages."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from FasterAPI.cli import main

APP_SOURCE = textwrap.dedent(
    """
    from FasterAPI import Faster, FasterRouter, WebSocket

    app = Faster()
    router = FasterRouter(prefix="/users")


    @router.get("/{user_id}", name="get_user")
    async def read_user(user_id: int) -> dict[str, int]:
        return {"id": user_id}


    @router.post("/")
    async def create_user() -> dict[str, str]:
        return {}


    @app.websocket("/ws")
    async def chat(websocket: WebSocket) -> None:
        await websocket.accept()


    app.include_router(router)

    sub = Faster()


    @sub.get("/ping")
    async def ping() -> str:
        return "pong"


    app.mount("/sub", sub)
    """
)


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    path = tmp_path / "cli_demo_app.py"
    path.write_text(APP_SOURCE)
    return path


def _fasterapi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "FasterAPI", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def test_routes_lists_methods_paths_names_and_endpoints(app_file: Path) -> None:
    result = _fasterapi("routes", str(app_file))
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0] == ["METHODS", "PATH", "NAME", "ENDPOINT"]
    assert ["GET", "/users/{user_id}", "get_user", "cli_demo_app.read_user"] in rows
    assert ["POST", "/users/", "create_user", "cli_demo_app.create_user"] in rows
    assert ["WS", "/ws", "chat", "cli_demo_app.chat"] in rows
    assert ["GET", "/sub/ping", "ping", "cli_demo_app.ping"] in rows


def test_routes_accepts_a_module_path_with_attribute(app_file: Path) -> None:
    result = _fasterapi("routes", "cli_demo_app:app", cwd=app_file.parent)
    assert result.returncode == 0, result.stderr
    assert "/users/{user_id}" in result.stdout


def test_openapi_prints_or_writes_the_document(tmp_path: Path) -> None:
    (tmp_path / "cli_schema_app.py").write_text(
        "class App:\n"
        "    def openapi(self):\n"
        "        return {'openapi': '3.1.0', 'info': {'title': 'Demo'}}\n\n"
        "app = App()\n"
    )
    printed = _fasterapi("openapi", "cli_schema_app:app", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == {"openapi": "3.1.0", "info": {"title": "Demo"}}
    out = tmp_path / "schema.json"
    written = _fasterapi("openapi", "cli_schema_app:app", "--output", str(out), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert json.loads(out.read_text())["info"]["title"] == "Demo"


def test_openapi_without_support_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cli_plain_app.py").write_text("app = object()\n")
    result = _fasterapi("openapi", "cli_plain_app:app", cwd=tmp_path)
    assert result.returncode == 1
    assert "has no openapi() method" in result.stderr


def test_version_lists_every_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert main(["version"]) == 0
    out = capsys.readouterr().out
    for dist in ("faster-api-web", "fasterapi-routing", "fasterapi-core", "fasterapi-ws", "fasterapi-testclient"):
        assert f"{dist}" in out
        assert version(dist) in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["routes", "no/such/file.py"], "no such file: no/such/file.py"),
        (["routes", "no_such_module_xyz"], "cannot find module 'no_such_module_xyz'"),
        (["routes", "json:nothing_here"], "json has no attribute 'nothing_here'"),
        (["routes", "json:dumps"], "is not a FasterAPI app"),
        (["run", "json:dumps", "--server", "hypercorn"], "the hypercorn server is not installed"),
        (["migrate-from-fastapi", "no/such/dir"], "no such file or folder"),
    ],
)
def test_errors_name_the_problem(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 1
    assert message in capsys.readouterr().err


def test_a_missing_granian_is_named_with_its_install_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "granian", None)  # the dev environment has it; a user's may not
    assert main(["run", "json:dumps", "--server", "granian"]) == 1
    assert "the granian server is not installed: pip install granian" in capsys.readouterr().err


def test_openapi_of_a_real_app(app_file: Path) -> None:
    result = _fasterapi("openapi", str(app_file), "--indent", "0")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["openapi"].startswith("3.")
    assert "/users/{user_id}" in document["paths"]
    assert document["paths"]["/users/{user_id}"]["get"]["parameters"][0]["schema"]["type"] == "integer"


def test_no_command_prints_the_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 1  # faster-api-web's status; argparse's own would be 2
    assert "migrate-from-fastapi" in capsys.readouterr().out


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"fasterapi (faster-api-web) {version('faster-api-web')}"


def test_a_closed_pipe_ends_quietly() -> None:
    """`fasterapi version | head -1`: the reader is gone before the command writes; no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "FasterAPI", "version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # closed long before the interpreter has imported anything
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert stderr == ""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["main.py", "app.py", "app/main.py"], "main.py"),
        (["app.py", "app/main.py"], "app.py"),
        (["app/__init__.py", "app/main.py"], "app/main.py"),
    ],
)
@pytest.mark.parametrize("command", ["run", "dev"])
def test_run_and_dev_default_to_main_then_app(
    command: str, files: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import FasterAPI.cli as cli

    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    served: list[tuple[str, bool]] = []
    monkeypatch.setattr(cli, "serve", lambda args, reload: served.append((args.app, reload)))
    monkeypatch.chdir(tmp_path)
    assert main([command]) == 0
    assert served == [(expected, command == "dev")]


def test_run_without_an_app_here_says_what_to_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 1
    assert "no APP given and no main.py, app.py or app/main.py here" in capsys.readouterr().err
