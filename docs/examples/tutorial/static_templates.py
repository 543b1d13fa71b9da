# --8<-- [start:app]
from pathlib import Path

from FasterAPI import Faster, Request
from FasterAPI.responses import HTMLResponse
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.templating import Jinja2Templates

HERE = Path(__file__).parent / "static_site"

app = Faster()
app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
templates = Jinja2Templates(directory=HERE / "templates")


@app.get("/items/{id}", response_class=HTMLResponse)
async def read_item(request: Request, id: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "item.html", {"id": id})


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_static_files() -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert client.get("/static/missing.css").status_code == 404
    assert client.get("/static/../static_templates.py").status_code == 404


def test_template_with_url_for() -> None:
    page = client.get("/items/42")
    assert "<h1>Item 42</h1>" in page.text
    assert 'href="http://testserver/static/style.css"' in page.text


# --8<-- [end:test]
