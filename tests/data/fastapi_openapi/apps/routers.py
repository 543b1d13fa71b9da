from typing import Annotated

from FasterAPI import APIRouter, Depends, FastAPI, Header, HTTPException


async def get_token_header(x_token: Annotated[str, Header()]):
    if x_token != "fake-super-secret-token":
        raise HTTPException(status_code=400, detail="X-Token header invalid")


async def get_query_token(token: str):
    if token != "jessica":
        raise HTTPException(status_code=400, detail="No Jessica token provided")


users = APIRouter()


@users.get("/users/", tags=["users"])
async def read_users():
    return [{"username": "Rick"}, {"username": "Morty"}]


@users.get("/users/{username}", tags=["users"])
async def read_user(username: str):
    return {"username": username}


items = APIRouter(
    prefix="/items",
    tags=["items"],
    dependencies=[Depends(get_token_header)],
    responses={404: {"description": "Not found"}},
)


@items.get("/")
async def read_items():
    return {}


@items.put("/{item_id}", tags=["custom"], responses={403: {"description": "Operation forbidden"}})
async def update_item(item_id: str):
    return {"item_id": item_id}


admin = APIRouter()


@admin.post("/")
async def update_admin():
    return {"message": "Admin getting schwifty"}


app = FastAPI(dependencies=[Depends(get_query_token)])
app.include_router(users)
app.include_router(items)
app.include_router(
    admin,
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(get_token_header)],
    responses={418: {"description": "I'm a teapot"}},
)


@app.get("/")
async def root():
    return {"message": "Hello Bigger Applications!"}
