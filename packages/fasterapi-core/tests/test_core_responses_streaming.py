"""StreamingResponse, FileResponse and EventSourceResponse over raw ASGI and httpx."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from fasterapi_core import (
    EventSourceResponse,
    Faster,
    FileResponse,
    ServerSentEvent,
    StreamingResponse,
)


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


class Recorder:
    """A raw ASGI exchange: ``receive`` yields the request, then waits for ``disconnect`` to be set."""

    def __init__(self, headers: list[tuple[bytes, bytes]] | None = None, method: str = "GET") -> None:
        self.messages: list[dict[str, Any]] = []
        self.disconnect = anyio.Event()
        self.body_sent = False
        self.scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": "/",
            "raw_path": b"/",
            "root_path": "",
            "query_string": b"",
            "headers": headers or [],
            "client": ("127.0.0.1", 1),
            "server": ("test", 80),
        }

    async def receive(self) -> dict[str, Any]:
        if not self.body_sent:
            self.body_sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self.disconnect.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        return int(self.messages[0]["status"])

    @property
    def headers(self) -> dict[bytes, bytes]:
        return dict(self.messages[0]["headers"])

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.messages[1:])


async def test_streaming_async_sync_and_str_chunks() -> None:
    app = Faster()

    async def agen() -> AsyncIterator[str]:
        yield "é"
        yield "b"

    def gen() -> Iterator[bytes]:
        yield b"1"
        yield b"2"

    @app.get("/async")
    async def a() -> StreamingResponse:
        return StreamingResponse(agen(), media_type="text/plain")

    @app.get("/sync")
    async def s() -> StreamingResponse:
        return StreamingResponse(gen())

    async with client(app) as c:
        r = await c.get("/async")
        assert r.text == "éb"
        assert r.headers["content-type"] == "text/plain; charset=utf-8"
        assert "content-length" not in r.headers
        assert (await c.get("/sync")).content == b"12"


def test_streaming_rejects_non_iterables() -> None:
    with pytest.raises(TypeError, match="iterable"):
        StreamingResponse(b"bytes are not a stream")


async def test_streaming_stops_when_client_disconnects() -> None:
    produced: list[int] = []
    closed = anyio.Event()

    async def endless() -> AsyncIterator[bytes]:
        try:
            n = 0
            while True:
                produced.append(n)
                yield str(n).encode()
                n += 1
                await anyio.sleep(0.001)
        finally:
            closed.set()

    recorder = Recorder()
    response = StreamingResponse(endless())
    with anyio.fail_after(5):
        async with anyio.create_task_group() as group:
            group.start_soon(response, recorder.scope, recorder.receive, recorder.send)
            while len(produced) < 3:
                await anyio.sleep(0.001)
            recorder.disconnect.set()
        await closed.wait()
    assert recorder.status == 200
    assert not any(m.get("more_body") is False for m in recorder.messages[1:])


async def test_error_mid_stream_is_not_answered_twice(caplog: pytest.LogCaptureFixture) -> None:
    app = Faster()

    async def broken() -> AsyncIterator[bytes]:
        yield b"first"
        raise ValueError("boom in stream")

    @app.get("/")
    async def index() -> StreamingResponse:
        return StreamingResponse(broken())

    recorder = Recorder()
    with anyio.fail_after(5), pytest.raises(ValueError, match="boom in stream"):
        await app(recorder.scope, recorder.receive, recorder.send)
    starts = [m for m in recorder.messages if m["type"] == "http.response.start"]
    assert len(starts) == 1
    assert "boom in stream" not in caplog.text  # raised to the server, which logs it once


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "data.txt"
    path.write_bytes(b"0123456789" * 10_000)
    return path


async def test_file_response_headers_and_chunks(sample: Path) -> None:
    recorder = Recorder()
    response = FileResponse(sample, filename="report.txt")
    response.chunk_size = 4096
    await response(recorder.scope, recorder.receive, recorder.send)
    headers = recorder.headers
    assert recorder.status == 200
    assert headers[b"content-length"] == b"100000"
    assert headers[b"content-type"] == b"text/plain; charset=utf-8"
    assert headers[b"content-disposition"] == b'attachment; filename="report.txt"'
    assert headers[b"accept-ranges"] == b"bytes"
    assert headers[b"etag"].startswith(b'"')
    assert b"GMT" in headers[b"last-modified"]
    assert recorder.body == sample.read_bytes()
    assert len(recorder.messages) > 3  # streamed in chunks, not one buffer


async def test_file_response_non_ascii_filename_and_inline(sample: Path) -> None:
    response = FileResponse(sample, filename="résumé.txt", content_disposition_type="inline")
    assert response.headers["content-disposition"] == "inline; filename*=utf-8''r%C3%A9sum%C3%A9.txt"


async def test_file_response_anchor_positional_filename(sample: Path) -> None:
    response = FileResponse(sample, "named.txt")  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.filename == "named.txt"


@pytest.mark.parametrize(
    ("header", "status", "content_range", "body"),
    [
        ("bytes=0-4", 206, b"bytes 0-4/100000", b"01234"),
        ("bytes=99998-", 206, b"bytes 99998-99999/100000", b"89"),
        ("bytes=-3", 206, b"bytes 99997-99999/100000", b"789"),
        ("bytes=10-999999999", 206, b"bytes 10-99999/100000", None),
        ("bytes=100000-", 416, b"bytes */100000", b""),
        ("bytes=0-4, 3-9", 206, b"bytes 0-9/100000", b"0123456789"),  # overlapping ranges merge
        ("items=0-1", 400, None, b"Only support bytes range"),
        ("bytes=abc", 400, None, b"Range header: range must be requested"),
        ("bytes=5-2", 400, None, b"Range header: start must be less than end"),
        ("bytes 0-1", 400, None, b"Malformed range header."),
        ("bytes=" + ",".join(["0-1"] * 101), 200, None, None),  # more than 100 ranges: the whole file
    ],
)
async def test_file_response_ranges(
    sample: Path, header: str, status: int, content_range: bytes | None, body: bytes | None
) -> None:
    recorder = Recorder([(b"range", header.encode())])
    await FileResponse(sample)(recorder.scope, recorder.receive, recorder.send)
    assert recorder.status == status
    assert recorder.headers.get(b"content-range") == content_range
    if body is not None:
        assert recorder.body == body
    assert int(recorder.headers[b"content-length"]) == len(recorder.body)


async def test_file_response_several_ranges_are_multipart_byteranges(sample: Path) -> None:
    recorder = Recorder([(b"range", b"bytes=20-22, 0-1")])
    await FileResponse(sample, media_type="text/plain")(recorder.scope, recorder.receive, recorder.send)
    assert recorder.status == 206
    content_type = recorder.headers[b"content-type"].decode()
    assert content_type.startswith("multipart/byteranges; boundary=")
    boundary = content_type.split("boundary=")[1]
    assert recorder.body.decode().split("\r\n") == [
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Range: bytes 0-1/100000",
        "",
        "01",
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Range: bytes 20-22/100000",
        "",
        "012",
        f"--{boundary}--",
    ]
    assert int(recorder.headers[b"content-length"]) == len(recorder.body)


async def test_file_response_head_with_several_ranges_sends_headers_only(sample: Path) -> None:
    recorder = Recorder([(b"range", b"bytes=0-1, 5-6")], method="HEAD")
    await FileResponse(sample)(recorder.scope, recorder.receive, recorder.send)
    assert recorder.status == 206
    assert recorder.body == b""
    assert int(recorder.headers[b"content-length"]) > 4


async def test_file_response_ranges_only_for_get_and_head(sample: Path) -> None:
    recorder = Recorder([(b"range", b"bytes=0-1")], method="POST")
    await FileResponse(sample)(recorder.scope, recorder.receive, recorder.send)
    assert recorder.status == 200
    assert len(recorder.body) == 100_000


async def test_file_response_if_range_mismatch_sends_whole_file(sample: Path) -> None:
    recorder = Recorder([(b"range", b"bytes=0-1"), (b"if-range", b'"stale"')])
    await FileResponse(sample)(recorder.scope, recorder.receive, recorder.send)
    assert recorder.status == 200
    assert len(recorder.body) == 100_000


async def test_file_response_head_sends_no_body(sample: Path) -> None:
    recorder = Recorder(method="HEAD")
    await FileResponse(sample)(recorder.scope, recorder.receive, recorder.send)
    assert recorder.headers[b"content-length"] == b"100000"
    assert recorder.body == b""


async def test_missing_file_fails_before_any_byte(tmp_path: Path) -> None:
    app = Faster(reraise_server_errors=False)
    missing = tmp_path / "nope.bin"

    @app.get("/file")
    async def file() -> FileResponse:
        return FileResponse(missing)

    recorder = Recorder()
    response = FileResponse(missing)
    with pytest.raises(RuntimeError, match=str(missing).replace("\\", "\\\\")):
        await response(recorder.scope, recorder.receive, recorder.send)
    assert recorder.messages == []
    async with client(app) as c:
        r = await c.get("/file")
    assert r.status_code == 500
    assert r.text == "Internal Server Error"


async def test_file_response_uses_given_stat_result(sample: Path) -> None:
    st = os.stat(sample)
    recorder = Recorder()
    await FileResponse(sample, stat_result=st, media_type="application/x-test")(
        recorder.scope, recorder.receive, recorder.send
    )
    assert recorder.headers[b"content-type"] == b"application/x-test"


async def test_sse_framing_of_every_item_kind() -> None:
    async def events() -> AsyncIterator[Any]:
        yield "plain"
        yield "two\nlines"
        yield {"data": {"n": 1}, "event": "update", "id": 7, "retry": 1500}
        yield {"comment": "just a comment"}
        yield {"data": [1, 2]}
        yield ServerSentEvent(42, event="answer")

    recorder = Recorder()
    await EventSourceResponse(events())(recorder.scope, recorder.receive, recorder.send)
    assert recorder.headers[b"content-type"] == b"text/event-stream; charset=utf-8"
    assert recorder.headers[b"cache-control"] == b"no-cache"
    assert recorder.body.decode() == (
        "data: plain\n\n"
        "data: two\ndata: lines\n\n"
        'id: 7\nevent: update\ndata: {"n":1}\nretry: 1500\n\n'
        ": just a comment\n\n"
        "data: [1,2]\n\n"
        "event: answer\ndata: 42\n\n"
    )


async def test_sse_rejects_unknown_fields_and_newline_ids() -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="unknown SSE field"):
        await EventSourceResponse(iter([{"bogus": 1}]))(recorder.scope, recorder.receive, recorder.send)
    with pytest.raises(ValueError, match="newlines"):
        ServerSentEvent("x", id="a\nb").encode()


async def test_sse_pings_while_idle_and_stops_on_disconnect() -> None:
    finished = anyio.Event()

    async def slow() -> AsyncIterator[dict[str, Any]]:
        try:
            yield {"data": "hello"}
            await anyio.sleep(60)
            yield {"data": "never"}
        finally:
            finished.set()

    recorder = Recorder()
    response = EventSourceResponse(slow(), ping_interval=0.01)
    with anyio.fail_after(5):
        async with anyio.create_task_group() as group:
            group.start_soon(response, recorder.scope, recorder.receive, recorder.send)
            while recorder.body.count(b": ping\n\n") < 2:
                await anyio.sleep(0.005)
            recorder.disconnect.set()
        await finished.wait()
    assert recorder.body.startswith(b"data: hello\n\n")
    assert b"never" not in recorder.body


def test_sse_ping_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="ping_interval"):
        EventSourceResponse(iter(()), ping_interval=0)


class GoneAfter(Recorder):
    """A server that raises OSError on send once the client left (ASGI spec 2.4 behaviour)."""

    def __init__(self, messages_before_gone: int) -> None:
        super().__init__()
        self.allowed = messages_before_gone

    async def send(self, message: dict[str, Any]) -> None:
        if len(self.messages) >= self.allowed:
            raise OSError("client disconnected")
        self.messages.append(message)


async def test_send_failing_with_oserror_ends_streams_quietly(sample: Path) -> None:
    closed: list[str] = []

    async def endless(name: str) -> AsyncIterator[Any]:
        try:
            while True:
                yield {"data": name} if name == "sse" else name
                await anyio.sleep(0)
        finally:
            closed.append(name)

    ran: list[str] = []
    from fasterapi_core import BackgroundTask

    with anyio.fail_after(5):
        recorder = GoneAfter(3)
        response = StreamingResponse(endless("stream"), background=BackgroundTask(ran.append, "stream"))
        await response(recorder.scope, recorder.receive, recorder.send)
        recorder = GoneAfter(3)
        await EventSourceResponse(endless("sse"))(recorder.scope, recorder.receive, recorder.send)
        recorder = GoneAfter(2)
        file_response = FileResponse(sample)
        file_response.chunk_size = 1000
        await file_response(recorder.scope, recorder.receive, recorder.send)
    assert closed == ["stream", "sse"]
    assert ran == ["stream"]
    assert len(recorder.messages) == 2
