"""Serving websocket routes: plan the endpoint with core's DI, run it, close on errors."""

from __future__ import annotations

import logging
from typing import Any

from fasterapi_core._solver import RequestContext, call_endpoint, solve
from fasterapi_core.dependencies import get_dependant
from fasterapi_core.exceptions import WebSocketException

from .websockets import WebSocket, WebSocketState

__all__ = ["compile_websocket_route"]

logger = logging.getLogger("fasterapi.websocket")


def compile_websocket_route(route: Any) -> None:
    """Plan ``route.endpoint`` once and install ``route.handle`` for websocket scopes."""
    dependant = get_dependant(route.endpoint, path_param_names=frozenset(route.template.param_names))
    route.dependant = dependant

    async def handle(scope: dict[str, Any], receive: Any, send: Any, path_params: dict[str, Any]) -> None:
        websocket = WebSocket(scope, receive, send)
        ctx = RequestContext(scope, receive, path_params)
        ctx.connection = websocket
        try:
            kwargs = await solve(dependant, ctx)
            if ctx.errors:
                await websocket.close(1008, "validation error")
                return
            await call_endpoint(dependant, kwargs)
        except WebSocketException as exc:
            if websocket.application_state is not WebSocketState.DISCONNECTED:
                await websocket.close(exc.code, exc.reason)
        except Exception:
            logger.exception("Exception in websocket endpoint %s", route.path)
            if websocket.application_state is not WebSocketState.DISCONNECTED:
                await websocket.close(1011)
            raise
        finally:
            if ctx.exit_stack is not None:
                await ctx.exit_stack.aclose()

    route.handle = handle
