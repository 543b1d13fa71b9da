from collections.abc import Awaitable, Callable

from FasterAPI import Faster, Request, Response
from FasterAPI.responses import JSONResponse

app = Faster()


@app.middleware("http")
async def require_api_version(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    if request.headers.get("x-api-version", "1") not in ("1", "2"):
        return JSONResponse({"detail": "unsupported API version"}, status_code=400)
    response = await call_next(request)
    response.headers["x-api-version"] = request.headers.get("x-api-version", "1")
    return response


@app.get("/")
async def root() -> dict[str, str]:
    return {"hello": "world"}
