"""FastAPI parity of the whole OpenAPI document, key for key.

Each app under ``tests/data/fastapi_openapi/apps/`` is written the way a FastAPI user writes it (only
the imports say ``FasterAPI``). The JSON next to it is the document FastAPI 0.165.0 produced for the
same source (``regenerate.py`` in that folder rewrites the imports to ``fastapi`` and writes it); here
the app runs on FasterAPI and its ``/openapi.json`` must be that document exactly.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from FasterAPI.testclient import TestClient

DATA = Path(__file__).parent / "data" / "fastapi_openapi"
APPS = sorted((DATA / "apps").glob("*.py"))


def load_app(app_file: Path) -> Any:
    # Registered like an imported module: schema generation resolves the apps' annotations through it.
    module = types.ModuleType(f"fasterapi_openapi_{app_file.stem}")
    sys.modules[module.__name__] = module
    exec(compile(app_file.read_text(), str(app_file), "exec"), module.__dict__)
    return module.app


def differences(ours: Any, theirs: Any, where: str = "$") -> list[str]:
    """Every place the two documents differ, as readable lines (an empty list when they are equal)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found: list[str] = []
        for key in theirs.keys() - ours.keys():
            found.append(f"{where}.{key}: missing, FastAPI has {json.dumps(theirs[key])[:200]}")
        for key in ours.keys() - theirs.keys():
            found.append(f"{where}.{key}: extra {json.dumps(ours[key])[:200]}")
        for key in ours.keys() & theirs.keys():
            found.extend(differences(ours[key], theirs[key], f"{where}.{key}"))
        return found
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [
            line
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            for line in differences(a, b, f"{where}[{i}]")
        ]
    if ours != theirs or isinstance(ours, bool) is not isinstance(theirs, bool):
        return [f"{where}: {json.dumps(ours)[:200]} != FastAPI's {json.dumps(theirs)[:200]}"]
    return []


@pytest.mark.parametrize("app_file", APPS, ids=[app.stem for app in APPS])
def test_document_matches_fastapi(app_file: Path) -> None:
    app = load_app(app_file)
    expected = json.loads((DATA / f"{app_file.stem}.json").read_text())
    openapi_url = app.openapi_url
    with TestClient(app) as client:
        response = client.get(openapi_url)
    assert response.status_code == 200
    found = differences(response.json(), expected)
    assert not found, "\n".join(sorted(found))
    assert response.json() == expected


def test_every_app_has_a_stored_document() -> None:
    assert len(APPS) >= 25
    for app_file in APPS:
        assert (DATA / f"{app_file.stem}.json").is_file(), app_file.stem
