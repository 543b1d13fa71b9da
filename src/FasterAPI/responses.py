"""``fastapi.responses`` equivalent: response classes."""

from fasterapi_core.responses import (
    HTMLResponse as HTMLResponse,
    JSONResponse as JSONResponse,
    ORJSONResponse as ORJSONResponse,
    PlainTextResponse as PlainTextResponse,
    RedirectResponse as RedirectResponse,
    Response as Response,
    UJSONResponse as UJSONResponse,
)

__all__ = [
    "HTMLResponse",
    "JSONResponse",
    "ORJSONResponse",
    "PlainTextResponse",
    "RedirectResponse",
    "Response",
    "UJSONResponse",
]
