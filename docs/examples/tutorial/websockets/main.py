from typing import Annotated

from FasterAPI import Faster, Query, WebSocket, WebSocketDisconnect

app = Faster()


class ConnectionManager:
    """Keeps the open sockets of a chat room and sends a message to all of them."""

    def __init__(self) -> None:
        self.active: list[WebSocket] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.active.append(websocket)

    def disconnect(self, websocket: WebSocket) -> None:
        self.active.remove(websocket)

    async def broadcast(self, message: str) -> None:
        for connection in self.active:
            await connection.send_text(message)


manager = ConnectionManager()


@app.websocket("/ws")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        try:
            text = await websocket.receive_text()
        except WebSocketDisconnect:
            break
        await websocket.send_text(f"Echo: {text}")


@app.websocket("/chat/{room}")
async def chat(websocket: WebSocket, room: str, name: Annotated[str, Query()]) -> None:
    await manager.connect(websocket)
    await manager.broadcast(f"{name} joined {room}")
    try:
        while True:
            data = await websocket.receive_json()
            await manager.broadcast(f"{name}: {data['text']}")
    except WebSocketDisconnect:
        manager.disconnect(websocket)
        await manager.broadcast(f"{name} left")
