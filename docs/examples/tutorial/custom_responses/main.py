import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from FasterAPI import Faster, Response
from FasterAPI.responses import (
    EventSourceResponse,
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    ServerSentEvent,
    StreamingResponse,
)

app = Faster()
REPORT = Path(tempfile.gettempdir()) / "fasterapi-docs-report.csv"
REPORT.write_text("id,total\n1,9.99\n")


@app.get("/hello", response_class=HTMLResponse)
async def hello() -> str:
    return "<h1>Hello</h1>"


@app.get("/robots.txt", response_class=PlainTextResponse)
async def robots() -> str:
    return "User-agent: *\nDisallow:\n"


@app.get("/old-path")
async def old_path() -> RedirectResponse:
    return RedirectResponse("/hello", status_code=308)


@app.get("/numbers")
async def numbers() -> StreamingResponse:
    async def generate() -> AsyncIterator[str]:
        for n in range(3):
            yield f"{n}\n"

    return StreamingResponse(generate(), media_type="text/plain")


@app.get("/events")
async def events() -> EventSourceResponse:
    async def stream() -> AsyncIterator[ServerSentEvent]:
        for n in range(2):
            yield ServerSentEvent({"tick": n}, event="tick", id=n)

    return EventSourceResponse(stream())


@app.get("/report")
async def report() -> FileResponse:
    return FileResponse(REPORT, filename="report.csv", media_type="text/csv")


@app.post("/login")
async def login(response: Response) -> dict[str, bool]:
    # A ``Response`` parameter lets a handler set cookies and headers on the response it returns.
    response.set_cookie("session", "abc123", httponly=True, samesite="lax")
    response.headers["X-Logged-In"] = "yes"
    return {"ok": True}
