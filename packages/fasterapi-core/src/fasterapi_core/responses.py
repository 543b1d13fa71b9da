"""Response classes: a body, a status, headers, and how to send them over ASGI."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from ._encoding import encode_json
from ._file_response import FileResponse
from ._response import MutableHeaders, Response
from ._sse import EventSourceResponse, ServerSentEvent
from ._streaming import StreamingResponse
from .background import BackgroundTask

__all__ = [
    "EventSourceResponse",
    "FileResponse",
    "HTMLResponse",
    "JSONResponse",
    "MutableHeaders",
    "ORJSONResponse",
    "PlainTextResponse",
    "RedirectResponse",
    "Response",
    "ServerSentEvent",
    "StreamingResponse",
    "UJSONResponse",
]


class JSONResponse(Response):
    """JSON encoded with msgspec; ``bytes`` content is taken as already-encoded JSON."""

    media_type = "application/json"

    def _render(self, content: object) -> bytes:
        if isinstance(content, (bytes, bytearray, memoryview)):
            return bytes(content)
        return encode_json(content)


ORJSONResponse = JSONResponse
UJSONResponse = JSONResponse


class HTMLResponse(Response):
    media_type = "text/html"


class PlainTextResponse(Response):
    media_type = "text/plain"


class RedirectResponse(Response):
    """Redirect to ``url`` (307 by default), quoted as Starlette does: CR/LF become ``%0D%0A``, never a header break."""

    def __init__(
        self,
        url: str,
        status_code: int = 307,
        headers: Mapping[str, str] | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(b"", status_code, headers, background=background)
        self.raw_headers.append((b"location", quote(str(url), safe=":/%#?=@[]!$&'()*+,;").encode("latin-1")))
