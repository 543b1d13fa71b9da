"""Custom route classes (FastAPI's "Custom Request and APIRoute class"): ``get_route_handler()`` overrides
wrap each request, routers pick the class, included routes keep theirs, plain routes keep the planned path."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

import httpx
import msgspec
import pytest

from fasterapi_core import (
    APIRoute,
    BackgroundTasks,
    Body,
    Depends,
    Faster,
    FasterRouter,
    HTTPException,
    Request,
    Response,
)
from fasterapi_core.exceptions import FasterAPIError, RequestValidationError

Client = Callable[[Any], httpx.AsyncClient]
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class TimedRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        original = super().get_route_handler()

        async def timed(request: Request) -> Response:
            before = time.perf_counter()
            response = await original(request)
            response.headers["X-Response-Time"] = f"{time.perf_counter() - before:.9f}"
            return response

        return timed


class GzipRequest(Request):
    """The docs' custom request: ``body()`` decompresses gzip bodies (``_body`` unset until read)."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            body = await super().body()
            if "gzip" in self.headers.getlist("Content-Encoding"):
                body = gzip.decompress(body)
            self._body = body
        return self._body


class GzipRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        original = super().get_route_handler()

        async def gzip_handler(request: Request) -> Response:
            return await original(GzipRequest(request.scope, request.receive))

        return gzip_handler


class BodyInErrorRoute(APIRoute):
    """FastAPI's "access the body in an exception handler" route class."""

    def get_route_handler(self) -> Handler:
        original = super().get_route_handler()

        async def logging_handler(request: Request) -> Response:
            try:
                return await original(request)
            except RequestValidationError as exc:
                body = await request.body()
                detail = {"errors": exc.errors(), "body": body.decode(), "parsed": exc.body}
                raise HTTPException(422, detail=detail) from exc

        return logging_handler


class TaggedA(APIRoute):
    x_type = "A"


class TaggedB(APIRoute):
    x_type = "B"


class TaggedC(APIRoute):
    x_type = "C"


def _custom(route: Any) -> bool:
    """True when ``route`` serves through its class's ``get_route_handler()`` (the Request-object path)."""
    return getattr(route.handle, "__func__", None) is APIRoute._handle_custom


async def test_a_timing_route_class_adds_its_header_and_other_routes_do_not(client_for: Client) -> None:
    app = Faster()
    router = FasterRouter(route_class=TimedRoute)

    @app.get("/")
    async def not_timed() -> dict[str, str]:
        return {"message": "Not timed"}

    @router.get("/timed")
    async def timed() -> dict[str, str]:
        return {"message": "It's the time of my life"}

    app.include_router(router)
    async with client_for(app) as client:
        plain = await client.get("/")
        timed_response = await client.get("/timed")
        head = await client.head("/timed")
    assert plain.json() == {"message": "Not timed"}
    assert "x-response-time" not in plain.headers
    assert timed_response.json() == {"message": "It's the time of my life"}
    assert float(timed_response.headers["x-response-time"]) > 0
    assert timed_response.headers["content-length"] == str(len(timed_response.content))
    assert head.status_code == 200 and head.content == b"" and "x-response-time" in head.headers


async def test_a_gzip_request_class_decodes_the_body_parameters_read_and_plain_bodies_still_work(
    client_for: Client,
) -> None:
    app = Faster()
    app.router.route_class = GzipRoute

    @app.post("/sum")
    async def sum_numbers(numbers: Annotated[list[int], Body()]) -> dict[str, int]:
        return {"sum": sum(numbers)}

    data = json.dumps([1] * 1000).encode()
    headers = {"content-type": "application/json"}
    async with client_for(app) as client:
        zipped = await client.post("/sum", content=gzip.compress(data), headers={**headers, "content-encoding": "gzip"})
        plain = await client.post("/sum", content=data, headers=headers)
        invalid = await client.post(
            "/sum", content=gzip.compress(b'{"a": 1}'), headers={**headers, "content-encoding": "gzip"}
        )
    assert zipped.json() == {"sum": 1000}
    assert plain.json() == {"sum": 1000}
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["input"] == {"a": 1}  # the error shows the decoded body


