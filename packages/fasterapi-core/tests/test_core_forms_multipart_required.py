"""Without python-multipart, a File()/Form() route fails when it is declared, naming the route and the fix."""

from __future__ import annotations

import sys
from typing import Annotated

import pytest

from fasterapi_core import Depends, Faster, FasterAPIError, FasterRouter, File, Form, UploadFile


@pytest.fixture
def without_multipart(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on an install of the components alone: `import python_multipart` fails."""
    for name in [m for m in sys.modules if m == "python_multipart" or m.startswith("python_multipart.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "python_multipart", None)


@pytest.mark.usefixtures("without_multipart")
def test_a_file_route_fails_at_the_decorator() -> None:
    app = Faster()
    with pytest.raises(FasterAPIError) as error:

        @app.post("/upload")
        async def upload(document: Annotated[UploadFile, File()]) -> dict[str, str]:
            return {}

    message = str(error.value)
    assert message.startswith("POST /upload: upload() declares File()/Form() parameters")
    assert "(document)" in message
    assert "pip install 'fasterapi-core[multipart]'" in message
    assert not app.routes or all(getattr(r, "path", None) != "/upload" for r in app.routes)


@pytest.mark.usefixtures("without_multipart")
def test_form_fields_inside_a_dependency_count_too() -> None:
    router = FasterRouter()

    def credentials(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> str:
        return username

    with pytest.raises(
        FasterAPIError, match=r"PUT /login: login\(\) declares File\(\)/Form\(\) parameters \(username, password\)"
    ):

        @router.put("/login")
        async def login(user: Annotated[str, Depends(credentials)]) -> str:
            return user


@pytest.mark.usefixtures("without_multipart")
def test_routes_without_forms_are_not_affected() -> None:
    app = Faster()

    @app.post("/items")
    async def create(name: str) -> str:
        return name

    assert any(getattr(r, "path", None) == "/items" for r in app.routes)


def test_with_python_multipart_the_route_is_declared() -> None:
    app = Faster()

    @app.post("/upload")
    async def upload(document: Annotated[UploadFile, File()]) -> dict[str, str]:
        return {}

    assert any(getattr(r, "path", None) == "/upload" for r in app.routes)
