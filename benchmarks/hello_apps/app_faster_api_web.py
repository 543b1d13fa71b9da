"""The public faster-api-web 0.2: it does not convert path or query values, so the handler does."""

from __future__ import annotations

from typing import Any

import msgspec

from FasterAPI import Faster, PlainTextResponse, Query

app = Faster(openapi_url=None, docs_url=None, redoc_url=None)


class Message(msgspec.Struct):
    message: str


@app.get("/json")
async def json_hello() -> Message:
    return Message(message="Hello, World!")


@app.get("/plaintext")
async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


@app.get("/users/{user_id}")
async def get_user(user_id: str, verbose: str = Query("false")) -> dict[str, Any]:
    number = int(user_id)
    return {"id": number, "verbose": verbose.lower() in ("true", "1", "yes", "on"), "name": f"user{number}"}
