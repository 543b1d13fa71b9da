"""``run_in_subinterpreter`` and ``SubInterpreterPool`` run functions in parallel workers."""

import os

import pytest

from fasterapi_core.subinterpreters import (
    SubInterpreterPool,
    run_in_subinterpreter,
    shutdown_default_pool,
    subinterpreters_available,
)


def power(base: int, exponent: int = 2) -> int:
    return int(base**exponent)


def worker_pid() -> int:
    return os.getpid()


def fail() -> None:
    raise ValueError("boom")


async def test_pool_runs_functions_with_arguments_and_returns_results() -> None:
    with SubInterpreterPool(max_workers=2) as pool:
        assert await pool.run(power, 12) == 144
        assert await pool.run(power, 2, exponent=10) == 1024
        with pytest.raises(ValueError, match="boom"):
            await pool.run(fail)
        pid = await pool.run(worker_pid)
    assert pool.uses_subinterpreters is subinterpreters_available()
    assert pid != os.getpid() or pool.uses_subinterpreters  # processes have their own pid; interpreters do not


async def test_module_level_helper_and_its_shutdown() -> None:
    try:
        assert await run_in_subinterpreter(power, 7) == 49
    finally:
        shutdown_default_pool()
    assert await run_in_subinterpreter(power, 3) == 9  # a fresh pool after shutdown
    shutdown_default_pool()
