"""The floor: a hand-written ASGI callable answering the same three endpoints with msgspec, nothing else."""

from __future__ import annotations

from typing import Any

import msgspec

encode = msgspec.json.Encoder().encode
JSON = [(b"content-type", b"application/json")]
TEXT = [(b"content-type", b"text/plain; charset=utf-8")]


async def respond(send: Any, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path: str = scope["path"]
    if path == "/json":
        await respond(send, 200, JSON, encode({"message": "Hello, World!"}))
    elif path == "/plaintext":
        await respond(send, 200, TEXT, b"Hello, World!")
    elif path.startswith("/users/") and path[7:].isdigit():
        verbose = False
        for pair in scope["query_string"].split(b"&"):
            key, _, value = pair.partition(b"=")
            if key == b"verbose":
                verbose = value.lower() in (b"true", b"1", b"yes", b"on")
        user_id = int(path[7:])
        await respond(send, 200, JSON, encode({"id": user_id, "verbose": verbose, "name": f"user{user_id}"}))
    else:
        await respond(send, 404, JSON, b'{"detail":"Not Found"}')
