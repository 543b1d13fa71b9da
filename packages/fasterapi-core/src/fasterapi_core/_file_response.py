"""``FileResponse``: a file streamed from disk in chunks, with validators and single byte ranges."""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import os
import stat
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import anyio
import anyio.to_thread

from ._response import Response, mark_response_started
from ._streaming import ClientGone, reporting_client_gone
from .background import BackgroundTask, run_background

__all__ = ["FileResponse"]

CHUNK_SIZE = 64 * 1024


def _parse_single_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """``(start, end_inclusive)`` for one satisfiable range, ``False`` if unsatisfiable, ``None`` to ignore."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None  # other units and multi-range requests: serve the whole file (allowed by RFC 9110)
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            suffix = int(last)
            if suffix <= 0:
                return False
            return (max(size - suffix, 0), size - 1) if size else False
        start = int(first)
        end = int(last) if last != "" else size - 1
    except ValueError:
        return None
    if start < 0:
        return None
    if start >= size:
        return False
    if end < start:
        return None
    return start, min(end, size - 1)


class FileResponse(Response):
    """Send the file at ``path``; a missing file raises before anything is sent.

    Sets Content-Length, Last-Modified, ETag and Accept-Ranges; answers a single ``Range`` with 206
    (or 416 when it cannot be satisfied); HEAD sends the headers only.
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

    def _range_for(self, scope: Any, size: int) -> tuple[int, int] | bool | None:
        if self.status_code != 200:
            return None
        range_header = if_range = None
        for key, value in scope.get("headers", ()):
            if key == b"range":
                range_header = value.decode("latin-1")
            elif key == b"if-range":
                if_range = value.decode("latin-1")
        if range_header is None:
            return None
        if if_range is not None:
            headers = dict(self.raw_headers)
            if if_range not in (
                headers.get(b"etag", b"").decode("latin-1"),
                headers.get(b"last-modified", b"").decode("latin-1"),
            ):
                return None
        return _parse_single_range(range_header, size)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        st = await self._load_stat()
        self._stat_headers(st)
        size = st.st_size
        start, end = 0, size - 1
        status = self.status_code
        headers = self.raw_headers
        wanted = self._range_for(scope, size)
        if wanted is False:
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            headers.append((b"content-range", f"bytes */{size}".encode("latin-1")))
            headers.append((b"content-length", b"0"))
            await send({"type": "http.response.start", "status": 416, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if isinstance(wanted, tuple):
            start, end = wanted
            status = 206
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            headers.append((b"content-range", f"bytes {start}-{end}/{size}".encode("latin-1")))
            headers.append((b"content-length", str(end - start + 1).encode("latin-1")))
        send_body = scope.get("method") != "HEAD"
        file = await anyio.open_file(self.path, "rb") if send_body else None
        await send({"type": "http.response.start", "status": status, "headers": headers})
        send = reporting_client_gone(send)
        try:
            if file is None:
                await send({"type": "http.response.body", "body": b""})
            else:
                async with file:
                    if start:
                        await file.seek(start)
                    remaining = end - start + 1
                    more = remaining > 0
                    if not more:
                        await send({"type": "http.response.body", "body": b""})
                    while more:
                        chunk = await file.read(min(self.chunk_size, remaining))
                        remaining -= len(chunk)
                        more = remaining > 0 and bool(chunk)
                        await send({"type": "http.response.body", "body": chunk, "more_body": more})
        except ClientGone:
            pass  # the client left mid-file: nothing more to do
        except BaseException as exc:
            mark_response_started(exc)
            raise
        if self.background is not None:
            await run_background(self.background)
