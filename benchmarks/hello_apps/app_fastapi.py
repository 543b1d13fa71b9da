"""FastAPI: the three endpoints as its docs teach (typed parameters, a pydantic model)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


class Message(BaseModel):
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
