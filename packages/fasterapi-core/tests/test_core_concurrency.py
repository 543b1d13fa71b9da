"""``run_in_threadpool`` and ``is_coroutine`` (the process-pool and uvloop helpers live in fasterapi-extras)."""

from __future__ import annotations

import functools

from fasterapi_core.concurrency import is_coroutine, run_in_threadpool


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
