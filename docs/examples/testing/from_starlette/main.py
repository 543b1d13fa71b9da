# main.py
import jinja2

from FasterAPI import Faster, Request, WebSocket
from FasterAPI.responses import HTMLResponse
from FasterAPI.templating import Jinja2Templates

templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.DictLoader({"home.html": "<h1>{{ title }}</h1>"})))
app = Faster()


@app.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"title": "Welcome"})


@app.websocket("/ws")
async def greet(websocket: WebSocket) -> None:
    await websocket.accept()
    name = websocket.query_params.get("name", "stranger")
    await websocket.send_text(f"hello {name}, token {websocket.headers.get('x-token')}")
    await websocket.close(code=4000, reason="bye")
