from enum import Enum

from FasterAPI import FastAPI

description = """
ChimichangApp API helps you do awesome stuff.

## Items

You can **read items**.
"""

tags_metadata = [
    {"name": "users", "description": "Operations with users. The **login** logic is also here."},
    {
        "name": "items",
        "description": "Manage items. So _fancy_ they have their own docs.",
        "externalDocs": {"description": "Items external docs", "url": "https://fastapi.tiangolo.com/"},
    },
]


class Tags(Enum):
    items = "items"
    users = "users"


app = FastAPI(
    title="ChimichangApp",
    description=description,
    summary="Deadpool's favorite app. Nuff said.",
    version="0.0.1",
    terms_of_service="http://example.com/terms/",
    contact={
        "name": "Deadpoolio the Amazing",
        "url": "http://x-force.example.com/contact/",
        "email": "dp@x-force.example.com",
    },
    license_info={"name": "Apache 2.0", "identifier": "MIT"},
    openapi_tags=tags_metadata,
    servers=[{"url": "https://stag.example.com", "description": "Staging environment"}],
)


@app.get("/users/", tags=["users"])
async def get_users():
    return [{"name": "Harry"}, {"name": "Ron"}]


@app.get("/items/", tags=[Tags.items])
async def get_items():
    return [{"name": "wand"}, {"name": "flying broom"}]


@app.get("/both/", tags=["items", "users"])
async def get_both():
    return []
