"""``run_in_threadpool`` and ``is_coroutine``, the one "is this async" check (pools live in fasterapi-extras)."""

from __future__ import annotations

import functools

from fasterapi_core import BackgroundTasks, Depends, Faster, JSONResponse, Request
from fasterapi_core.concurrency import is_coroutine, run_in_threadpool
from fasterapi_testclient import TestClient


async def test_run_in_threadpool_passes_keyword_arguments() -> None:
    assert await run_in_threadpool(int, "ff", base=16) == 255


class AsyncCallable:
    async def __call__(self) -> int:
        return 1


class SyncCallable:
    def __call__(self) -> int:
        return 1


async def coroutine_function(x: int) -> int:
    return x


def plain_function(x: int) -> int:
    return x


def test_is_coroutine_recognises_every_async_shape() -> None:
    assert is_coroutine(coroutine_function)
    assert is_coroutine(functools.partial(coroutine_function, 1))
    assert is_coroutine(AsyncCallable())
    assert not is_coroutine(plain_function)
    assert not is_coroutine(functools.partial(plain_function, 1))
    assert not is_coroutine(SyncCallable())
    assert not is_coroutine(AsyncCallable)  # the class itself: calling it builds an instance


class Greeting:
    """An async callable instance, wrapped in a ``partial``: the shape a plain ``iscoroutinefunction`` misses."""

    async def __call__(self, name: str) -> str:
        return f"hello {name}"


class Refusal(Exception):
    pass


class AsyncHandler:
    async def __call__(self, request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"refused": str(exc)}, status_code=409)


def test_every_caller_awaits_the_same_async_shapes() -> None:
    """Dependencies, exception handlers, background tasks and lifespan hooks share one "is this async" check."""
    ran: list[str] = []

    async def lifespan_hook() -> None:
        ran.append("startup")

    app = Faster(on_startup=[functools.partial(lifespan_hook)])
    app.add_exception_handler(Refusal, AsyncHandler())

    async def remember(value: str) -> None:
        ran.append(value)

    class Remember:
        async def __call__(self, value: str) -> None:
            ran.append(value)

    @app.get("/greet")
    async def greet(text: str = Depends(functools.partial(Greeting(), "you"))) -> dict[str, str]:
        return {"text": text}

    @app.get("/refuse")
    async def refuse() -> None:
        raise Refusal("no")

    @app.get("/later")
    async def later(tasks: BackgroundTasks) -> None:
        tasks.add_task(functools.partial(Remember(), "task"))

    with TestClient(app) as client:
        assert client.get("/greet").json() == {"text": "hello you"}
        refused = client.get("/refuse")
        assert (refused.status_code, refused.json()) == (409, {"refused": "no"})
        assert client.get("/later").status_code == 200
    assert ran == ["startup", "task"]
