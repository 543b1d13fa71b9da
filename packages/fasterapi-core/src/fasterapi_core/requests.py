"""The ``Request``: a lazy view over one HTTP request's ASGI scope and body."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Mapping
from typing import Any

import anyio
import msgspec

from ._formparsers import DEFAULT_MAX_FIELDS, DEFAULT_MAX_FILES, DEFAULT_MAX_PART_SIZE, parse_form
from .datastructures import URL, Address, Headers, QueryParams, State
from .exceptions import HTTPException
from .types import Receive, Scope, Send
from .uploads import FormData

__all__ = ["ClientDisconnect", "FormRequest", "HTTPConnection", "Request"]


class ClientDisconnect(Exception):
    """The client went away while the request body was being read."""


def _parse_cookies(header: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    for chunk in header.split(";"):
        key, sep, value = chunk.partition("=")
        key = key.strip()
        if not sep or not key:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies.setdefault(key, value)
    return cookies


class HTTPConnection(Mapping[str, Any]):
    """What HTTP requests and WebSocket connections share: URL, headers, query, cookies, state."""

    __slots__ = ("_base_url", "_cookies", "_headers", "_query_params", "_state", "_url", "scope")

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._headers: Headers | None = None
        self._query_params: QueryParams | None = None
        self._cookies: dict[str, str] | None = None
        self._url: URL | None = None
        self._base_url: URL | None = None
        self._state: State | None = None

    def __getitem__(self, key: str) -> Any:
        return self.scope[key]

    def __iter__(self) -> Any:
        return iter(self.scope)

    def __len__(self) -> int:
        return len(self.scope)

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    @property
    def app(self) -> Any:
        return self.scope.get("app")

    @property
    def path(self) -> str:
        """The request path as the server gave it (``faster-api-web`` has it as a plain attribute)."""
        path: str = self.scope.get("path", "/")
        return path

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header or ``None`` (a ``faster-api-web`` attribute)."""
        content_type: str | None = self.headers.get("content-type")
        return content_type

    @property
    def url(self) -> URL:
        if self._url is None:
            self._url = URL(scope=self.scope)
        return self._url

    @property
    def base_url(self) -> URL:
        """The URL of the application root (scheme, host and ``root_path``), with a trailing slash."""
        if self._base_url is None:
            scope = {**self.scope, "path": "/", "query_string": b""}
            scope["root_path"] = self.scope.get("root_path", "")
            url = URL(scope=scope)
            if not url.path.endswith("/"):
                url = url.replace(path=url.path + "/")
            self._base_url = url
        return self._base_url

    @property
    def headers(self) -> Headers:
        if self._headers is None:
            self._headers = Headers(scope=self.scope)
        return self._headers

    @property
    def query_params(self) -> QueryParams:
        if self._query_params is None:
            self._query_params = QueryParams(self.scope.get("query_string", b""))
        return self._query_params

    @property
    def path_params(self) -> dict[str, Any]:
        params: dict[str, Any] = self.scope.get("path_params", {})
        return params

    @property
    def cookies(self) -> dict[str, str]:
        if self._cookies is None:
            header = self.headers.get("cookie")
            self._cookies = _parse_cookies(header) if header else {}
        return self._cookies

    @property
    def client(self) -> Address | None:
        client = self.scope.get("client")
        return Address(client[0], client[1]) if client else None

    @property
    def state(self) -> State:
        if self._state is None:
            self._state = State(self.scope.setdefault("state", {}))
        return self._state

    def url_for(self, name: str, /, **path_params: Any) -> URL:
        """The absolute URL of the route called ``name`` (works across mounts via the app's router)."""
        app = self.scope.get("app")
        if app is None:
            raise RuntimeError("url_for needs the application in scope['app']")
        path = app.url_path_for(name, **path_params)
        return self.base_url.replace(path=self.base_url.path.rstrip("/") + path, query="")


class Request(HTTPConnection):
    """One HTTP request. Every part is parsed on first access and at most once."""

    __slots__ = ("_body", "_form", "_is_disconnected", "_json", "_receive", "_send", "_stream_consumed")

    def __init__(self, scope: Scope, receive: Receive | None = None, send: Send | None = None) -> None:
        super().__init__(scope)
        self._receive = receive
        self._send = send
        # ``_body`` stays unset until the body is read: subclasses test ``hasattr(self, "_body")``, as
        # Starlette's and FastAPI's docs do (a ``GzipRequest`` overriding ``body()``).
        self._json: Any = msgspec.UNSET
        self._form: Any = None
        self._stream_consumed = False
        self._is_disconnected = False

    @property
    def method(self) -> str:
        method: str = self.scope["method"]
        return method

    @property
    def receive(self) -> Any:
        return self._receive

    async def stream(self) -> AsyncIterator[bytes]:
        """The body as it arrives, chunk by chunk."""
        body: bytes | None = getattr(self, "_body", None)
        if body is not None:
            yield body
            yield b""
            return
        if self._stream_consumed:
            raise RuntimeError("the request body was already consumed by stream()")
        if self._receive is None:
            raise RuntimeError("this request has no receive channel")
        self._stream_consumed = True
        while True:
            message = await self._receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                if chunk:
                    yield chunk
                if not message.get("more_body", False):
                    break
            elif message["type"] == "http.disconnect":
                self._is_disconnected = True
                raise ClientDisconnect()
        yield b""

    async def body(self) -> bytes:
        try:
            return self._body
        except AttributeError:
            pass
        chunks = [chunk async for chunk in self.stream()]
        self._body: bytes = b"".join(chunks)
        return self._body

    def form(
        self,
        *,
        max_files: int = DEFAULT_MAX_FILES,
        max_fields: int = DEFAULT_MAX_FIELDS,
        max_part_size: int = DEFAULT_MAX_PART_SIZE,
    ) -> FormRequest:
        """The form body (parsed once); ``await`` it, or ``async with`` it to close uploads afterwards."""
        limits = {"max_files": max_files, "max_fields": max_fields, "max_part_size": max_part_size}
        return FormRequest(self, limits)

    async def json(self) -> Any:
        if self._json is msgspec.UNSET:
            body = await self.body()
            try:
                self._json = msgspec.json.decode(body)
            except msgspec.DecodeError as exc:
                raise HTTPException(400, f"Invalid JSON body: {exc}") from None
        return self._json

    async def is_disconnected(self) -> bool:
        """True once the client has gone; polls the receive channel without blocking."""
        if self._is_disconnected:
            return True
        if self._receive is None:
            return False
        with anyio.CancelScope() as scope:
            scope.cancel()
            message = await self._receive()
            if message.get("type") == "http.disconnect":
                self._is_disconnected = True
        return self._is_disconnected


class FormRequest:
    """What ``request.form()`` returns: await it, or ``async with`` it to close the files afterwards."""

    __slots__ = ("_limits", "_request")

    def __init__(self, request: Request, limits: dict[str, int]) -> None:
        self._request = request
        self._limits = limits

    async def _load(self) -> FormData:
        request = self._request
        cached = request._form
        if cached is None:
            cached = await parse_form(request, **self._limits)
            request._form = cached
        form: FormData = cached
        return form

    def __await__(self) -> Generator[Any, None, FormData]:
        return self._load().__await__()

    async def __aenter__(self) -> FormData:
        return await self._load()

    async def __aexit__(self, *exc_info: object) -> None:
        form = self._request._form
        if form is not None:
            await form.close()
