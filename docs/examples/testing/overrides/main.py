# main.py
from typing import Annotated

from FasterAPI import Depends, Faster, Header, HTTPException

app = Faster()


async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100) -> dict[str, object]:
    return {"q": q, "skip": skip, "limit": limit}


async def current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    if authorization is None or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="Not authenticated")
    return authorization.removeprefix("Bearer ")  # a real app would verify the token


@app.get("/items/")
async def read_items(commons: Annotated[dict[str, object], Depends(common_parameters)]) -> dict[str, object]:
    return {"message": "Hello Items!", "params": commons}


@app.get("/me")
async def read_me(user: Annotated[str, Depends(current_user)]) -> dict[str, str]:
    return {"user": user}
