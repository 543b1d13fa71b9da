# --8<-- [start:app]
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


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_html_text_and_redirect() -> None:
    assert client.get("/hello").headers["content-type"] == "text/html; charset=utf-8"
    assert client.get("/robots.txt").text.startswith("User-agent")
    redirect = client.get("/old-path", follow_redirects=False)
    assert (redirect.status_code, redirect.headers["location"]) == (308, "/hello")


def test_streaming_and_server_sent_events() -> None:
    assert client.get("/numbers").text == "0\n1\n2\n"
    body = client.get("/events").text
    assert body == 'id: 0\nevent: tick\ndata: {"tick":0}\n\nid: 1\nevent: tick\ndata: {"tick":1}\n\n'


def test_file_and_cookies() -> None:
    download = client.get("/report")
    assert download.text == "id,total\n1,9.99\n"
    assert download.headers["content-disposition"] == 'attachment; filename="report.csv"'
    login = client.post("/login")
    assert login.json() == {"ok": True}
    assert login.cookies["session"] == "abc123"
    assert login.headers["x-logged-in"] == "yes"


# --8<-- [end:test]
