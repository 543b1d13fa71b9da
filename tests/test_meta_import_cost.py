"""``import FasterAPI`` leaves out what an app may never use (the integrations of fasterapi-extras, the
OpenAPI generator) and loads each on first use, under the same names."""

from __future__ import annotations

import subprocess
import sys

import pytest

import FasterAPI
import fasterapi_extras

pytestmark = pytest.mark.slow  # fresh interpreters in subprocesses


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return set(done.stdout.split())


def test_meta_import_leaves_extras_and_the_openapi_generator_for_first_use() -> None:
    loaded = _modules_after("import FasterAPI")
    assert "fasterapi_core" in loaded
    assert not {name for name in loaded if name.startswith("fasterapi_extras")}
    assert "fasterapi_core.openapi.generator" not in loaded
    assert "multiprocessing" not in loaded


def test_meta_extras_names_resolve_on_first_use_to_the_same_objects() -> None:
    loaded = _modules_after("from FasterAPI import RateLimitMiddleware, JWTBearer, get_header")
    assert "fasterapi_extras.production" in loaded
    assert FasterAPI.RateLimitMiddleware is fasterapi_extras.RateLimitMiddleware
    assert FasterAPI.SubInterpreterPool is fasterapi_extras.SubInterpreterPool
    assert FasterAPI.configure_structlog is fasterapi_extras.configure_structlog
    assert {"RateLimitMiddleware", "JWTBearer", "get_header"} <= set(dir(FasterAPI))


def test_meta_star_import_still_brings_every_name() -> None:
    names: dict[str, object] = {}
    exec("from FasterAPI import *", names)
    assert names["RedisCacheMiddleware"] is fasterapi_extras.RedisCacheMiddleware
    assert names["Faster"] is FasterAPI.Faster


def test_meta_openapi_document_is_built_when_first_asked_for() -> None:
    loaded = _modules_after(
        "from FasterAPI import Faster\n"
        "app = Faster()\n"
        "@app.get('/items/{item_id}')\n"
        "async def read(item_id: int) -> dict[str, int]:\n"
        "    return {'item_id': item_id}\n"
        "assert '/items/{item_id}' in app.openapi()['paths']\n"
        "from fasterapi_core.openapi import get_openapi\n"
        "assert get_openapi(title='t', version='1', routes=app.routes)['paths']"
    )
    assert "fasterapi_core.openapi.generator" in loaded
