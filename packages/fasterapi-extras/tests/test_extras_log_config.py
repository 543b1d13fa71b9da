"""``configure_structlog`` renders JSON or console lines, filters by level, includes bound context."""

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
import structlog

from fasterapi_extras import configure_structlog


@pytest.fixture(autouse=True)
def reset_structlog() -> Iterator[None]:
    yield
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()


def test_json_lines_with_level_timestamp_and_context(capsys: pytest.CaptureFixture[str]) -> None:
    module = configure_structlog(json_format=True, log_level="INFO")
    assert module is structlog
    structlog.contextvars.bind_contextvars(request_id="abc")
    log = structlog.get_logger()
    log.debug("hidden")
    log.info("user logged in", user="ann")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1
    event = lines[0]
    assert (event["event"], event["user"], event["level"], event["request_id"]) == (
        "user logged in",
        "ann",
        "info",
        "abc",
    )
    assert event["timestamp"].endswith("Z")


def test_console_format_and_exceptions(capsys: pytest.CaptureFixture[str]) -> None:
    configure_structlog(log_level="warning")
    log = structlog.get_logger()
    log.info("hidden")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    out = capsys.readouterr().out
    assert "hidden" not in out
    assert "failed" in out and "ValueError: boom" in out


def test_bad_level_and_missing_structlog() -> None:
    with pytest.raises(ValueError, match="unknown log level 'LOUD'"):
        configure_structlog(log_level="LOUD")
    code = (
        "import sys; sys.modules['structlog'] = None\n"
        "from fasterapi_extras import configure_structlog\n"
        "try:\n    configure_structlog()\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "pip install structlog" in out.stdout