async def test_the_custom_request_is_what_request_parameters_and_dependencies_receive(client_for: Client) -> None:
    app = Faster()
    app.router.route_class = GzipRoute
    seen: list[Request] = []

    async def note_request(request: Request) -> str:
        seen.append(request)
        return type(request).__name__

    @app.post("/check")
    async def check(request: Request, via_dependency: Annotated[str, Depends(note_request)]) -> dict[str, Any]:
        seen.append(request)
        return {"handler": type(request).__name__, "dependency": via_dependency, "body": (await request.json())}

    payload = gzip.compress(b'{"x": 1}')
    async with client_for(app) as client:
        response = await client.post("/check", content=payload, headers={"content-encoding": "gzip"})
    assert response.json() == {"handler": "GzipRequest", "dependency": "GzipRequest", "body": {"x": 1}}
    assert seen[0] is seen[1]  # one request object per request


async def test_a_route_class_catching_validation_errors_sees_the_body(client_for: Client) -> None:
    app = Faster()
    app.router.route_class = BodyInErrorRoute

    @app.post("/")
    async def sum_numbers(numbers: Annotated[list[int], Body()]) -> int:
        return sum(numbers)

    async with client_for(app) as client:
        fine = await client.post("/", json=[1, 2, 3])
        wrong = await client.post("/", content=b'{"numbers": [1, 2, 3]}', headers={"content-type": "application/json"})
    assert fine.json() == 6
    assert wrong.status_code == 422
    assert wrong.json() == {
        "detail": {
            "errors": [
                {
                    "type": "list_type",
                    "loc": ["body"],
                    "msg": "Input should be a valid list",
                    "input": {"numbers": [1, 2, 3]},
                }
            ],
            "body": '{"numbers": [1, 2, 3]}',
            "parsed": {"numbers": [1, 2, 3]},
        }
    }


async def test_without_a_route_class_handler_the_app_exception_handler_gets_the_body(client_for: Client) -> None:
    app = Faster()
    app.router.route_class = TimedRoute

    @app.exception_handler(RequestValidationError)
    async def with_body(request: Request, exc: RequestValidationError) -> Response:
        return Response(json.dumps({"body": exc.body}), status_code=422, media_type="application/json")

    @app.post("/items")
    async def create(size: Annotated[int, Body(embed=True)]) -> dict[str, int]:
        return {"size": size}

    async with client_for(app) as client:
        response = await client.post("/items", json={"size": "XL"})
    assert response.status_code == 422
    assert response.json() == {"body": {"size": "XL"}}
    assert "x-response-time" not in response.headers  # the error left the route class's handler


async def test_included_routers_keep_their_own_route_class_at_every_level(client_for: Client) -> None:
    app = Faster()
    app.router.route_class = TimedRoute  # the app's class applies to the app's own routes only
    router_a, router_b, router_c = (FasterRouter(route_class=cls) for cls in (TaggedA, TaggedB, TaggedC))

    @router_a.get("/")
    def get_a() -> dict[str, str]:
        return {"msg": "A"}

    @router_b.get("/")
    def get_b() -> dict[str, str]:
        return {"msg": "B"}

    @router_c.get("/")
    def get_c() -> dict[str, str]:
        return {"msg": "C"}

    router_b.include_router(router_c, prefix="/c")
    router_a.include_router(router_b, prefix="/b")
    app.include_router(router_a, prefix="/a")

    @router_c.get("/later")  # added after the includes: still a TaggedC route everywhere it is served
    def later() -> dict[str, str]:
        return {"msg": "later"}

    kinds = {route.path: type(route) for route in app.routes if isinstance(route, APIRoute)}
    assert kinds["/a/"] is TaggedA and kinds["/a/b/"] is TaggedB and kinds["/a/b/c/"] is TaggedC
    assert kinds["/a/b/c/later"] is TaggedC
    async with client_for(app) as client:
        answers = [(await client.get(path)).json() for path in ("/a/", "/a/b/", "/a/b/c/", "/a/b/c/later")]
    assert answers == [{"msg": "A"}, {"msg": "B"}, {"msg": "C"}, {"msg": "later"}]


