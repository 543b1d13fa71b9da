"""Serving websocket routes: plan the endpoint with core's DI once, then run it per connection.

How a session ends, by what the endpoint (or a dependency) raised:

- nothing: the connection is closed with 1000 if the endpoint left it open (refused with 403 if it
  never accepted);
- ``WebSocketDisconnect``: the client left; nothing more is sent, and it reaches the server as in
  FastAPI (an endpoint that expects clients to leave catches it);
- ``WebSocketException(code, reason)``: closed with that code;
- invalid parameters: closed with 1008 before accept, the reason listing the problems (``loc: msg``);
- ``HTTPException`` before accept: that HTTP answer as a denial response where the server supports
  it, else close 1008; after accept: close 1008 with the detail as the reason;
- any other exception: closed with 1011 if accepted, then re-raised to the server, which logs it
  (as FastAPI lets it reach the server, which answers 500 to an unaccepted handshake).

A handler the app registered for the exception's class (``app.exception_handler(MyError)``) comes
first: it is called as ``handler(websocket, exc)``; a response it returns before accept is sent as
the denial response, and a connection it leaves open is closed with 1011 (1008 for an
``HTTPException`` or ``WebSocketException``).

Yield dependencies are closed when the session ends, and see the exception that ended it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from fasterapi_core.dependencies import Dependant, plan_endpoint
from fasterapi_core.encoders import encode_json
from fasterapi_core.exception_handlers import http_exception_response, lookup_handler, run_handler
from fasterapi_core.exceptions import FasterAPIError, HTTPException, WebSocketException
from fasterapi_core.solver import RequestContext, call_endpoint, solve
from fasterapi_routing import Route

from .exceptions import WebSocketRequestValidationError
from .websockets import WebSocket, WebSocketDisconnect, WebSocketState, truncate_reason

__all__ = ["WebSocketRoute", "compile_websocket_route", "plan_websocket_endpoint"]


_CONNECTING = WebSocketState.CONNECTING
_CONNECTED = WebSocketState.CONNECTED
_DISCONNECTED = WebSocketState.DISCONNECTED


def plan_websocket_endpoint(endpoint: Any, param_names: Iterable[str], dependencies: Sequence[Any]) -> Dependant:
    """The endpoint's ``Dependant`` (core's ``plan_endpoint``), refusing body and form parameters."""
    dependant = plan_endpoint(endpoint, param_names, dependencies)
    _refuse_body(dependant, endpoint)
    return dependant


def _refuse_body(dependant: Dependant, endpoint: Any) -> None:
    """A websocket handshake has no body: say so at registration instead of closing every connection."""
    stack = [dependant]
    while stack:
        plan = stack.pop()
        if plan.body is not None or plan.form_params:
            names = [name for name, *_ in plan.body.params] if plan.body is not None else []
            names += [param.name for param in plan.form_params]
            where = getattr(plan.call, "__qualname__", repr(plan.call))
            raise FasterAPIError(
                f"websocket route {getattr(endpoint, '__qualname__', endpoint)!r}: {where} takes body or form "
                f"parameters ({', '.join(names)}), which a websocket handshake cannot carry; read messages "
                "with websocket.receive_json() instead, or mark the parameter Query()/Header()"
            )
        stack.extend(sub.dependant for sub in plan.dependencies)


def _max_message_size(options: Mapping[str, Any]) -> int | None:
    value = options.get("max_message_size")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_message_size must be a positive number of bytes or None, got {value!r}")
    return value


class WebSocketRoute(Route):
    """A websocket route: the endpoint planned once at registration, ``handle`` serving each connection.

    Core builds websocket routes with this class (``FasterRouter.route_class_for``).
    """

    __slots__ = ("dependant", "handle")

    def __init__(
        self,
        path: str,
        endpoint: Any,
        *,
        methods: Iterable[str] | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            path, endpoint, methods=["WEBSOCKET"] if methods is None else methods, name=name, options=options
        )
        try:
            self.dependant, self.handle = _compile(self.endpoint, self.template.param_names, self.options)
        except FasterAPIError as exc:
            if type(exc) is FasterAPIError:  # named like HTTP routes' declaration errors: ``WS /ws/{room}: ...``
                exc.args = (f"{self.label}: {exc}", *exc.args[1:])
            raise

    @property
    def label(self) -> str:
        """``WS /ws/{room}``: how errors name this route."""
        return f"WS {self.path}"


def compile_websocket_route(route: Any) -> None:
    """Plan ``route.endpoint`` and set ``route.dependant``/``route.handle`` (kept for one release: core now
    builds ``WebSocketRoute`` objects instead)."""
    route.dependant, route.handle = _compile(route.endpoint, route.template.param_names, route.options)


def _compile(
    endpoint: Any, param_names: Iterable[str], options: Mapping[str, Any]
) -> tuple[Dependant, Callable[..., Awaitable[None]]]:
    """The endpoint's plan and the coroutine function that serves one connection by it."""
    dependant = plan_websocket_endpoint(endpoint, param_names, options.get("dependencies") or ())
    max_message_size = _max_message_size(options)
    connection_names = [name for name, kind in dependant.specials if kind == "connection"]
    call = dependant.call
    # The common ``async def endpoint(websocket)``: no parameters to solve, call it directly.
    direct = (
        dependant.is_coroutine
        and not dependant.dependencies
        and not dependant.all_params()
        and dependant.body is None
        and len(connection_names) == len(dependant.specials)
    )

    async def handle_direct(scope: dict[str, Any], receive: Any, send: Any, path_params: dict[str, Any]) -> None:
        websocket = WebSocket(scope, receive, send, max_message_size=max_message_size)
        try:
            await call(**dict.fromkeys(connection_names, websocket))  # type: ignore[misc]
        except Exception as exc:
            if await _end_after(websocket, exc):
                return
            raise
        await _close_if_open(websocket, 1000, None)

    async def handle(scope: dict[str, Any], receive: Any, send: Any, path_params: dict[str, Any]) -> None:
        websocket = WebSocket(scope, receive, send, max_message_size=max_message_size)
        ctx = RequestContext(scope, receive, path_params)
        ctx.connection = websocket
        try:
            kwargs = await solve(dependant, ctx)
            if ctx.errors:
                raise WebSocketRequestValidationError(ctx.errors)
            await call_endpoint(dependant, kwargs)
        except BaseException as exc:
            stack = ctx.exit_stack
            if stack is not None:
                ctx.exit_stack = None
                await stack.__aexit__(type(exc), exc, exc.__traceback__)
            if isinstance(exc, Exception) and await _end_after(websocket, exc):
                return
            raise
        if ctx.exit_stack is not None:
            await ctx.exit_stack.aclose()
        await _close_if_open(websocket, 1000, None)

    return dependant, handle_direct if direct else handle


