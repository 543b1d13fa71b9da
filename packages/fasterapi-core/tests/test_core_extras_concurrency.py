"""``faster-api-web``'s concurrency helpers: ``run_in_executor``, ``is_coroutine``, ``install_event_loop``."""

from __future__ import annotations

import asyncio
import functools
import math
import operator
from collections.abc import Iterator

import pytest

from fasterapi_core.concurrency import (
    install_event_loop,
    is_coroutine,
    run_in_executor,
    run_in_threadpool,
    shutdown_process_pool,
)


@pytest.fixture
def process_pool() -> Iterator[None]:
    yield
    shutdown_process_pool()


async def test_run_in_executor_computes_in_another_process(process_pool: None) -> None:
    import os

    assert await run_in_executor(math.factorial, 20) == 2432902008176640000
    assert await run_in_executor(operator.add, 2, 3) == 5
    child_pid = await run_in_executor(os.getpid)
    assert child_pid != os.getpid()


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


def test_install_event_loop_reports_the_loop_in_use() -> None:
    previous = asyncio.get_event_loop_policy()
    try:
        chosen = install_event_loop()
        try:
            import uvloop
        except ImportError:
            assert chosen == "asyncio"
        else:
            assert chosen == "uvloop"
            assert isinstance(asyncio.get_event_loop_policy(), uvloop.EventLoopPolicy)
    finally:
        asyncio.set_event_loop_policy(previous)
