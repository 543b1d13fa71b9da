# --8<-- [start:app]
from collections.abc import Iterator
from typing import Annotated

from FasterAPI import Depends, Faster, Header, HTTPException

app = Faster()


# A function dependency: its parameters are read from the request like a handler's.
async def pagination(skip: int = 0, limit: int = 100) -> dict[str, int]:
    return {"skip": skip, "limit": limit}


Pagination = Annotated[dict[str, int], Depends(pagination)]


# A class dependency: FasterAPI calls the class with the request's values.
class Filters:
    def __init__(self, q: str | None = None, active: bool = True) -> None:
        self.q = q
        self.active = active


# A yield dependency: the code after ``yield`` runs once the response has been sent.
events: list[str] = []


def get_db() -> Iterator[str]:
    events.append("open")
    try:
        yield "connection"
    finally:
        events.append("close")


# Sub-dependencies, and a dependency used only for its side effect (raising).
async def verify_token(x_token: Annotated[str, Header()]) -> str:
    if x_token != "secret":
        raise HTTPException(status_code=401, detail="Invalid X-Token")
    return x_token


@app.get("/items/")
async def list_items(page: Pagination, filters: Annotated[Filters, Depends()]) -> dict[str, object]:
    return {"page": page, "q": filters.q, "active": filters.active}


@app.get("/db", dependencies=[Depends(verify_token)])
async def use_db(db: Annotated[str, Depends(get_db)]) -> dict[str, object]:
    return {"db": db, "events": list(events)}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_function_and_class_dependencies() -> None:
    response = client.get("/items/?skip=5&limit=3&q=x&active=false")
    assert response.json() == {"page": {"skip": 5, "limit": 3}, "q": "x", "active": False}


def test_yield_dependency_closes_after_the_response() -> None:
    events.clear()
    response = client.get("/db", headers={"x-token": "secret"})
    assert response.json() == {"db": "connection", "events": ["open"]}
    assert events == ["open", "close"]


def test_route_dependency_can_reject_the_request() -> None:
    assert client.get("/db", headers={"x-token": "wrong"}).status_code == 401
    assert client.get("/db").status_code == 422  # the required header is missing


# --8<-- [end:test]
