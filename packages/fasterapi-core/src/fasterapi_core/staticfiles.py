"""``StaticFiles``: an ASGI app serving files from directories, for ``app.mount("/static", StaticFiles(...))``.

Requested paths never leave the served directories: ``..``, NUL bytes and backslashes find nothing,
and the final real path must lie inside a served directory (symlinks pointing outside are refused
unless ``follow_symlink=True``). Every refusal is a plain 404. Supports GET/HEAD, ETag/Last-Modified
with 304s, byte ranges, and ``html=True`` (``index.html``, ``404.html`` and the trailing-slash
redirect for directories).

The steps carry Starlette's names (``get_path``, ``get_response``, ``lookup_path``,
``file_response``), so the subclasses people write for Starlette work here (a single-page app's
``index.html`` fallback). Inside a FasterAPI app a missing file or a wrong method is raised as
``HTTPException`` for the app's handlers to answer, as in FastAPI; on its own the app answers it.
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
from .exceptions import HTTPException
from .responses import JSONResponse, Response
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
        self.all_directories = self.get_directories(directory, packages)
        if check_dir and directory is not None and not os.path.isdir(directory):
            raise RuntimeError(f"StaticFiles directory '{directory}' does not exist")

    def get_directories(
        self,
        directory: str | os.PathLike[str] | None = None,
        packages: Sequence[str | tuple[str, str]] | None = None,
    ) -> list[str]:
        """The folders served, in lookup order: ``directory``, then each package's ``statics`` folder."""
        directories: list[str] = []
        if directory is not None:
            directories.append(os.fspath(directory))
        for package in packages or []:
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
        try:
            response = await self.get_response(self.get_path(scope), scope)
        except HTTPException as exc:
            if _answered_by_app(scope):
                raise  # the app's handlers answer it: a custom 404 handler sees missing files too
            response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        await response(scope, receive, send)

    # -- the steps, each one a place for subclasses to change (Starlette's names) ------------------

    def get_path(self, scope: Scope) -> str:
        """The requested path relative to the served folders (``"."`` for the mount's root)."""
        return os.path.normpath(os.path.join(*_route_path(scope).split("/")))

    async def get_response(self, path: str, scope: Scope) -> Response:
        """The response for ``path``; a missing file raises ``HTTPException(404)``, a wrong method 405.

        Override it to change what is served, e.g. ``index.html`` for every unknown path of a
        single-page app (catch the 404 and call ``super().get_response("index.html", scope)``).
        """
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, headers={"Allow": "GET, HEAD"})
        full_path, stat_result = await anyio.to_thread.run_sync(self.lookup_path, path)
        if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
            return self.file_response(full_path, stat_result, scope)
        if stat_result is not None and stat.S_ISDIR(stat_result.st_mode) and self.html:
            full_path, stat_result = await anyio.to_thread.run_sync(self.lookup_path, os.path.join(path, "index.html"))
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                if path != "." and not scope["path"].endswith("/"):
                    return _redirect_to_slash(scope)
                return self.file_response(full_path, stat_result, scope)
        if self.html:
            full_path, stat_result = await anyio.to_thread.run_sync(self.lookup_path, "404.html")
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                return self.file_response(full_path, stat_result, scope, status_code=404)
        raise HTTPException(404)

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        """The first served folder's file at ``path`` and its ``stat``; ``("", None)`` when there is none.

        Runs in a worker thread. A path that would leave the served folder (``..``, symlinks pointing
        outside unless ``follow_symlink=True``, NUL bytes, backslashes) finds nothing.
        """
        if "\x00" in path or "\\" in path:
            return "", None
        for directory in self.all_directories:
            root = os.path.realpath(directory)
            joined = os.path.join(root, path)
            full_path = os.path.abspath(joined) if self.follow_symlink else os.path.realpath(joined)
            if full_path != root and not full_path.startswith(root.rstrip(os.sep) + os.sep):
                continue
            try:
                return full_path, os.stat(full_path)
            except (OSError, ValueError):
                continue
        return "", None

    def file_response(
        self, full_path: str, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        """The file with its caching headers, or a bodiless 304 when the client's copy is current."""
        headers = _file_headers(full_path, stat_result)
        header_map = dict(headers)
        if status_code == 200 and _not_modified(_request_headers(scope), header_map, stat_result):
            not_modified = Response(status_code=304)
            not_modified.raw_headers = [(k, v) for k, v in headers if k in NotModifiedHeaders]
            return not_modified
        # Everything else (Content-Length, byte ranges, multipart ranges, HEAD) is FileResponse's job.
        media_type = header_map[b"content-type"].decode("latin-1")
        extra = {key.decode("latin-1"): value.decode("latin-1") for key, value in headers if key != b"content-type"}
        return FileResponse(
            full_path, status_code=status_code, headers=extra, media_type=media_type, stat_result=stat_result
        )

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


def _answered_by_app(scope: Scope) -> bool:
    """Whether a FasterAPI app is serving this request (its exception handlers answer our errors)."""
    from .applications import Faster  # imported late: this module stays usable without the app

    return isinstance(scope.get("app"), Faster)


def _redirect_to_slash(scope: Scope) -> Response:
    """A 307 to the same path with a trailing slash (a folder's ``index.html`` resolves relative links)."""
    path = scope.get("raw_path")
    text = path.decode("latin-1") if isinstance(path, bytes) else scope["path"]
    location = text.split("?", 1)[0] + "/"
    query = scope.get("query_string", b"")
    if query:
        location += "?" + query.decode("latin-1")
    redirect = Response(status_code=307)
    redirect.raw_headers = [(b"location", location.encode("latin-1")), (b"content-length", b"0")]
    return redirect


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
