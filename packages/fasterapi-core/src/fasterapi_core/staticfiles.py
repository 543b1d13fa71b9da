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
import stat
from collections.abc import Sequence

import anyio
import anyio.to_thread

from ._file_response import FileResponse
from .types import Receive, Scope, Send

__all__ = ["NotModifiedHeaders", "StaticFiles"]

#: Headers a 304 keeps from the full response (RFC 9110 section 15.4.5).
NotModifiedHeaders = frozenset({b"cache-control", b"content-location", b"date", b"etag", b"expires", b"vary"})


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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
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

    async def _redirect_to_slash(self, scope: Scope, send: Send) -> None:
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


def _route_path(scope: Scope) -> str:
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


async def _not_found(send: Send) -> None:
    await _send_simple(send, 404, b'{"detail":"Not Found"}', [])


async def _send_simple(
    send: Send,
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


def _request_headers(scope: Scope) -> dict[bytes, bytes]:
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


async def _send_file(
    scope: Scope, receive: Receive, send: Send, full_path: str, st: os.stat_result, status: int
) -> None:
    headers = _file_headers(full_path, st)
    header_map = dict(headers)
    request = _request_headers(scope)
    if status == 200 and _not_modified(request, header_map, st):
        kept = [(k, v) for k, v in headers if k in NotModifiedHeaders]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    # Everything else (Content-Length, byte ranges, multipart ranges, HEAD) is FileResponse's job.
    media_type = header_map[b"content-type"].decode("latin-1")
    extra = {key.decode("latin-1"): value.decode("latin-1") for key, value in headers if key != b"content-type"}
    response = FileResponse(full_path, status_code=status, headers=extra, media_type=media_type, stat_result=st)
    await response(scope, receive, send)
