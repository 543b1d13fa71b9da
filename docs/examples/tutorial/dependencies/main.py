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
