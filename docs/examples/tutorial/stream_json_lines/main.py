from collections.abc import AsyncIterable, Iterable

import msgspec

from FasterAPI import Faster


class Item(msgspec.Struct):
    name: str
    description: str | None


ITEMS = [
    Item(name="Plumbus", description="A multi-purpose household device."),
    Item(name="Portal Gun", description="A portal opening device."),
    Item(name="Meeseeks Box", description="A box that summons a Meeseeks."),
]

app = Faster()


@app.get("/items/stream")
async def stream_items() -> AsyncIterable[Item]:
    for item in ITEMS:
        yield item


@app.get("/items/stream-from-a-thread")
def stream_items_blocking() -> Iterable[Item]:
    yield from ITEMS  # a sync generator runs in the worker threads, like a sync handler
