from FasterAPI import FastAPI, Response
from FasterAPI.responses import HTMLResponse, PlainTextResponse

app = FastAPI(default_response_class=HTMLResponse)


@app.get("/items/")
async def read_items():
    return "<html></html>"


@app.get("/text/", response_class=PlainTextResponse, status_code=202)
async def read_text():
    return "ok"


@app.put("/set/")
def set_header(response: Response):
    response.headers["X-Cat"] = "meow"
    return "<p>ok</p>"