async def _close_if_open(websocket: WebSocket, code: int, reason: str | None) -> None:
    """Close unless the connection is already over (closed by us, or the client left)."""
    if websocket.application_state not in (_CONNECTING, _CONNECTED) or websocket.client_state is _DISCONNECTED:
        return
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.close(code, reason)


async def _end_after(websocket: WebSocket, exc: Exception) -> bool:
    """End the session for ``exc``; True when handled, False when it must reach the server."""
    if isinstance(exc, WebSocketDisconnect):
        return False  # the client left and the endpoint did not catch it: it reaches the server, as in FastAPI
    handler = lookup_handler(getattr(websocket.scope.get("app"), "exception_handlers", None) or {}, exc)
    if handler is not None:
        await _run_user_handler(handler, websocket, exc)
        return True
    if isinstance(exc, WebSocketException):
        await _close_if_open(websocket, exc.code, exc.reason)
        return True
    if isinstance(exc, WebSocketRequestValidationError):
        await _close_if_open(websocket, 1008, validation_reason(exc.errors()))
        return True
    if isinstance(exc, HTTPException):
        await _refuse_with_http(websocket, exc)
        return True
    # Unexpected: close with 1011 and raise it on; the server logs it once (the app names the route on it).
    if websocket.application_state is _CONNECTED:
        await _close_if_open(websocket, 1011, None)
    return False


async def _run_user_handler(handler: Any, websocket: WebSocket, exc: Exception) -> None:
    """Call ``handler(websocket, exc)``; a returned response refuses the handshake; then close if still open."""
    result = await run_handler(handler, websocket, exc)
    if (
        result is not None
        and websocket.application_state is _CONNECTING
        and websocket.client_state is not _DISCONNECTED
    ):
        await websocket.send_denial_response(result)
        return
    await _close_if_open(websocket, 1008 if isinstance(exc, (HTTPException, WebSocketException)) else 1011, None)


async def _refuse_with_http(websocket: WebSocket, exc: HTTPException) -> None:
    detail = exc.detail if isinstance(exc.detail, str) else encode_json(exc.detail).decode("utf-8")
    if websocket.application_state is _CONNECTING and websocket.client_state is not _DISCONNECTED:
        await websocket.send_denial_response(http_exception_response(exc))
        return
    await _close_if_open(websocket, 1008, detail)


def validation_reason(errors: list[Any]) -> str:
    """A close reason that fits a frame: ``loc: msg`` per error, joined by ``; ``, cut at 123 bytes."""
    parts = []
    for error in errors:
        loc = ".".join(str(part) for part in error.get("loc") or ())
        parts.append(f"{loc}: {error.get('msg')}")
    return truncate_reason("; ".join(parts))
