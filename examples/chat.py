"""A WebSocket chat with rooms: ``fasterapi dev examples/chat.py``, then open ``/`` in two browser tabs."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

import msgspec

from FasterAPI import Faster, HTMLResponse, Query, WebSocket, WebSocketDisconnect


class Message(msgspec.Struct):
    room: str
    user: str
    text: str


class Rooms:
    """Open sockets per room; a message goes to everyone in the room."""

    def __init__(self) -> None:
        self.members: dict[str, list[WebSocket]] = defaultdict(list)

    async def join(self, room: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.members[room].append(websocket)

    def leave(self, room: str, websocket: WebSocket) -> None:
        self.members[room].remove(websocket)
        if not self.members[room]:
            del self.members[room]

    async def broadcast(self, message: Message) -> None:
        for websocket in list(self.members.get(message.room, ())):
            await websocket.send_json(msgspec.to_builtins(message))


rooms = Rooms()
app = Faster(title="Chat")

PAGE = """<!doctype html>
<title>Chat</title>
<input id="name" placeholder="name" value="guest"> <input id="text" placeholder="message">
<ul id="log"></ul>
<script>
  const ws = new WebSocket(`ws://${location.host}/ws/lobby?user=${document.getElementById("name").value}`);
  ws.onmessage = (e) => { const m = JSON.parse(e.data); const li = document.createElement("li");
    li.textContent = `${m.user}: ${m.text}`; document.getElementById("log").append(li); };
  document.getElementById("text").onkeydown = (e) => {
    if (e.key === "Enter") { ws.send(JSON.stringify({text: e.target.value})); e.target.value = ""; } };
</script>
"""


@app.get("/", response_class=HTMLResponse)
async def page() -> str:
    return PAGE


@app.get("/rooms")
async def list_rooms() -> dict[str, int]:
    return {room: len(members) for room, members in rooms.members.items()}


@app.websocket("/ws/{room}")
async def chat(websocket: WebSocket, room: str, user: Annotated[str, Query(min_length=1, max_length=32)]) -> None:
    await rooms.join(room, websocket)
    await rooms.broadcast(Message(room, "system", f"{user} joined"))
    try:
        while True:
            data = await websocket.receive_json()
            text = str(data.get("text", "")).strip() if isinstance(data, dict) else ""
            if text:
                await rooms.broadcast(Message(room, user, text))
    except WebSocketDisconnect:
        rooms.leave(room, websocket)
        await rooms.broadcast(Message(room, "system", f"{user} left"))
