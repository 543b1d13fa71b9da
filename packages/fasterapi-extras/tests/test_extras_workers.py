"""``run_in_executor`` (a shared process pool) and ``install_event_loop`` (opt-in uvloop)."""

from __future__ import annotations

import asyncio
import math
import operator
import os
from collections.abc import Iterator

import pytest

from fasterapi_extras.event_loop import install_event_loop
from fasterapi_extras.workers import run_in_executor, shutdown_process_pool


@pytest.fixture
def process_pool() -> Iterator[None]:
    yield
    shutdown_process_pool()


async def test_run_in_executor_computes_in_another_process(process_pool: None) -> None:
    assert await run_in_executor(math.factorial, 20) == 2432902008176640000
    assert await run_in_executor(operator.add, 2, 3) == 5
    assert await run_in_executor(int, "ff", base=16) == 255
    assert await run_in_executor(os.getpid) != os.getpid()
    with pytest.raises(ValueError, match="invalid literal"):
        await run_in_executor(int, "not a number")


async def test_the_pool_starts_again_after_a_shutdown(process_pool: None) -> None:
    first = await run_in_executor(os.getpid)
    shutdown_process_pool()
    second = await run_in_executor(os.getpid)
    assert first != second  # a new worker process
    shutdown_process_pool()
    shutdown_process_pool()  # stopping a stopped pool is harmless


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
