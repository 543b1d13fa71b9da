"""Startup and shutdown hooks through the ASGI lifespan protocol."""

from typing import Any

from fasterapi_core import Faster


async def drive_lifespan(app: Faster) -> list[str]:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[str] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan", "state": {}}, receive, send)
    return sent


async def test_bare_decorators_run_in_order() -> None:
    app = Faster()
    events: list[str] = []

    @app.on_startup
    async def start() -> None:
        events.append("start")

    @app.on_shutdown
    def stop() -> None:
        events.append("stop")

    sent = await drive_lifespan(app)
    assert events == ["start", "stop"]
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert start.__name__ == "start"
