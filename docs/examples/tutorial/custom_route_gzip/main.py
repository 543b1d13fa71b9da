import gzip
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from FasterAPI import Body, Faster, Request, Response
from FasterAPI.routing import APIRoute


class GzipRequest(Request):
    """A request whose body() undoes `Content-Encoding: gzip` (and leaves other bodies alone)."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):  # not read yet
            raw = await super().body()
            if "gzip" in self.headers.getlist("Content-Encoding"):
                raw = gzip.decompress(raw)
            self._body = raw
        return self._body


class GzipRoute(APIRoute):
    """Serves its requests as GzipRequest objects: body parameters are read through its body()."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_gzip(request: Request) -> Response:
            return await handle(GzipRequest(request.scope, request.receive))

        return handle_gzip


app = Faster()
app.router.route_class = GzipRoute  # every route registered from here on


@app.post("/sum")
async def add_up(numbers: Annotated[list[int], Body()]) -> dict[str, int]:
    return {"sum": sum(numbers)}


@app.get("/request-class")
async def request_class(request: Request) -> dict[str, str]:
    return {"class": type(request).__name__}
