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
