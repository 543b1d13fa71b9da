# --8<-- [start:app]
from FasterAPI import Faster

app = Faster()


@app.get("/")
async def root() -> dict[str, str]:
    return {"message": "Hello, World"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None) -> dict[str, object]:
    return {"item_id": item_id, "q": q}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_first_app() -> None:
    client = TestClient(app)
    assert client.get("/").json() == {"message": "Hello, World"}
    assert client.get("/items/5?q=somequery").json() == {"item_id": 5, "q": "somequery"}
    response = client.get("/items/five")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]


# --8<-- [end:test]
