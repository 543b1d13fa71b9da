"""Declaration mistakes fail when the route is declared, with a message naming the route, the parameter and the fix."""

import dataclasses
import datetime
import enum
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, NamedTuple, TypedDict

import httpx
import msgspec
import pytest

from fasterapi_core import (
    Body,
    Cookie,
    Depends,
    Faster,
    FasterAPIError,
    FasterRouter,
    Header,
    Path,
    Query,
    Request,
    StreamingResponse,
)


class Plain:
    """A class no model library knows: msgspec would accept it as a type and refuse every value."""

    def __init__(self, name: str) -> None:
        self.name = name


class Item(msgspec.Struct):
    name: str


def client(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def declare(register: Callable[[Faster], Any]) -> str:
    """Run ``register`` on a fresh app and return the declaration error it raised."""
    with pytest.raises(FasterAPIError) as caught:
        register(Faster())
    return str(caught.value)


# --- classes nothing can validate or encode ---------------------------------------------------------


def test_a_plain_class_as_body_is_refused() -> None:
    def register(app: Faster) -> None:
        @app.post("/items")
        async def create(item: Plain) -> dict[str, str]:
            return {}

    message = declare(register)
    assert message.startswith("POST /items: parameter 'item' of ")
    assert "create()" in message and "Plain" in message
    assert "make it a msgspec.Struct, a dataclass or a TypedDict" in message


def test_a_plain_class_nested_in_a_struct_body_is_refused() -> None:
    class Order(msgspec.Struct):
        item: Plain

    def register(app: Faster) -> None:
        @app.post("/orders")
        async def create(order: Order) -> None:
            return None

    message = declare(register)
    assert message.startswith("POST /orders: parameter 'order'") and "Plain is a class" in message


def test_a_plain_class_as_parameter_group_is_refused() -> None:
    for marker in (Query(), Header(), Cookie()):

        def register(app: Faster, marker: Any = marker) -> None:
            @app.get("/search")
            async def search(filters: Annotated[Plain, marker]) -> None:
                return None

        message = declare(register)
        assert message.startswith("GET /search: parameter 'filters'"), message
        assert f"a {marker.source} value cannot carry Plain" in message
        assert "msgspec.Struct" in message


def test_a_plain_class_as_response_model_or_return_annotation_is_refused() -> None:
    def explicit(app: Faster) -> None:
        @app.get("/items/{item_id}", response_model=Plain)
        async def read(item_id: int) -> Any:
            return {"name": "x"}

    message = declare(explicit)
    assert message.startswith("GET /items/{item_id}: response_model=Plain: Plain is a class")

    def annotated(app: Faster) -> None:
        @app.get("/items")
        async def read() -> list[Plain]:
            return []

    message = declare(annotated)
    assert message.startswith("GET /items: the return annotation of ")
    assert "-> list[" in message and "response_model=None" in message


def test_a_pydantic_like_model_without_pydantic_support_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "pydantic", raising=False)  # as if pydantic were not installed

    class BaseModel:  # stands for pydantic's: same name and module, no validation available
        pass

    BaseModel.__module__ = "pydantic.main"

    class User(BaseModel):
        name: str

    def register(app: Faster) -> None:
        @app.post("/users")
        async def create(user: User) -> None:
            return None

    message = declare(register)
    assert "User is a pydantic model" in message and "faster-api-web[pydantic]" in message


def test_a_callable_annotation_has_no_source() -> None:
    def register(app: Faster) -> None:
        @app.get("/run")
        async def run(callback: Callable[[], int]) -> None:
            return None

    message = declare(register)
    assert message.startswith("GET /run: parameter 'callback'") and "cannot be validated from JSON" in message


