"""``FileResponse``: a file streamed from disk in chunks, with validators and byte ranges (one or several)."""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import os
import secrets
import stat
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import anyio
import anyio.to_thread

from ._ranges import MalformedRange, UnsatisfiableRange, parse_range_header
from ._response import Response, mark_response_started
from ._streaming import ClientGone, reporting_client_gone
from .background import BackgroundTask, run_background
from .types import Receive, Scope, Send

__all__ = ["FileResponse"]

CHUNK_SIZE = 64 * 1024


class FileResponse(Response):
    """Send the file at ``path``; a missing file raises before anything is sent.

    Sets Content-Length, Last-Modified, ETag and Accept-Ranges; answers ``Range`` with 206 (one
    range, or several as ``multipart/byteranges``), 416 when it starts past the end, 400 when it
    cannot be parsed, as Starlette does; HEAD sends the headers only.
    """

    chunk_size = CHUNK_SIZE

    def __init__(
        self,
        path: str | os.PathLike[str],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
        filename: str | None = None,
        stat_result: os.stat_result | None = None,
        method: str | None = None,
        content_disposition_type: str = "attachment",
    ) -> None:
        if isinstance(status_code, str):  # type: ignore[unreachable]
            # faster-api-web's FileResponse(path, filename, ...) positional order.
            filename, status_code = status_code, 200  # type: ignore[unreachable]
        self.path = path
        self.status_code = status_code
        self.filename = filename
        self.background = background
        self.stat_result = stat_result
        if media_type is None:
            media_type = mimetypes.guess_type(filename or str(path))[0] or "application/octet-stream"
        self.media_type = media_type
        self.raw_headers = self.init_headers(headers)
        if filename is not None:
            quoted = quote(filename)
            if quoted != filename:
                disposition = f"{content_disposition_type}; filename*=utf-8''{quoted}"
            else:
                disposition = f'{content_disposition_type}; filename="{filename}"'
            self.raw_headers.append((b"content-disposition", disposition.encode("latin-1")))

    def _stat_headers(self, st: os.stat_result) -> None:
        names = {k for k, _ in self.raw_headers}
        etag = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False).hexdigest()
        extra = (
            (b"content-length", str(st.st_size).encode("latin-1")),
            (b"last-modified", email.utils.formatdate(st.st_mtime, usegmt=True).encode("latin-1")),
            (b"etag", f'"{etag}"'.encode("latin-1")),
            (b"accept-ranges", b"bytes"),
        )
        for name, value in extra:
            if name not in names:
                self.raw_headers.append((name, value))

    async def _load_stat(self) -> os.stat_result:
        if self.stat_result is not None:
            return self.stat_result
        try:
            st = await anyio.to_thread.run_sync(os.stat, self.path)
        except FileNotFoundError:
            raise RuntimeError(f"File at path {os.fspath(self.path)!s} does not exist.") from None
        if not stat.S_ISREG(st.st_mode):
            raise RuntimeError(f"File at path {os.fspath(self.path)!s} is not a file.")
        self.stat_result = st
        return st

    def _ranges_for(self, scope: Scope, size: int) -> list[tuple[int, int]]:
        """The byte ranges to send (``[]``: the whole file); raises for a bad ``Range`` header."""
        if self.status_code != 200 or scope.get("method", "GET") not in ("GET", "HEAD"):
            return []
        range_header = if_range = None
        for key, value in scope.get("headers", ()):
            if key == b"range":
                range_header = value.decode("latin-1")
            elif key == b"if-range":
                if_range = value.decode("latin-1")
        if range_header is None:
            return []
        if if_range is not None:
            headers = dict(self.raw_headers)
            validators = (
                headers.get(b"etag", b"").decode("latin-1"),
                headers.get(b"last-modified", b"").decode("latin-1"),
            )
            if if_range.startswith("W/") or if_range not in validators:
                return []
        return parse_range_header(range_header, size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        st = await self._load_stat()
        self._stat_headers(st)
        size = st.st_size
        try:
            ranges = self._ranges_for(scope, size)
        except MalformedRange as exc:
            await _send_plain(send, 400, exc.message.encode("utf-8"), [])
            return
        except UnsatisfiableRange:
            await _send_plain(send, 416, b"", [(b"content-range", f"bytes */{size}".encode("latin-1"))])
            return
        send_body = scope.get("method") != "HEAD"
        headers = self.raw_headers
        status = self.status_code
        if len(ranges) == 1:
            start, end = ranges[0]
            status = 206
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            headers.append((b"content-range", f"bytes {start}-{end - 1}/{size}".encode("latin-1")))
            headers.append((b"content-length", str(end - start).encode("latin-1")))
            parts: list[tuple[bytes, int, int]] = [(b"", start, end)]
            closing = b""
        elif ranges:
            status = 206
            boundary = secrets.token_hex(13)
            content_type = dict(headers).get(b"content-type", b"application/octet-stream").decode("latin-1")
            parts = [(_part_header(boundary, content_type, start, end, size), start, end) for start, end in ranges]
            closing = f"--{boundary}--".encode("latin-1")
            length = sum(len(head) + (end - start) + 2 for head, start, end in parts) + len(closing)
            headers = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type")]
            headers.append((b"content-type", f"multipart/byteranges; boundary={boundary}".encode("latin-1")))
            headers.append((b"content-length", str(length).encode("latin-1")))
        else:
            parts = [(b"", 0, size)]
            closing = b""
        file = await anyio.open_file(self.path, "rb") if send_body else None
        await send({"type": "http.response.start", "status": status, "headers": headers})
        send = reporting_client_gone(send)
        try:
            if file is None:
                await send({"type": "http.response.body", "body": b""})
            else:
                async with file:
                    await self._send_parts(file, parts, closing, send)
        except ClientGone:
            pass  # the client left mid-file: nothing more to do
        except BaseException as exc:
            mark_response_started(exc)
            raise
        if self.background is not None:
            await run_background(self.background)

    async def _send_parts(self, file: Any, parts: list[tuple[bytes, int, int]], closing: bytes, send: Send) -> None:
        """Each ``(part header, start, end)`` in chunks; a multipart body puts CRLF after each part."""
        multipart = bool(closing)
        for head, start, end in parts:
            if head:
                await send({"type": "http.response.body", "body": head, "more_body": True})
            if start:
                await file.seek(start)
            remaining = end - start
            while remaining > 0:
                chunk = await file.read(min(self.chunk_size, remaining))
                if not chunk:
                    break  # the file shrank since it was measured: end the body early
                remaining -= len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            if multipart:
                await send({"type": "http.response.body", "body": b"\r\n", "more_body": True})
        await send({"type": "http.response.body", "body": closing, "more_body": False})


def _part_header(boundary: str, content_type: str, start: int, end: int, size: int) -> bytes:
    lines = f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: bytes {start}-{end - 1}/{size}\r\n\r\n"
    return lines.encode("latin-1")


async def _send_plain(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode("latin-1")),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
