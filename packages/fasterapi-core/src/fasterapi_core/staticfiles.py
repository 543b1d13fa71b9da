"""``StaticFiles``: an ASGI app serving files from directories, for ``app.mount("/static", StaticFiles(...))``.

Requested paths are split into segments and checked before the file system is touched: ``..``,
NUL bytes and absolute paths never resolve, and the final real path must lie inside a served
directory (symlinks pointing outside are refused unless ``follow_symlink=True``). Every refusal is
a plain 404. Supports GET/HEAD, ETag/Last-Modified with 304s, byte ranges, and ``html=True``
(``index.html``, ``404.html`` and the trailing-slash redirect for directories).
"""

from __future__ import annotations

import email.utils
import hashlib
import importlib.util
import mimetypes
import os
import secrets
import stat
from collections.abc import Sequence
from typing import Any

import anyio
import anyio.to_thread

__all__ = ["NotModifiedHeaders", "StaticFiles"]

_CHUNK_SIZE = 64 * 1024
#: Headers a 304 keeps from the full response (RFC 9110 section 15.4.5).
NotModifiedHeaders = frozenset({b"cache-control", b"content-location", b"date", b"etag", b"expires", b"vary"})


class _RangeError(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class StaticFiles:
    """Serve the files under ``directory`` (and/or the ``statics`` folder of ``packages``)."""

    def __init__(
        self,
        *,
        directory: str | os.PathLike[str] | None = None,
        packages: Sequence[str | tuple[str, str]] | None = None,
        html: bool = False,
        check_dir: bool = True,
        follow_symlink: bool = False,
    ) -> None:
        self.directory = directory
        self.packages = packages
        self.html = html
        self.follow_symlink = follow_symlink
        self.all_directories = self._directories(directory, packages)
        if check_dir and directory is not None and not os.path.isdir(directory):
            raise RuntimeError(f"StaticFiles directory '{directory}' does not exist")

    @staticmethod
    def _directories(
        directory: str | os.PathLike[str] | None, packages: Sequence[str | tuple[str, str]] | None
    ) -> list[str]:
        directories: list[str] = []
        if directory is not None:
            directories.append(os.fspath(directory))
        for package in packages or ():
            name, folder = (package, "statics") if isinstance(package, str) else package
            spec = importlib.util.find_spec(name)
            if spec is None or spec.origin is None:
                raise RuntimeError(f"StaticFiles: package {name!r} could not be found")
            path = os.path.join(os.path.dirname(spec.origin), folder)
            if not os.path.isdir(path):
                raise RuntimeError(f"StaticFiles: directory '{folder}' in package {name!r} could not be found")
            directories.append(path)
        return directories

    # -- ASGI -------------------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1000, "reason": ""})
            return
        if scope["type"] != "http":
            return
        method = scope.get("method", "GET")
        if method not in ("GET", "HEAD"):
            await _send_simple(send, 405, b'{"detail":"Method Not Allowed"}', [(b"allow", b"GET, HEAD")])
            return
        segments = _safe_segments(_route_path(scope))
        if segments is None:
            await _not_found(send)
            return
        trailing_slash = _route_path(scope).endswith("/")
        found = await anyio.to_thread.run_sync(self._lookup, segments, trailing_slash)
        if found is None:
            await _not_found(send)
            return
        kind, full_path, stat_result = found
        if kind == "redirect":
            await self._redirect_to_slash(scope, send)
            return
        status = 404 if kind == "not_found_page" else 200
        await _send_file(scope, receive, send, full_path, stat_result, status)

    # -- lookup (runs in a worker thread) ---------------------------------------------------------

    def _lookup(self, segments: list[str], trailing_slash: bool) -> tuple[str, str, os.stat_result] | None:
        is_dir_request = not segments
        file = self._find(segments)
        if file is not None:
            full_path, st = file
            if stat.S_ISREG(st.st_mode):
                return "file", full_path, st
            if stat.S_ISDIR(st.st_mode) and self.html:
                index = self._find([*segments, "index.html"])
                if index is not None and stat.S_ISREG(index[1].st_mode):
                    if not is_dir_request and not trailing_slash:
                        return "redirect", "", index[1]
                    return "file", index[0], index[1]
        if self.html:
            page = self._find(["404.html"])
            if page is not None and stat.S_ISREG(page[1].st_mode):
                return "not_found_page", page[0], page[1]
        return None

    def _find(self, segments: list[str]) -> tuple[str, os.stat_result] | None:
        for directory in self.all_directories:
            root = os.path.realpath(directory)
            joined = os.path.join(root, *segments)
            full_path = os.path.abspath(joined) if self.follow_symlink else os.path.realpath(joined)
            if full_path != root and not full_path.startswith(root.rstrip(os.sep) + os.sep):
                continue
            try:
                return full_path, os.stat(full_path)
            except (FileNotFoundError, NotADirectoryError, PermissionError, OSError):
                continue
        return None

    async def _redirect_to_slash(self, scope: dict[str, Any], send: Any) -> None:
        path = scope.get("raw_path")
        text = path.decode("latin-1") if isinstance(path, bytes) else scope["path"]
        location = text.split("?", 1)[0] + "/"
        query = scope.get("query_string", b"")
        if query:
            location += "?" + query.decode("latin-1")
        await _send_simple(send, 307, b"", [(b"location", location.encode("latin-1"))], content_type=None)

    async def check_config(self) -> None:
        """Raise if ``directory`` is not a directory (Starlette's hook; called lazily there)."""
        if self.directory is None:
            return
        if not await anyio.to_thread.run_sync(os.path.isdir, self.directory):
            raise RuntimeError(f"StaticFiles directory '{self.directory}' does not exist")


def _route_path(scope: dict[str, Any]) -> str:
    path: str = scope.get("path", "/")
    root_path: str = scope.get("root_path", "")
    if root_path and path.startswith(root_path):
        path = path[len(root_path) :]
    return path


def _safe_segments(path: str) -> list[str] | None:
    """The path's segments, or ``None`` for anything that could escape the served directory."""
    if "\x00" in path or "\\" in path:
        return None
    segments = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == ".." or (os.name == "nt" and ":" in segment):
            return None
        segments.append(segment)
    return segments


# -- responses ---------------------------------------------------------------------------------


async def _not_found(send: Any) -> None:
    await _send_simple(send, 404, b'{"detail":"Not Found"}', [])


async def _send_simple(
    send: Any,
    status: int,
    body: bytes,
    headers: list[tuple[bytes, bytes]],
    content_type: bytes | None = b"application/json",
) -> None:
    raw = [*headers, (b"content-length", str(len(body)).encode())]
    if content_type is not None and body:
        raw.append((b"content-type", content_type))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _file_headers(full_path: str, st: os.stat_result) -> list[tuple[bytes, bytes]]:
    media_type, encoding = mimetypes.guess_type(full_path)
    media_type = media_type or "application/octet-stream"
    if media_type.startswith("text/") or media_type in ("application/javascript", "image/svg+xml"):
        media_type += "; charset=utf-8"
    etag_base = f"{st.st_mtime}-{st.st_size}".encode()
    etag = '"' + hashlib.md5(etag_base, usedforsecurity=False).hexdigest() + '"'
    headers = [
        (b"content-type", media_type.encode("latin-1")),
        (b"accept-ranges", b"bytes"),
        (b"last-modified", email.utils.formatdate(st.st_mtime, usegmt=True).encode("latin-1")),
        (b"etag", etag.encode("latin-1")),
    ]
    if encoding:
        headers.append((b"content-encoding", encoding.encode("latin-1")))
    return headers


def _request_headers(scope: dict[str, Any]) -> dict[bytes, bytes]:
    return {key.lower(): value for key, value in scope.get("headers", ())}


def _etag_matches(header: bytes, etag: bytes) -> bool:
    bare = etag.strip(b'"')
    for tag in header.split(b","):
        tag = tag.strip()
        if tag == b"*":
            return True
        if tag.startswith(b"W/"):
            tag = tag[2:]
        if tag.strip(b'"') == bare:
            return True
    return False


def _not_modified(request: dict[bytes, bytes], headers: dict[bytes, bytes], st: os.stat_result) -> bool:
    if_none_match = request.get(b"if-none-match")
    if if_none_match is not None:
        return _etag_matches(if_none_match, headers[b"etag"])
    if_modified_since = request.get(b"if-modified-since")
    if if_modified_since is not None:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since.decode("latin-1"))
        except (TypeError, ValueError):
            return False
        return int(st.st_mtime) <= since.timestamp()
    return False


