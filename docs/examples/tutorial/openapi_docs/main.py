import msgspec

from FasterAPI import Faster, FasterRouter

tags_metadata = [{"name": "items", "description": "Operations with items."}]

app = Faster(
    title="Shop",
    version="2.1.0",
    description="Sells **things**.",
    openapi_tags=tags_metadata,
    docs_url="/docs",  # Swagger UI
    redoc_url="/redoc",  # ReDoc; set either to None to turn it off (openapi_url=None turns off all three)
)
router = FasterRouter(prefix="/items", tags=["items"])


class Item(msgspec.Struct):
    name: str
    price: float


@router.get("/{item_id}", summary="Read one item", responses={404: {"description": "No such item"}})
async def read_item(item_id: int) -> Item:
    """Return the item with this id."""
    return Item(name="Widget", price=9.99)


@router.post("/", status_code=201)
async def create_item(item: Item) -> Item:
    return item


@app.get("/internal", include_in_schema=False)
async def internal() -> dict[str, str]:
    return {"hidden": "from the docs"}


app.include_router(router)
