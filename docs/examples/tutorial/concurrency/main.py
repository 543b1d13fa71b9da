import hashlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from FasterAPI import Faster
from FasterAPI.concurrency import SubInterpreterPool, run_in_threadpool

pool = SubInterpreterPool(max_workers=2)  # workers start on first use


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[None]:
    yield
    pool.shutdown()  # stop the workers with the app


app = Faster(lifespan=lifespan)


def slow_io(seconds: float) -> str:
    time.sleep(seconds)  # a blocking client library, a file system call, ...
    return "done"


def crunch(data: bytes, rounds: int) -> str:
    digest = data
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


@app.get("/io")
async def io_bound() -> dict[str, str]:
    # Blocking calls go to a worker thread, so the event loop keeps serving other requests.
    return {"result": await run_in_threadpool(slow_io, 0.01)}


@app.get("/hash")
async def cpu_bound(rounds: int = 1000) -> dict[str, str]:
    # CPU-heavy work goes to another interpreter (Python 3.14+) or process, off the GIL of this one.
    return {"digest": await pool.run(crunch, b"seed", rounds)}


@app.get("/sync")
def plain_sync_handler() -> dict[str, str]:
    # A plain ``def`` handler already runs in a worker thread.
    return {"result": slow_io(0.01)}
