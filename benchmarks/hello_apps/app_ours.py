"""Ours: the three endpoints as a FasterAPI user writes them (typed parameters, a Struct)."""

from __future__ import annotations

from typing import Any

import msgspec

from FasterAPI import Faster
from FasterAPI.responses import PlainTextResponse

app = Faster(openapi_url=None, docs_url=None, redoc_url=None)


class Message(msgspec.Struct):
    message: str


@app.get("/json")
async def json_hello() -> Message:
    return Message(message="Hello, World!")


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/users/{user_id}")
async def get_user(user_id: int, verbose: bool = False) -> dict[str, Any]:
    return {"id": user_id, "verbose": verbose, "name": f"user{user_id}"}
