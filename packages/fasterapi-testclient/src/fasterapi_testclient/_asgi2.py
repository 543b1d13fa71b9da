"""Tell ASGI 2 apps (``app(scope)`` returning ``async (receive, send)``) from ASGI 3 ones, and wrap them.

Servers and Starlette's client accept both styles; the rest of this package speaks ASGI 3 only.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, cast

from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["as_asgi3", "is_asgi3"]

ASGI2App = Callable[[Scope], Callable[[Receive, Send], Awaitable[None]]]


def is_asgi3(app: object) -> bool:
    """True for ``app(scope, receive, send)``.

    A class is ASGI 3 only when its instances are awaitable (``__await__``), as in Starlette; a class
    built from the scope alone is the classic ASGI 2 shape. A coroutine function (or an object whose
    ``__call__`` is one) is ASGI 3. Any other callable is ASGI 3 when it accepts three positional
    arguments, so a plain function returning an awaitable is not mistaken for ASGI 2.
    """
    if inspect.isclass(app):
        return hasattr(app, "__await__")
    call = inspect.getattr_static(type(app), "__call__", None)
    if inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(call):
        return True
    try:
        inspect.signature(cast(Callable[..., Any], app)).bind(None, None, None)
    except TypeError:
        return False
    except ValueError:  # no signature to inspect (some builtins): assume the current protocol
        return True
    return True


def as_asgi3(app: ASGIApp | ASGI2App) -> ASGIApp:
    """``app`` itself when it is ASGI 3, else an ASGI 3 wrapper that builds the ASGI 2 instance per scope."""
    if is_asgi3(app):
        return cast(ASGIApp, app)
    asgi2 = cast(ASGI2App, app)

    async def asgi3(scope: Scope, receive: Receive, send: Send) -> None:
        instance = asgi2(scope)
        await instance(receive, send)

    asgi3.__wrapped__ = app  # type: ignore[attr-defined]
    return asgi3
