from enum import Enum
from typing import Annotated

from FasterAPI import Faster, Path, Query

app = Faster()


class Model(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"


@app.get("/users/me")  # static paths win over parameters, whatever the order
async def read_me() -> dict[str, str]:
    return {"user_id": "the current user"}


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> dict[str, int]:
    return {"user_id": user_id}


@app.get("/models/{model}")
async def read_model(model: Model) -> dict[str, str]:
    return {"model": model.value}


@app.get("/files/{file_path:path}")
async def read_file(file_path: str) -> dict[str, str]:
    return {"file_path": file_path}


@app.get("/items/")
async def list_items(
    skip: int = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    tags: Annotated[list[str], Query()] = [],  # noqa: B006 - a default is copied per request
    q: Annotated[str | None, Query(min_length=3, max_length=50)] = None,
) -> dict[str, object]:
    return {"skip": skip, "limit": limit, "tags": tags, "q": q}


@app.get("/orders/{order_id}")
async def read_order(order_id: Annotated[int, Path(title="The order id", gt=0)], verbose: bool = False) -> dict:
    return {"order_id": order_id, "verbose": verbose}
