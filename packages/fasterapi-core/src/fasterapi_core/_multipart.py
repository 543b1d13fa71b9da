"""Streaming ``multipart/form-data`` parsing on top of python-multipart (an optional dependency).

The body is fed to the parser chunk by chunk as it arrives; file parts go straight into spooled
temporary files, so a large upload never sits in memory whole. Limits on the number of files,
fields and the size of a non-file part turn abuse into a 400/413 instead of exhausted memory.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator, Sequence
from typing import Any

from .datastructures import Headers
from .exceptions import FasterAPIError, HTTPException
from .uploads import FormData, UploadFile

__all__ = ["load_multipart", "parse_multipart", "require_multipart"]

_INSTALL = "pip install 'fasterapi-core[multipart]' (faster-api-web includes it)"
_INSTALL_HINT = f"multipart/form-data bodies need python-multipart: {_INSTALL}"


def require_multipart(form_params: Sequence[str], route: str) -> None:
    """A File()/Form() route fails when it is declared if python-multipart is missing, not with a 500 per request."""
    if form_params and importlib.util.find_spec("python_multipart") is None:
        raise FasterAPIError(
            f"{route} declares File()/Form() parameters ({', '.join(form_params)}), which need python-multipart "
            f"to read form bodies: {_INSTALL}"
        )


def load_multipart() -> Any:
    """The python-multipart module, or an ImportError that says how to install it."""
    try:
        import python_multipart.multipart as module
    except ImportError:
        raise ImportError(_INSTALL_HINT) from None
    return module


def _options(value: str) -> tuple[str, dict[str, str]]:
    module = load_multipart()
    kind, params = module.parse_options_header(value)
    decoded = {key.decode("latin-1").lower(): raw.decode("utf-8", "replace") for key, raw in params.items()}
    return kind.decode("latin-1").lower(), decoded


#: File data is handed to the (possibly on-disk) temporary file in batches of this size, so a large
#: upload costs one worker-thread hop per batch rather than one per received chunk.
_FILE_BATCH = 1024 * 1024


class _Part:
    __slots__ = ("data", "file", "headers", "name", "size")

    def __init__(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []
        self.name = ""
        self.file: UploadFile | None = None
        self.data = bytearray()
        self.size = 0

    async def flush(self) -> None:
        if self.file is not None and self.data:
            await self.file.write(bytes(self.data))
            self.data.clear()


async def parse_multipart(
    content_type: str,
    chunks: AsyncIterator[bytes],
    *,
    max_files: int,
    max_fields: int,
    max_part_size: int,
) -> FormData:
    """Parse a multipart body; on any problem close the files opened so far and raise HTTPException."""
    module = load_multipart()
    _, params = _options(content_type)
    boundary = params.get("boundary")
    if not boundary:
        raise HTTPException(400, "Missing boundary in multipart/form-data content type")

    events: list[tuple[str, bytes]] = []
    header_field = bytearray()
    header_value = bytearray()

    def on_part_begin() -> None:
        events.append(("begin", b""))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        events.append(("data", bytes(data[start:end])))

    def on_part_end() -> None:
        events.append(("end", b""))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        events.append(("header", bytes(header_field) + b"\x00" + bytes(header_value)))
        header_field.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        events.append(("headers_done", b""))

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished,
    }
    parser = module.MultipartParser(boundary.encode("latin-1"), callbacks)
    items: list[tuple[str, Any]] = []
    files = 0
    fields = 0
    part = _Part()
    received = False
    try:
        async for chunk in chunks:
            if chunk:
                received = True
                try:
                    parser.write(chunk)
                except Exception as exc:
                    raise HTTPException(400, f"Invalid multipart body: {exc}") from None
            for kind, data in events:
                if kind == "begin":
                    part = _Part()
                elif kind == "header":
                    name, _, value = data.partition(b"\x00")
                    part.headers.append((name.lower(), value))
                elif kind == "headers_done":
                    disposition = ""
                    for key, value in part.headers:
                        if key == b"content-disposition":
                            disposition = value.decode("latin-1")
                    kind_, options = _options(disposition) if disposition else ("", {})
                    if kind_ != "form-data" or "name" not in options:
                        raise HTTPException(400, "Invalid multipart body: a part has no form-data name")
                    part.name = options["name"]
                    if "filename" in options:
                        files += 1
                        if files > max_files:
                            raise HTTPException(400, f"Too many files. Maximum number of files is {max_files}.")
                        headers = Headers(raw=list(part.headers))
                        part.file = UploadFile(filename=options["filename"], headers=headers, size=0)
                        items.append((part.name, part.file))
                    else:
                        fields += 1
                        if fields > max_fields:
                            raise HTTPException(400, f"Too many fields. Maximum number of fields is {max_fields}.")
                elif kind == "data":
                    if part.file is not None:
                        part.data.extend(data)
                        if len(part.data) >= _FILE_BATCH:
                            await part.flush()
                    else:
                        part.size += len(data)
                        if part.size > max_part_size:
                            # Starlette's status and words (a 400, sizes in KB), as FastAPI answers
                            raise HTTPException(400, f"Part exceeded maximum size of {int(max_part_size / 1024)}KB.")
                        part.data.extend(data)
                elif kind == "end":
                    if part.file is not None:
                        await part.flush()
                        await part.file.seek(0)
                    else:
                        items.append((part.name, part.data.decode("utf-8", "replace")))
            events.clear()
        try:
            parser.finalize()
        except Exception as exc:
            raise HTTPException(400, f"Invalid multipart body: {exc}") from None
        if received and parser.state != module.MultipartState.END:
            raise HTTPException(400, "Invalid multipart body: it ended before the closing boundary")
    except BaseException:
        for _, value in items:
            if isinstance(value, UploadFile):
                await value.close()
        if part.file is not None:
            await part.file.close()
        raise
    return FormData(items)