def _parse_ranges(header: str, size: int) -> list[tuple[int, int]]:
    """``bytes=0-9,20-`` -> ``[(0, 10), (20, size)]`` (half-open, merged); raises ``_RangeError``."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec.strip():
        raise _RangeError(400)
    ranges: list[tuple[int, int]] = []
    for part in spec.split(","):
        start_text, dash, end_text = part.strip().partition("-")
        if not dash:
            raise _RangeError(400)
        try:
            if start_text == "":
                length = int(end_text)
                if length <= 0:
                    raise _RangeError(416)
                start, end = max(size - length, 0), size
            else:
                start = int(start_text)
                end = int(end_text) + 1 if end_text else size
        except ValueError:
            raise _RangeError(400) from None
        if start < 0 or end <= start:
            raise _RangeError(400 if end_text and start_text and int(end_text) < start else 416)
        if start >= size:
            continue
        ranges.append((start, min(end, size)))
    if not ranges:
        raise _RangeError(416)
    ranges.sort()
    merged = [ranges[0]]
    for start, end in ranges[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


async def _send_file(
    scope: dict[str, Any], receive: Any, send: Any, full_path: str, st: os.stat_result, status: int
) -> None:
    headers = _file_headers(full_path, st)
    header_map = dict(headers)
    request = _request_headers(scope)
    is_head = scope.get("method") == "HEAD"
    if status == 200 and _not_modified(request, header_map, st):
        kept = [(k, v) for k, v in headers if k in NotModifiedHeaders]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    size = st.st_size
    range_header = request.get(b"range")
    if status == 200 and range_header is not None and _if_range_ok(request.get(b"if-range"), header_map):
        try:
            ranges = _parse_ranges(range_header.decode("latin-1"), size)
        except _RangeError as exc:
            if exc.status == 416:
                await _send_simple(send, 416, b"", [(b"content-range", f"bytes */{size}".encode())], content_type=None)
            else:
                await _send_simple(send, 400, b"Malformed range header.", [], content_type=b"text/plain; charset=utf-8")
            return
        await _send_ranges(send, full_path, headers, ranges, size, is_head)
        return
    headers.append((b"content-length", str(size).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    if is_head:
        await send({"type": "http.response.body", "body": b""})
        return
    await _stream(send, full_path, [(0, size)], final=True)


def _if_range_ok(if_range: bytes | None, headers: dict[bytes, bytes]) -> bool:
    if if_range is None:
        return True
    return if_range.strip() in (headers[b"etag"], headers[b"last-modified"])


async def _send_ranges(
    send: Any,
    full_path: str,
    headers: list[tuple[bytes, bytes]],
    ranges: list[tuple[int, int]],
    size: int,
    is_head: bool,
) -> None:
    if len(ranges) == 1:
        start, end = ranges[0]
        out = [*headers, (b"content-range", f"bytes {start}-{end - 1}/{size}".encode())]
        out.append((b"content-length", str(end - start).encode()))
        await send({"type": "http.response.start", "status": 206, "headers": out})
        if is_head:
            await send({"type": "http.response.body", "body": b""})
        else:
            await _stream(send, full_path, ranges, final=True)
        return
    boundary = secrets.token_hex(13)
    content_type = dict(headers)[b"content-type"].decode("latin-1")
    heads = [
        f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: bytes {s}-{e - 1}/{size}\r\n\r\n".encode()
        for s, e in ranges
    ]
    tail = f"--{boundary}--\r\n".encode()
    length = sum(len(h) + (e - s) + 2 for h, (s, e) in zip(heads, ranges, strict=True)) + len(tail)
    out = [(k, v) for k, v in headers if k != b"content-type"]
    out.append((b"content-type", f"multipart/byteranges; boundary={boundary}".encode()))
    out.append((b"content-length", str(length).encode()))
    await send({"type": "http.response.start", "status": 206, "headers": out})
    if is_head:
        await send({"type": "http.response.body", "body": b""})
        return
    for head, byte_range in zip(heads, ranges, strict=True):
        await send({"type": "http.response.body", "body": head, "more_body": True})
        await _stream(send, full_path, [byte_range], final=False)
        await send({"type": "http.response.body", "body": b"\r\n", "more_body": True})
    await send({"type": "http.response.body", "body": tail})


async def _stream(send: Any, full_path: str, ranges: list[tuple[int, int]], *, final: bool) -> None:
    async with await anyio.open_file(full_path, "rb") as file:
        for start, end in ranges:
            await file.seek(start)
            remaining = end - start
            while remaining > 0:
                chunk = await file.read(min(_CHUNK_SIZE, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                more = not final or remaining > 0
                await send({"type": "http.response.body", "body": chunk, "more_body": more})
                if not more:
                    return
    if final:
        await send({"type": "http.response.body", "body": b""})
