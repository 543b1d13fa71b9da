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