async def test_an_included_custom_route_keeps_wrapping_its_requests(client_for: Client) -> None:
    app = Faster()
    inner = FasterRouter(prefix="/inner", route_class=TimedRoute)

    @inner.get("/x")
    async def x() -> dict[str, int]:
        return {"x": 1}

    outer = FasterRouter()
    outer.include_router(inner)
    app.include_router(outer, prefix="/v1")
    async with client_for(app) as client:
        response = await client.get("/v1/inner/x")
    assert response.json() == {"x": 1}
    assert "x-response-time" in response.headers
    assert type(app.routes[-1]) is TimedRoute


async def test_route_class_override_builds_one_route_with_another_class(client_for: Client) -> None:
    router = FasterRouter(route_class=TaggedA)

    async def plain() -> dict[str, str]:
        return {"route": "plain"}

    router.add_api_route("/plain", plain)
    router.add_api_route("/timed", plain, route_class_override=TimedRoute, name="timed")

    @router.api_route("/decorated", methods=["GET", "POST"], route_class_override=TimedRoute)
    async def decorated() -> dict[str, str]:
        return {"route": "decorated"}

    assert [type(route) for route in router.routes] == [TaggedA, TimedRoute, TimedRoute]
    assert "route_class_override" not in router.routes[1].options  # a class, not a documented option
    app = Faster()
    app.include_router(router)
    async with client_for(app) as client:
        responses = [await client.get("/plain"), await client.get("/timed"), await client.post("/decorated")]
    assert ["x-response-time" in response.headers for response in responses] == [False, True, True]
    assert responses[2].json() == {"route": "decorated"}


async def test_setting_app_router_route_class_applies_to_routes_registered_afterwards(client_for: Client) -> None:
    app = Faster()

    @app.get("/before")
    async def before() -> dict[str, str]:
        return {"at": "before"}

    app.router.route_class = TimedRoute

    @app.get("/after")
    async def after() -> dict[str, str]:
        return {"at": "after"}

    async with client_for(app) as client:
        early, late = await client.get("/before"), await client.get("/after")
    assert "x-response-time" not in early.headers
    assert "x-response-time" in late.headers
    assert late.json() == {"at": "after"}


def test_routes_whose_class_keeps_get_route_handler_stay_on_the_planned_path() -> None:
    calls: list[str] = []

    class CountingRoute(TimedRoute):
        def get_route_handler(self) -> Handler:
            calls.append(self.path)
            return super().get_route_handler()

    app = Faster()
    app.router.route_class = TaggedA  # a subclass that does not override get_route_handler()

    @app.get("/tagged")
    async def tagged() -> dict[str, str]:
        return {}

    app.router.route_class = CountingRoute

    @app.get("/counted")
    async def counted() -> dict[str, str]:
        return {}

    tagged_route, counted_route = app.routes[-2:]
    assert not _custom(tagged_route)
    assert _custom(counted_route)
    assert calls == ["/counted"]  # asked once, when the route was built


async def test_yield_dependencies_background_tasks_and_the_response_parameter_work_in_custom_routes(
    client_for: Client,
) -> None:
    events: list[str] = []

    async def session() -> AsyncIterator[str]:
        events.append("open")
        try:
            yield "db"
        except HTTPException:
            events.append("saw error")
            raise
        finally:
            events.append("close")

    app = Faster()
    app.router.route_class = TimedRoute

    @app.get("/ok", status_code=201)
    async def ok(db: Annotated[str, Depends(session)], response: Response, tasks: BackgroundTasks) -> dict[str, str]:
        response.headers["X-Extra"] = "1"
        tasks.add_task(events.append, "background")
        return {"db": db}

    @app.get("/fails")
    async def fails(db: Annotated[str, Depends(session)]) -> None:
        raise HTTPException(409, "taken")

    async with client_for(app) as client:
        ok_response = await client.get("/ok")
        assert events == ["open", "background", "close"]
        events.clear()
        failed = await client.get("/fails")
    assert ok_response.status_code == 201
    assert ok_response.json() == {"db": "db"}
    assert ok_response.headers["x-extra"] == "1" and "x-response-time" in ok_response.headers
    assert failed.status_code == 409 and failed.json() == {"detail": "taken"}
    assert events == ["open", "saw error", "close"]


