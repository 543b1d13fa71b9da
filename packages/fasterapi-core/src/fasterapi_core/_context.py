"""``RequestContext``: one request's parsed inputs, shared by the solver and the form extractor.

Below both ``solver`` and ``_form_params``, so neither has to import the other.
"""

from __future__ import annotations

import contextlib
from typing import Any

from .background import BackgroundTasks
from .datastructures import query_dict
from .requests import HTTPConnection, Request, _parse_cookies
from .responses import Response
from .types import Receive, Scope

__all__ = ["RequestContext", "content_type_of", "cookies_of"]


class RequestContext:
    """Per-request state shared by every dependency: parsed inputs, cache, exit stack."""

    __slots__ = (
        "background",
        "body",
        "cache",
        "connection",
        "cookies",
        "errors",
        "exit_stack",
        "function_stack",
        "headers",
        "overrides",
        "path_params",
        "query",
        "receive",
        "response",
        "scope",
    )

    def __init__(self, scope: Scope, receive: Receive, path_params: dict[str, Any]) -> None:
        self.scope = scope
        self.receive = receive
        self.path_params = path_params
        self.query: dict[str, list[str]] | None = None
        self.headers: dict[str, list[str]] | None = None
        self.cookies: dict[str, str] | None = None
        self.body: bytes | None = None
        self.cache: dict[Any, Any] = {}
        self.errors: list[dict[str, Any]] = []
        self.connection: HTTPConnection | None = None
        self.response: Response | None = None
        self.background: BackgroundTasks | None = None
        self.exit_stack: contextlib.AsyncExitStack | None = None
        #: Exit stack of ``Depends(..., scope="function")`` dependencies, closed before the response.
        self.function_stack: contextlib.AsyncExitStack | None = None
        app = scope.get("app")
        self.overrides: Any = getattr(app, "dependency_overrides", None) or None

    def get_connection(self) -> HTTPConnection:
        if self.connection is None:
            request = Request(self.scope, self.receive)
            if self.body is not None:
                request._body = self.body  # already read by a body parameter: share it
            self.connection = request
        return self.connection

    def content_type(self) -> str | None:
        return content_type_of(self.scope)

    def get_query(self) -> dict[str, list[str]]:
        if self.query is None:
            self.query = query_dict(self.scope.get("query_string", b""))
        return self.query

    def get_headers(self) -> dict[str, list[str]]:
        if self.headers is None:
            headers: dict[str, list[str]] = {}
            for key, value in self.scope.get("headers", ()):
                headers.setdefault(key.decode("latin-1").lower(), []).append(value.decode("latin-1"))
            self.headers = headers
        return self.headers

    def get_cookies(self) -> dict[str, str]:
        if self.cookies is None:
            values = self.get_headers().get("cookie")
            self.cookies = _parse_cookies("; ".join(values)) if values else {}
        return self.cookies


def content_type_of(scope: Scope) -> str | None:
    """The first ``Content-Type`` header, read straight from the scope."""
    for key, value in scope.get("headers", ()):
        if key == b"content-type" or (len(key) == 12 and key.lower() == b"content-type"):
            decoded: str = value.decode("latin-1")
            return decoded
    return None


def cookies_of(scope: Scope) -> dict[str, str]:
    """The request's cookies, read straight from the scope (every ``Cookie`` header, joined)."""
    values = [value.decode("latin-1") for key, value in scope.get("headers", ()) if key.lower() == b"cookie"]
    return _parse_cookies("; ".join(values)) if values else {}
