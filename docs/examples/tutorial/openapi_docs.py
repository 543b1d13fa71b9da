# --8<-- [start:app]
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
# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_openapi_document() -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"] == {"title": "Shop", "version": "2.1.0", "description": "Sells **things**."}
    operation = schema["paths"]["/items/{item_id}"]["get"]
    assert operation["summary"] == "Read one item"
    assert operation["tags"] == ["items"]
    assert operation["parameters"][0]["name"] == "item_id"
    assert "404" in operation["responses"]
    assert "/internal" not in schema["paths"]
    assert schema == app.openapi()


def test_docs_pages() -> None:
    assert "swagger-ui" in client.get("/docs").text
    assert "redoc" in client.get("/redoc").text.lower()


# --8<-- [end:test]
