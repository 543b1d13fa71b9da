"""Uploaded files and parsed forms: ``UploadFile`` and ``FormData``.

An ``UploadFile`` wraps a ``SpooledTemporaryFile``: small uploads stay in memory, larger ones roll
over to disk. File I/O that may touch the disk runs in a worker thread so the event loop never blocks.
"""

from __future__ import annotations

import tempfile
import typing
from collections.abc import Iterable, Mapping
from typing import IO, Any

import anyio.to_thread

from ._convert import unwrap_optional
from .datastructures import Headers

__all__ = ["DEFAULT_SPOOL_SIZE", "FormData", "UploadFile", "is_upload_annotation", "is_upload_type"]

#: Uploads larger than this many bytes are moved from memory to a temporary file on disk.
DEFAULT_SPOOL_SIZE = 1024 * 1024


class UploadFile:
    """One uploaded file: its name, content type, part headers, size and an async file API.

    Accepts FastAPI/Starlette's ``UploadFile(file, *, size=None, filename=None, headers=None)`` and
    faster-api-web's ``UploadFile(filename, content_type="application/octet-stream", file=None, headers=None)``.
    """

    __slots__ = ("_content_type", "file", "filename", "headers", "size")

    def __init__(
        self,
        file_or_filename: IO[bytes] | str | None = None,
        /,
        content_type: str | None = None,
        file: IO[bytes] | None = None,
        headers: Headers | Mapping[str, str] | None = None,
        *,
        filename: str | None = None,
        size: int | None = None,
    ) -> None:
        if isinstance(file_or_filename, str):
            filename = file_or_filename if filename is None else filename
        elif file_or_filename is not None:
            file = file_or_filename
        if file is None:
            file = tempfile.SpooledTemporaryFile(max_size=DEFAULT_SPOOL_SIZE)  # noqa: SIM115 - closed by close()
        self.file: IO[bytes] = file
        self.filename = filename
        self.size = size
        self.headers = headers if isinstance(headers, Headers) else Headers(dict(headers or {}))
        self._content_type = content_type

    @property
    def content_type(self) -> str | None:
        if self._content_type is not None:
            return self._content_type
        value: str | None = self.headers.get("content-type")
        return value

    @property
    def _in_memory(self) -> bool:
        rolled = getattr(self.file, "_rolled", True)
        return not rolled

    async def write(self, data: bytes) -> int:
        """Append ``data``; returns how many bytes were written (as `faster-api-web` does)."""
        if self.size is not None:
            self.size += len(data)
        if self._in_memory:
            written = self.file.write(data)
        else:
            written = await anyio.to_thread.run_sync(self.file.write, data)
        return len(data) if written is None else int(written)

    async def read(self, size: int = -1) -> bytes:
        if self._in_memory:
            return self.file.read(size)
        return await anyio.to_thread.run_sync(self.file.read, size)

    async def seek(self, offset: int) -> None:
        if self._in_memory:
            self.file.seek(offset)
        else:
            await anyio.to_thread.run_sync(self.file.seek, offset)

    async def close(self) -> None:
        if self.file.closed:
            return
        if self._in_memory:
            self.file.close()
        else:
            await anyio.to_thread.run_sync(self.file.close)

    def __repr__(self) -> str:
        return f"UploadFile(filename={self.filename!r}, size={self.size!r}, content_type={self.content_type!r})"


class FormData(dict[str, Any]):
    """A parsed form: ``form[key]`` is the last value, ``getlist(key)`` every value in order.

    A ``dict`` subclass (as in faster-api-web) whose values are ``str`` or ``UploadFile``.
    ``await form.close()`` closes every uploaded file.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str | UploadFile]] | Mapping[str, Any] = ()) -> None:
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
        super().__init__(pairs)
        self._items: list[tuple[str, Any]] = pairs

    def getlist(self, key: str) -> list[Any]:
        return [value for item_key, value in self._items if item_key == key]

    def multi_items(self) -> list[tuple[str, Any]]:
        return list(self._items)

    async def close(self) -> None:
        for _, value in self._items:
            if isinstance(value, UploadFile):
                await value.close()

    def __repr__(self) -> str:
        return f"FormData({self._items!r})"


def is_upload_type(tp: object) -> bool:
    """True for ``UploadFile`` and its subclasses."""
    return isinstance(tp, type) and issubclass(tp, UploadFile)


def is_upload_annotation(annotation: object) -> bool:
    """True for ``UploadFile``, ``UploadFile | None`` and ``list[UploadFile]`` (read from a form)."""
    base = unwrap_optional(annotation)
    if is_upload_type(base):
        return True
    args = typing.get_args(base)
    return typing.get_origin(base) in (list, tuple, set, frozenset) and bool(args) and is_upload_type(args[0])
