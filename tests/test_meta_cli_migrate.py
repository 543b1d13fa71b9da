"""``fasterapi migrate-from-fastapi``: a FastAPI app, rewritten, imports and serves the same responses."""

import importlib.util
import re
import sys
import textwrap
from pathlib import Path

import pytest

from FasterAPI.cli import main
from FasterAPI.testclient import TestClient

FASTAPI_APP = textwrap.dedent(
    '''
    """A small FastAPI service."""

    import fastapi
    from fastapi import APIRouter, Depends, FastAPI, HTTPException
    from fastapi.responses import JSONResponse, PlainTextResponse
    from starlette.requests import Request

    router = APIRouter(prefix="/items", tags=["items"])
    ITEMS = {1: "apple"}


    def get_items() -> dict[int, str]:
        return ITEMS


    @router.get("/{item_id}")
    async def read_item(item_id: int, items: dict[int, str] = Depends(get_items)) -> dict[str, object]:
        if item_id not in items:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"id": item_id, "name": items[item_id]}


    class MyApp(FastAPI):
        """Subclasses keep working: the base class is renamed too."""


    app = MyApp(title="FastAPI demo")  # the title string keeps its FastAPI wording
    app.include_router(router)
    extra: fastapi.APIRouter = fastapi.APIRouter()


    @extra.get("/hello", response_class=PlainTextResponse)
    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse("hello from " + request.url.path)


    @app.get("/custom")
    async def custom() -> JSONResponse:
        return JSONResponse({"ok": True}, status_code=202)


    app.include_router(extra)
    '''
)

PYDANTIC_MODELS = textwrap.dedent(
    """
    from fastapi import FastAPI
    from pydantic import BaseModel


    class Item(BaseModel):
        name: str


    class Other(SomethingElse, BaseModel):
        pass
    """
)


