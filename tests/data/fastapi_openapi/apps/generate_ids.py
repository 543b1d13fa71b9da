from FasterAPI import APIRouter, FastAPI
from FasterAPI.routing import APIRoute


def custom_generate_unique_id(route: APIRoute):
    return f"{route.tags[0]}-{route.name}"


app = FastAPI(generate_unique_id_function=custom_generate_unique_id)
router = APIRouter(tags=["users"])


@app.post("/items/", tags=["items"])
async def create_item(name: str):
    return {"name": name}


@router.get("/users/")
async def get_users():
    return []


app.include_router(router)
