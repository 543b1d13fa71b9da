import time
from typing import Any

from FasterAPI import Faster, Request, RequestIDMiddleware

app = Faster()


class ProcessTimeMiddleware:
    """A pure ASGI middleware: wraps ``send`` to add a header to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def send_with_time(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                elapsed = f"{time.perf_counter() - start:.6f}".encode()
                message = {**message, "headers": [*message.get("headers", []), (b"x-process-time", elapsed)]}
            await send(message)

        await self.app(scope, receive, send_with_time)


app.add_middleware(ProcessTimeMiddleware)
app.add_middleware(RequestIDMiddleware)  # added last, so it runs first (outermost)


@app.get("/")
async def root(request: Request) -> dict[str, str]:
    return {"request_id": request.state.request_id}