def _import(path: Path, name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_migrated_app_imports_and_serves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "migrate_sample_service.py"
    source.write_text(FASTAPI_APP)
    assert main(["migrate-from-fastapi", str(tmp_path)]) == 0
    assert "1 file(s) migrated" in capsys.readouterr().out
    text = source.read_text()
    assert "import FasterAPI\n" in text
    assert "from FasterAPI import FasterRouter, Depends, Faster, HTTPException" in text
    assert "from FasterAPI.responses import JSONResponse, PlainTextResponse" in text
    assert "from FasterAPI.requests import Request" in text
    assert "class MyApp(Faster):" in text
    assert "FasterAPI.FasterRouter = FasterAPI.FasterRouter()" in text
    assert 'title="FastAPI demo"' in text and "keeps its FastAPI wording" in text
    assert "fastapi" not in text.replace("FastAPI demo", "").replace("FastAPI wording", "").replace(
        "FastAPI service", ""
    )

    module = _import(source, "migrate_sample_service")
    with TestClient(module.app) as client:  # type: ignore[attr-defined]
        assert client.get("/items/1").json() == {"id": 1, "name": "apple"}
        assert client.get("/items/2").status_code == 404
        assert client.get("/items/x").status_code == 422
        assert client.get("/hello").text == "hello from /hello"
        custom = client.get("/custom")
        assert (custom.status_code, custom.json()) == (202, {"ok": True})


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "service.py"
    source.write_text(FASTAPI_APP)
    assert main(["migrate-from-fastapi", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert source.read_text() == FASTAPI_APP
    assert "would change" in out
    assert "-from fastapi import APIRouter, Depends, FastAPI, HTTPException" in out
    assert "+from FasterAPI import FasterRouter, Depends, Faster, HTTPException" in out


def test_pydantic_models_are_reported_not_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "models.py"
    source.write_text(PYDANTIC_MODELS)
    assert main(["migrate-from-fastapi", str(source)]) == 0
    out = capsys.readouterr().out
    assert "line 6: class Item(BaseModel) is a pydantic model" in out
    assert "class Other(SomethingElse, BaseModel)" in out
    text = source.read_text()
    assert "from pydantic import BaseModel" in text and "class Item(BaseModel):" in text
    assert "from FasterAPI import Faster" in text


def test_running_twice_changes_nothing_more(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "service.py"
    source.write_text(FASTAPI_APP)
    main(["migrate-from-fastapi", str(source)])
    once = source.read_text()
    capsys.readouterr()
    main(["migrate-from-fastapi", str(source)])
    assert source.read_text() == once
    assert "0 file(s) migrated" in capsys.readouterr().out


def test_unknown_fastapi_modules_are_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "odd.py"
    source.write_text("from fastapi.no_such_module import thing\nfrom starlette.authentication import requires\n")
    main(["migrate-from-fastapi", str(source), "--dry-run"])
    out = capsys.readouterr().out
    assert "line 1: fastapi.no_such_module has no FasterAPI counterpart yet" in out
    assert "line 2: starlette.authentication is Starlette-specific; left as is" in out


NEEDS_A_HAND = textwrap.dedent(
    """
    from fastapi import FastAPI
    from pydantic_settings import BaseSettings
    from sqlmodel import Field, SQLModel
    from pydantic.v1 import BaseModel as OldModel
    """
)


def test_migration_reports_what_needs_a_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "settings.py"
    source.write_text(NEEDS_A_HAND)
    assert main(["migrate-from-fastapi", str(source)]) == 0
    out = capsys.readouterr().out
    assert "faster-api-web[pydantic]" in out
    assert "line 3: pydantic_settings: pydantic-settings is not part of FasterAPI" in out
    assert "line 4: sqlmodel: SQLModel classes are pydantic models" in out
    assert "line 5: pydantic.v1: pydantic v1 models are not supported" in out
    assert "from pydantic_settings import BaseSettings" in source.read_text()


def test_a_migrated_pydantic_app_serves_its_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pydantic")
    source = tmp_path / "pydantic_app.py"
    source.write_text(
        textwrap.dedent(
            """
            from fastapi import FastAPI
            from fastapi.testclient import TestClient
            from pydantic import BaseModel, Field


            class Item(BaseModel):
                name: str
                price: float = Field(gt=0)


            app = FastAPI()


            @app.post("/items/")
            async def create_item(item: Item) -> Item:
                return item


            client = TestClient(app)
            """
        )
    )
    assert main(["migrate-from-fastapi", str(source)]) == 0
    capsys.readouterr()
    namespace: dict[str, object] = {}
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    client = namespace["client"]
    assert client.post("/items/", json={"name": "a", "price": 2}).json() == {"name": "a", "price": 2.0}  # type: ignore[attr-defined]
    response = client.post("/items/", json={"name": "a", "price": 0})  # type: ignore[attr-defined]
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "greater_than"


def test_every_starlette_module_it_writes_is_importable() -> None:
    """The table's targets exist, so a rewritten Starlette import always resolves."""
    import importlib

    from FasterAPI._cli.migrate import STARLETTE_MODULES

    for starlette_name, faster_name in STARLETTE_MODULES.items():
        assert importlib.import_module(faster_name), (starlette_name, faster_name)
    for name in (
        "requests",
        "responses",
        "middleware",
        "middleware.base",
        "middleware.cors",
        "middleware.gzip",
        "middleware.httpsredirect",
        "middleware.trustedhost",
        "staticfiles",
        "templating",
        "background",
        "concurrency",
        "status",
        "websockets",
        "exceptions",
        "datastructures",
    ):
        assert f"starlette.{name}" in STARLETTE_MODULES, name


@pytest.mark.parametrize(
    "line",
    [
        "from starlette.middleware.sessions import SessionMiddleware",
        "from starlette.middleware.errors import ServerErrorMiddleware",
        "from fastapi.security.oauth2 import OAuth2PasswordBearer",
        "from fastapi.openapi.models import OpenAPI",
        "import starlette.middleware.wsgi",
        "from fastapi.requests import Request",
        "from starlette.requests import Request",
        "from starlette.middleware.cors import CORSMiddleware",
        "from fastapi.middleware.gzip import GZipMiddleware",
        "import fastapi.responses",
        "app = fastapi.FastAPI()",
    ],
)
def test_a_migrated_import_never_names_a_missing_module(line: str) -> None:
    """Whatever it writes resolves; what it cannot map stays as it was, with a note."""
    from FasterAPI._cli.migrate import migrate_source

    new_source, changes, notes = migrate_source(line + "\n")
    written = re.findall(r"\bFasterAPI(?:\.\w+)*", new_source)
    for dotted in written:
        parts = dotted.split(".")
        while parts and importlib.util.find_spec(".".join(parts)) is None:
            parts.pop()
        assert parts, dotted
        module = importlib.import_module(".".join(parts))
        for attribute in dotted.split(".")[len(parts) :]:
            module = getattr(module, attribute)
    if changes == 0:
        assert new_source == line + "\n" and notes