async def test_supported_types_and_response_forms_declare_and_serve() -> None:
    class Color(enum.Enum):
        RED = "red"

    @dataclasses.dataclass
    class Box:
        size: int
        tags: list[str]

    class Point(NamedTuple):
        x: int
        y: int

    class Movie(TypedDict):
        title: str
        when: datetime.date

    class Dumps:
        def model_dump(self) -> dict[str, int]:
            return {"dumped": 1}

    class Order(msgspec.Struct):
        box: Box
        point: Point
        movie: Movie
        color: Color
        ids: dict[str, list[uuid.UUID]] = {}
        items: list[Item] | None = None

    app = Faster()

    @app.post("/orders", response_model=Order)
    async def create(order: Order, note: Annotated[str | None, Body(max_length=5)] = None) -> Order:
        return order

    @app.get("/dumps")
    async def dumps() -> Dumps:
        return Dumps()

    @app.get("/stream")
    async def stream() -> AsyncIterator[bytes]:
        yield b"x"

    @app.get("/streaming")
    async def streaming() -> StreamingResponse:
        return StreamingResponse(iter([b"a"]))

    order = {
        "box": {"size": 1, "tags": []},
        "point": [1, 2],
        "movie": {"title": "m", "when": "2026-01-02"},
        "color": "red",
    }
    async with client(app) as c:
        assert (await c.post("/orders", json={"order": order})).json()["point"] == [1, 2]
        assert (await c.get("/dumps")).json() == {"dumped": 1}


# --- constraints that cannot apply to the type ------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "marker", "key", "needs"),
    [
        (str, Query(gt=3), "gt", "a number"),
        (int, Query(max_length=3), "max_length", "str, bytes or a list"),
        (float, Query(pattern="^1"), "pattern", "str"),
        (bool, Header(min_length=1), "min_length", "str, bytes or a list"),
        (uuid.UUID, Cookie(le=3), "le", "a number"),
        (list[str], Query(ge=1), "ge", "a number"),
        (Item, Body(gt=1), "gt", "a number"),
    ],
)
def test_a_constraint_that_cannot_apply_to_the_type_is_refused(
    annotation: Any, marker: Any, key: str, needs: str
) -> None:
    def register(app: Faster) -> None:
        async def handler(value: Annotated[annotation, marker]) -> None:  # type: ignore[valid-type]
            return None

        app.add_api_route("/values", handler, methods=["POST"])

    message = declare(register)
    assert message.startswith("POST /values: parameter 'value' of ")
    assert f"{type(marker).__name__}({key}=...) cannot apply to" in message
    assert f"{key} needs {needs}" in message and "Change the annotation or drop the constraint" in message


def test_an_inline_msgspec_meta_constraint_is_checked_too() -> None:
    def register(app: Faster) -> None:
        @app.get("/values")
        async def handler(value: Annotated[int, msgspec.Meta(pattern="^[0-9]+$")] = 1) -> None:
            return None

    assert "pattern needs str" in declare(register)


async def test_constraints_that_fit_their_type_are_kept() -> None:
    app = Faster()

    @app.get("/values/{number}")
    async def handler(
        number: Annotated[int, Path(gt=1)],
        name: Annotated[str, Query(min_length=2, pattern="^[a-z]+$")] = "ab",
        tags: Annotated[list[int], Query(max_length=2)] = [],  # noqa: B006 - FastAPI's form
        price: Annotated[float | None, Query(ge=0.5)] = None,
    ) -> dict[str, Any]:
        return {"number": number, "name": name, "tags": tags}

    async with client(app) as c:
        assert (await c.get("/values/2?tags=1&tags=2")).json() == {"number": 2, "name": "ab", "tags": [1, 2]}
        assert (await c.get("/values/2?tags=1&tags=2&tags=3")).status_code == 422
        assert (await c.get("/values/2?price=0.1")).status_code == 422


# --- path parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", [Query(), Header(), Cookie(), Body()])
def test_a_path_parameter_declared_with_another_marker_is_refused(marker: Any) -> None:
    def register(app: Faster) -> None:
        @app.get("/items/{item_id}")
        async def read(item_id: Annotated[int, marker]) -> None:
            return None

    message = declare(register)
    assert message.startswith("GET /items/{item_id}: parameter 'item_id' of ")
    assert f"declare it with Path() or without a marker, not {type(marker).__name__}()" in message


def test_a_path_parameter_no_one_takes_is_refused() -> None:
    def register(app: Faster) -> None:
        @app.get("/items/{item_id}")
        async def read() -> None:
            return None

    message = declare(register)
    assert message.startswith("GET /items/{item_id}: the path has {item_id}, but neither ")
    assert "add a parameter `item_id: str`" in message

    router = FasterRouter(prefix="/shops/{shop}")
    with pytest.raises(FasterAPIError, match=r"GET /shops/\{shop\}/items/\{item_id\}: the path has \{item_id\}"):

        @router.get("/items/{item_id}")
        async def read_in_shop(shop: str) -> None:
            return None


