"""OpenAPI lists an operation's parameters grouped by location, dependencies' merged in (FastAPI's order)."""

from __future__ import annotations

from typing import Annotated

from fasterapi_core import Cookie, Depends, Faster, Header


def pagination(skip: int = 0, limit: int = 10) -> int:
    return skip


def session(
    session_id: Annotated[str | None, Cookie()] = None, x_trace: Annotated[str | None, Header()] = None
) -> None:
    return None


def test_parameters_are_grouped_path_query_header_cookie() -> None:
    app = Faster()

    @app.get("/items/{item_id}")
    async def read(
        p: Annotated[int, Depends(pagination)],
        x_token: Annotated[str | None, Header()] = None,
        item_id: int = 0,
        q: str | None = None,
        s: Annotated[None, Depends(session)] = None,
    ) -> int:
        return p

    parameters = app.openapi()["paths"]["/items/{item_id}"]["get"]["parameters"]
    assert [(p["in"], p["name"]) for p in parameters] == [
        ("path", "item_id"),
        ("query", "q"),
        ("query", "skip"),
        ("query", "limit"),
        ("header", "x-token"),
        ("header", "x-trace"),
        ("cookie", "session_id"),
    ]
