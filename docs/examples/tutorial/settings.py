# --8<-- [start:app]
import os
from functools import lru_cache
from typing import Annotated

import msgspec

from FasterAPI import Depends, Faster


class Settings(msgspec.Struct, frozen=True):
    app_name: str = "Awesome API"
    admin_email: str = "admin@example.com"
    items_per_user: int = 50


@lru_cache
def get_settings() -> Settings:
    """Read ``APP_*`` environment variables once; msgspec converts and validates them."""
    raw = {key[4:].lower(): value for key, value in os.environ.items() if key.startswith("APP_")}
    return msgspec.convert(raw, Settings, strict=False)


app = Faster()


@app.get("/info")
async def info(settings: Annotated[Settings, Depends(get_settings)]) -> Settings:
    return settings


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_settings_from_the_environment_and_overridden_in_tests() -> None:
    get_settings.cache_clear()
    os.environ["APP_ITEMS_PER_USER"] = "7"
    try:
        client = TestClient(app)
        assert client.get("/info").json()["items_per_user"] == 7
        app.dependency_overrides[get_settings] = lambda: Settings(app_name="Test")
        assert client.get("/info").json()["app_name"] == "Test"
    finally:
        app.dependency_overrides.clear()
        del os.environ["APP_ITEMS_PER_USER"]
        get_settings.cache_clear()


# --8<-- [end:test]
