"""``fastapi.sse`` equivalent: Server-Sent Events (``response_class=EventSourceResponse`` on a route that yields)."""

from fasterapi_core import EventSourceResponse as EventSourceResponse, ServerSentEvent as ServerSentEvent

__all__ = ["EventSourceResponse", "ServerSentEvent"]