async def test_path_parameters_read_through_request_or_a_dependency_are_taken() -> None:
    app = Faster()

    async def item_id(item_id: int) -> int:
        return item_id

    @app.get("/raw/{item_id}")
    async def raw(request: Request) -> Any:
        return request.path_params["item_id"]

    @app.get("/dep/{item_id}")
    async def dep(value: Annotated[int, Depends(item_id)]) -> int:
        return value

    async with client(app) as c:
        assert (await c.get("/raw/3")).json() == "3"
        assert (await c.get("/dep/3")).json() == 3


def test_a_path_marker_without_its_segment_is_refused_on_the_app() -> None:
    def register(app: Faster) -> None:
        @app.get("/members")
        async def members(org_id: Annotated[str, Path()]) -> None:
            return None

    message = declare(register)
    assert message.startswith("GET /members: 'org_id' is declared with Path(), but the path has no {org_id}")


def test_a_router_path_marker_is_checked_when_included() -> None:
    router = FasterRouter()

    @router.get("/members")
    async def members(org_id: str = Path()) -> dict[str, str]:
        return {"org": org_id}

    app = Faster()
    with pytest.raises(FasterAPIError, match=r"GET /members \(included with prefix '/orgs'\): 'org_id' is declared"):
        app.include_router(router, prefix="/orgs")
    assert [route.path for route in app.routes if route.path.endswith("/members")] == []


async def test_path_parameters_from_an_include_prefix_are_resolved() -> None:
    router = FasterRouter()

    async def current_org(org_id: Annotated[str, Path()]) -> str:
        return org_id.upper()

    @router.get("/members")
    async def members(org_id: str = Path()) -> dict[str, str]:
        return {"org": org_id}

    @router.get("/teams/{team}")
    async def team(team: int, org_id: Annotated[str, Path()], org: Annotated[str, Depends(current_org)]) -> Any:
        return {"org": org_id, "team": team, "upper": org}

    nested = FasterRouter()
    nested.include_router(router, prefix="/v1")  # not served: the parameter may still come from an outer prefix
    app = Faster()
    app.include_router(nested, prefix="/org/{org_id}")

    async with client(app) as c:
        assert (await c.get("/org/acme/v1/members")).json() == {"org": "acme"}
        assert (await c.get("/org/acme/v1/teams/7")).json() == {"org": "acme", "team": 7, "upper": "ACME"}
        assert (await c.get("/org/acme/v1/teams/x")).status_code == 422
    parameters = app.openapi()["paths"]["/org/{org_id}/v1/members"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [("org_id", "path", True)]


# --- dependencies -------------------------------------------------------------------------------------


def test_a_called_dependency_is_refused() -> None:
    def get_db() -> str:
        return "db"

    def register(app: Faster) -> None:
        @app.get("/items")
        async def read(db: str = Depends(get_db())) -> None:
            return None

    message = declare(register)
    assert message.startswith("GET /items: parameter 'db' of ")
    assert "Depends() got 'db', which is not callable" in message
    assert "Depends(get_db), not the result of calling it, Depends(get_db())" in message


def test_route_dependencies_must_be_callable_depends_markers() -> None:
    def verify() -> str:
        return "token"

    def called(app: Faster) -> None:
        app.get("/a", dependencies=[Depends(verify())])(lambda: None)  # type: ignore[arg-type]

    assert declare(called).startswith("GET /a: dependencies=[...]: Depends() got 'token', which is not callable")

    def bare(app: Faster) -> None:
        app.get("/b", dependencies=[verify])(lambda: None)  # type: ignore[list-item]

    message = declare(bare)
    assert message.startswith("GET /b: dependencies= takes Depends(...) markers") and "[Depends(...)]" in message

    router = FasterRouter()

    @router.get("/c")
    async def c() -> None:
        return None

    app = Faster()
    with pytest.raises(FasterAPIError, match=r"GET /c: dependencies=\[\.\.\.\]: Depends\(\) got 3"):
        app.include_router(router, dependencies=[Depends(3)])  # type: ignore[arg-type]
