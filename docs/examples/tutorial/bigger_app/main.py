from FasterAPI import Depends, Faster

from .dependencies import get_query_token
from .routers import items, users

app = Faster(dependencies=[Depends(get_query_token)])
app.include_router(users.router)
app.include_router(items.router)


@app.get("/")
async def root() -> dict[str, str]:
    return {"message": "Hello Bigger Applications!"}
