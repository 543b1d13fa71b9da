"""``SubInterpreterPool`` and ``run_in_subinterpreter``: parallel workers that never fork the server process.

Workers import the function they run by module name, as they would from a user's app module: the
tests write such a module to disk instead of defining functions here (pytest imports test modules
under names no worker could import).
"""

from __future__ import annotations

import importlib
import math
import operator
import os
import pickle
import sys
import textwrap
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from fasterapi_extras.subinterpreters import (
    SubInterpreterPool,
    run_in_subinterpreter,
    shutdown_default_pool,
    subinterpreters_available,
)

APP_MODULE = """
import os


def power(base, exponent=2):
    return base**exponent


def fail():
    raise ValueError("boom")


def worker_pid():
    return os.getpid()


def marker():
    return globals().get("MARKER")
"""


def _write_module(folder: Path, name: str) -> ModuleType:
    (folder / f"{name}.py").write_text(textwrap.dedent(APP_MODULE))
    return importlib.import_module(name)


@pytest.fixture
def app_module(tmp_path: Path) -> Iterator[ModuleType]:
    """A module on ``sys.path``, like the module of an app served with ``uvicorn main:app``."""
    name = f"extras_pool_app_{os.getpid()}_{tmp_path.name}".replace("-", "_")
    sys.path.insert(0, str(tmp_path))
    try:
        yield _write_module(tmp_path, name)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


async def test_pool_runs_module_level_functions_with_arguments(app_module: ModuleType) -> None:
    with SubInterpreterPool(max_workers=2) as pool:
        assert await pool.run(app_module.power, 12) == 144
        assert await pool.run(app_module.power, 2, exponent=10) == 1024
        assert await pool.run(math.factorial, 20) == 2432902008176640000
        with pytest.raises(ValueError, match="boom"):
            await pool.run(app_module.fail)
        pid = await pool.run(app_module.worker_pid)
    assert pool.uses_subinterpreters is subinterpreters_available()
    assert pid != os.getpid() or pool.uses_subinterpreters  # processes have their own pid; interpreters do not


async def test_workers_are_not_forked_from_a_multi_threaded_server(app_module: ModuleType) -> None:
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)  # a server always has more threads than the loop's
    busy.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Python 3.12+ warns when forking a multi-threaded process
            app_module.MARKER = "set in the server after import"
            with SubInterpreterPool(max_workers=1) as pool:
                assert await pool.run(operator.mul, 6, 7) == 42
                # A forked child would inherit the server's memory; these workers import the module afresh.
                assert await pool.run(app_module.marker) is None
                if not pool.uses_subinterpreters:
                    assert pool.start_method in {"forkserver", "spawn"}
    finally:
        stop.set()
        busy.join()


async def test_a_function_workers_cannot_import_is_a_clear_error(tmp_path: Path) -> None:
    name = f"extras_vanished_{os.getpid()}"
    sys.path.insert(0, str(tmp_path))
    try:
        module = _write_module(tmp_path, name)
    finally:
        sys.path.remove(str(tmp_path))  # the workers will not find the module any more
    try:
        with SubInterpreterPool(max_workers=1) as pool:
            with pytest.raises(ImportError, match="top level of a module they can import"):
                await pool.run(module.power, 3)
            assert await pool.run(operator.add, 1, 2) == 3  # the worker survived
    finally:
        sys.modules.pop(name, None)


async def test_functions_that_cannot_be_pickled_fail_in_the_caller() -> None:
    def local_function() -> int:
        return 1

    unpicklable = (AttributeError, pickle.PicklingError)
    with SubInterpreterPool(max_workers=1) as pool, pytest.raises(unpicklable, match="local"):
        await pool.run(local_function)


async def test_module_level_helper_and_its_shutdown(app_module: ModuleType) -> None:
    try:
        assert await run_in_subinterpreter(app_module.power, 7) == 49
    finally:
        shutdown_default_pool()
    assert await run_in_subinterpreter(app_module.power, 3) == 9  # a fresh pool after shutdown
    shutdown_default_pool()
