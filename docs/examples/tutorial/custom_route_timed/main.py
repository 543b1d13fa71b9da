import time
from collections.abc import Callable, Coroutine
from typing import Any

from FasterAPI import Faster, FasterRouter, Request, Response
from FasterAPI.routing import APIRoute


class TimedRoute(APIRoute):
    """Adds `X-Response-Time` (seconds spent in the route) to each response."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_timed(request: Request) -> Response:
            started = time.perf_counter()
            response = await handle(request)
            response.headers["X-Response-Time"] = f"{time.perf_counter() - started:.6f}"
            return response

        return handle_timed


app = Faster()
timed_router = FasterRouter(route_class=TimedRoute)


@app.get("/")
async def not_timed() -> dict[str, str]:
    return {"message": "Not timed"}


@timed_router.get("/timed")
async def timed() -> dict[str, str]:
    return {"message": "Timed"}


app.include_router(timed_router)  # its routes stay TimedRoute routes