async def test_the_body_size_limit_applies_to_bodies_read_through_a_custom_request(client_for: Client) -> None:
    app = Faster(max_body_size=10)
    app.router.route_class = GzipRoute

    @app.post("/data")
    async def data(payload: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
        return payload

    async with client_for(app) as client:
        response = await client.post("/data", json={"far": "too long for the limit"})
    assert response.status_code == 413


async def test_the_route_handler_can_be_called_with_a_request_directly() -> None:
    router = FasterRouter(route_class=TimedRoute)

    @router.get("/items/{item_id}")
    async def read(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    route = router.routes[0]
    assert isinstance(route, APIRoute)
    scope = {"type": "http", "method": "GET", "path": "/items/3", "headers": [], "path_params": {"item_id": "3"}}
    response = await route.get_route_handler()(Request(scope))
    assert response.status_code == 200
    assert response.body == b'{"item_id":3}'


async def _endpoint() -> None: ...


@pytest.mark.parametrize("bad", [object, int, "TimedRoute", None])
def test_a_route_class_that_is_not_an_apiroute_fails_when_declared(bad: Any) -> None:
    with pytest.raises(FasterAPIError, match=r"FasterRouter\(route_class=\.\.\.\): .* is not an APIRoute subclass.*"):
        FasterRouter(route_class=bad)
    app = Faster()
    app.router.route_class = bad
    declared = r"GET /x: the router's route_class: .*subclass APIRoute \(from FasterAPI\.routing"
    with pytest.raises(FasterAPIError, match=declared):

        @app.get("/x")
        async def x() -> None: ...

    router = FasterRouter()
    if bad is not None:  # route_class_override=None means "the router's class"
        with pytest.raises(FasterAPIError, match=r"GET /y: route_class_override: .*override get_route_handler\(\)"):
            router.add_api_route("/y", _endpoint, route_class_override=bad)
    assert not router.routes


def test_a_starlette_or_fastapi_style_route_class_gets_told_where_apiroute_comes_from() -> None:
    foreign = type("APIRoute", (), {"__module__": "fastapi.routing"})
    with pytest.raises(FasterAPIError, match=r"import APIRoute from FasterAPI\.routing"):
        FasterRouter(route_class=foreign)


async def test_router_on_event_is_deprecated_and_runs_with_the_app_that_includes_it() -> None:
    events: list[str] = []
    router = FasterRouter()
    with pytest.warns(DeprecationWarning, match="on_event is deprecated, use lifespan event handlers instead"):

        @router.on_event("startup")
        async def started() -> None:
            events.append("router startup")

    router.add_event_handler("shutdown", lambda: events.append("router shutdown"))
    with pytest.raises(ValueError, match="use 'startup' or 'shutdown'"):
        router.add_event_handler("boot", started)
    app = Faster(on_startup=[lambda: events.append("app startup")])
    app.include_router(router)
    assert app.router.on_startup is app.on_startup_hooks
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert events == ["app startup", "router startup", "router shutdown"]


class ExcludeNoneRoute(APIRoute):
    """A FastAPI-style route class that sets an option through FastAPI's keyword form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["response_model_exclude_none"] = True
        super().__init__(*args, **kwargs)


async def test_route_classes_may_pass_fastapi_route_keywords_on(client_for: Client) -> None:
    class Item(msgspec.Struct):
        name: str
        note: str | None = None

    router = FasterRouter(route_class=ExcludeNoneRoute)

    @router.get("/item", response_model=Item)
    async def item() -> dict[str, Any]:
        return {"name": "a", "note": None}

    app = Faster()
    app.include_router(router)
    async with client_for(app) as client:
        response = await client.get("/item")
    assert response.json() == {"name": "a"}


def test_apiroute_takes_fastapi_route_keywords_and_refuses_unknown_ones() -> None:
    async def create() -> None: ...

    route = APIRoute("/items", create, methods=["POST"], status_code=201, tags=["items"], response_model=None)
    assert (route.status_code, route.tags, route.response_model) == (201, ["items"], None)
    legacy = APIRoute("/legacy", create, dependency_overrides_provider=None, strict_content_type=False)
    assert legacy.options == {"strict_content_type": False}
    with pytest.raises(TypeError, match=r"APIRoute\('/items', \.\.\.\) got unknown option 'status'"):
        APIRoute("/items", create, status=201)
