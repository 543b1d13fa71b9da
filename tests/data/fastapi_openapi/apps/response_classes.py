from FasterAPI import FastAPI
from FasterAPI.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse

app = FastAPI()


@app.get("/html/", response_class=HTMLResponse)
async def read_html():
    return "<html><body><h1>Hi</h1></body></html>"


@app.get("/text/", response_class=PlainTextResponse)
async def read_text():
    return "Hello World"


@app.get("/redirect/", response_class=RedirectResponse)
async def redirect():
    return "https://example.com"


@app.get("/json/", response_class=JSONResponse)
async def read_json():
    return {"a": 1}


@app.get("/file/", response_class=FileResponse)
async def read_file():
    return "README.md"


@app.get("/direct/")
async def direct() -> JSONResponse:
    return JSONResponse({"a": 1})
