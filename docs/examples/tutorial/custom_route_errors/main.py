from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from FasterAPI import Body, Faster, HTTPException, Request, Response
from FasterAPI.exceptions import RequestValidationError
from FasterAPI.routing import APIRoute


class BodyInErrorsRoute(APIRoute):
    """Answers a body that did not validate with the errors *and* the body that was sent."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_with_body(request: Request) -> Response:
            try:
                return await handle(request)
            except RequestValidationError as exc:
                sent = (await request.body()).decode()  # read once, kept by the request
                raise HTTPException(422, detail={"errors": exc.errors(), "body": sent}) from exc

        return handle_with_body


app = Faster()
app.router.route_class = BodyInErrorsRoute


@app.post("/")
async def add_up(numbers: Annotated[list[int], Body()]) -> int:
    return sum(numbers)
