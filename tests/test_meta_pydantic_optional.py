"""pydantic stays optional: ``import FasterAPI`` (and planning msgspec routes) never imports it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it


def test_import_fasterapi_does_not_import_pydantic() -> None:
    script = textwrap.dedent(
        """
        import sys
        import msgspec
        import FasterAPI
        from FasterAPI import FastAPI

        class Item(msgspec.Struct):
            name: str

        app = FastAPI()

        @app.post("/items/", response_model=list[Item])
        async def create(item: Item) -> list[Item]:
            return [item]

        app.openapi()
        assert "pydantic" not in sys.modules, "pydantic was imported"
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
