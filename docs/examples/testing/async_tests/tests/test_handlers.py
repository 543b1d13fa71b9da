# tests/test_handlers.py
import pytest

from main import get_item


@pytest.mark.asyncio  # optional with asyncio_mode = "auto"
async def test_get_item():
    result = await get_item(item_id=1)
    assert result.id == 1
    assert result.name == "Widget"
    assert result.price == 9.99
