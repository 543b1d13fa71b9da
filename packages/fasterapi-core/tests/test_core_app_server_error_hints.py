"""A 500 from a forgotten ``await`` or an unencodable return value is logged with the route and the likely cause."""

import logging
import warnings

import httpx
import pytest

from fasterapi_core import Faster, Request


def client(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def load() -> int:
    return 1


class Thing:
    pass


def build() -> Faster:
    app = Faster(reraise_server_errors=False)

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> object:
        return load()  # the mistake: no await

    @app.post("/echo")
    async def echo(request: Request) -> object:
        return {"data": request.json()}  # the mistake: no await

    @app.get("/thing")
    def thing() -> dict[str, object]:
        return {"thing": Thing()}

    return app


@pytest.mark.parametrize(
    ("method", "path", "route", "cause"),
    [
        ("GET", "/items/3", "GET /items/{item_id} (", "calling load() was never awaited; did you forget `await`?"),
        ("POST", "/echo", "POST /echo (", "calling Request.json() was never awaited; did you forget `await`?"),
        ("GET", "/thing", "GET /thing (", "Object of type Thing is not JSON serializable: return dicts, lists"),
    ],
)
async def test_the_log_line_names_the_route_and_the_likely_cause(
    caplog: pytest.LogCaptureFixture, method: str, path: str, route: str, cause: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # the coroutine is closed, not left un-awaited
        with caplog.at_level(logging.ERROR, logger="fasterapi.error"):
            async with client(build()) as c:
                response = await c.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    (record,) = [r for r in caplog.records if r.name == "fasterapi.error"]
    line = record.getMessage()
    assert line.startswith(f"Exception in ASGI application while serving {route}")
    assert cause in line
    assert record.exc_info is not None
