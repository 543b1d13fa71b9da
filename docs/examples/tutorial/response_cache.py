# --8<-- [start:app]
from FasterAPI import Faster, RedisCacheMiddleware


class MemoryStore:
    """Stands in for ``redis.asyncio.Redis.from_url("redis://...")``: the same get/set coroutines."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    async def get(self, name: str) -> bytes | None:
        return self.data.get(name)

    async def set(self, name: str, value: bytes, ex: int | None = None) -> None:
        self.data[name] = value


app = Faster()
app.add_middleware(RedisCacheMiddleware, redis_client=MemoryStore(), ttl=30)
computed: list[int] = []


@app.get("/report/{year}")
async def report(year: int) -> dict[str, int]:
    computed.append(year)  # expensive work
    return {"year": year, "total": 42}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_cached_per_url_and_per_user() -> None:
    client = TestClient(app)
    assert client.get("/report/2024").headers["x-cache"] == "MISS"
    assert client.get("/report/2024").headers["x-cache"] == "HIT"
    other_user = client.get("/report/2024", headers={"Authorization": "Bearer someone-else"})
    assert other_user.headers["x-cache"] == "MISS"
    assert computed == [2024, 2024]


# --8<-- [end:test]
