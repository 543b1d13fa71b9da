# --8<-- [start:app]
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from FasterAPI import Faster, Request

ml_models: dict[str, object] = {}


@asynccontextmanager
async def lifespan(app: Faster) -> AsyncIterator[dict[str, object]]:
    ml_models["answer"] = lambda: 42  # load something expensive once
    yield {"greeting": "hello"}  # lifespan state: copied into every request's ``request.state``
    ml_models.clear()  # release it on shutdown


app = Faster(lifespan=lifespan)


@app.get("/predict")
async def predict(request: Request) -> dict[str, object]:
    return {"result": ml_models["answer"](), "greeting": request.state.greeting}  # type: ignore[operator]


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_lifespan_runs_around_the_client_block() -> None:
    with TestClient(app) as client:  # ``with`` runs startup, then shutdown on exit
        assert client.get("/predict").json() == {"result": 42, "greeting": "hello"}
    assert ml_models == {}


# --8<-- [end:test]
