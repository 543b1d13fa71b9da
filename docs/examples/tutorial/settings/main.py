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
