# main.py
import msgspec

from FasterAPI import Faster, WebSocket

app = Faster()


class Item(msgspec.Struct):
    id: int
    name: str
    price: float


ITEMS = [Item(id=1, name="Widget", price=9.99), Item(id=2, name="Gadget", price=4.5)]


@app.get("/items")
async def list_items() -> list[Item]:
    return ITEMS


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> Item:
    return Item(id=item_id, name="Widget", price=9.99)


@app.websocket("/ws")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    text = await websocket.receive_text()
    await websocket.send_text(f"Echo: {text}")
    await websocket.close()
