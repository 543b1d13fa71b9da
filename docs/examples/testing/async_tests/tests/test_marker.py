# tests/test_marker.py
import pytest

from main import list_items

pytestmark = pytest.mark.asyncio


async def test_list_items_directly():
    items = await list_items()
    assert [item.name for item in items] == ["Widget", "Gadget"]
