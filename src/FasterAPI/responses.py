"""``fastapi.responses`` equivalent: response classes."""

from fasterapi_core.responses import (
    EventSourceResponse as EventSourceResponse,
    FileResponse as FileResponse,
    HTMLResponse as HTMLResponse,
    JSONResponse as JSONResponse,
    MutableHeaders as MutableHeaders,
    ORJSONResponse as ORJSONResponse,
    PlainTextResponse as PlainTextResponse,
    RedirectResponse as RedirectResponse,
    Response as Response,
    ServerSentEvent as ServerSentEvent,
    StreamingResponse as StreamingResponse,
    UJSONResponse as UJSONResponse,
)

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
