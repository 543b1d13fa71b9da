"""Read-only views over ASGI request data: headers, query strings, state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import unquote_plus, urlencode, urlsplit

__all__ = ["URL", "Address", "Headers", "QueryParams", "State", "parse_query_string", "query_dict"]


class Address(NamedTuple):
    host: str
    port: int


def parse_query_string(query_string: str | bytes) -> list[tuple[str, str]]:
    """Split ``a=1&b=2&a=3`` into pairs, keeping blank values and repeats, decoding ``%xx`` and ``+``."""
    if isinstance(query_string, bytes):
        query_string = query_string.decode("latin-1")
    if not query_string:
        return []
    pairs = []
    needs_decoding = "%" in query_string or "+" in query_string
    for chunk in query_string.split("&"):
        if not chunk:
            continue
        key, _, value = chunk.partition("=")
        if needs_decoding:
            key = unquote_plus(key)
            value = unquote_plus(value)
        pairs.append((key, value))
    return pairs


_NO_QUERY: dict[str, list[str]] = {}


def query_dict(query_string: bytes) -> dict[str, list[str]]:
    """``parse_query_string`` grouped by key: ``a=1&b=2&a=3`` -> ``{"a": ["1", "3"], "b": ["2"]}``.

    Written out rather than built on ``parse_query_string``: the solver calls it on every request with a query,
    and grouping the pairs afterwards costs a third more.
    """
    if not query_string:
        return _NO_QUERY
    text = query_string.decode("latin-1")
    decode = "%" in text or "+" in text
    if not decode and "&" not in text:
        key, _, value = text.partition("=")  # one plain pair, the most common query
        return {key: [value]}
    query: dict[str, list[str]] = {}
    for chunk in text.split("&"):
        if not chunk:
            continue
        key, _, value = chunk.partition("=")
        if decode:
            key = unquote_plus(key)
            value = unquote_plus(value)
        values = query.get(key)
        if values is None:
            query[key] = [value]
        else:
            values.append(value)
    return query


class _MultiDict(Mapping[str, str]):
    """A mapping of the first value per key that also remembers every value (``getlist``)."""

    __slots__ = ("_dict", "_list")

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._list = pairs
        first: dict[str, str] = {}
        for key, value in pairs:
            if key not in first:
                first[key] = value
        self._dict = first

    def getlist(self, key: str) -> list[str]:
        return [value for item_key, value in self._list if item_key == key]

    def multi_items(self) -> list[tuple[str, str]]:
        return list(self._list)

    def __getitem__(self, key: str) -> str:
        return self._dict[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._list!r})"


class QueryParams(_MultiDict):
    """The query string as a multi-valued mapping (blank values kept)."""

    __slots__ = ()

    def __init__(self, query: str | bytes | list[tuple[str, str]] | Mapping[str, str] = "") -> None:
        if isinstance(query, (str, bytes)):
            pairs = parse_query_string(query)
        elif isinstance(query, Mapping):
            pairs = [(str(k), str(v)) for k, v in query.items()]
        else:
            pairs = list(query)
        super().__init__(pairs)

    def __str__(self) -> str:
        return urlencode(self._list)


class Headers(_MultiDict):
    """Case-insensitive, multi-valued request headers, decoded as latin-1 like the wire format."""

    __slots__ = ("raw",)

    def __init__(
        self,
        headers: Mapping[str, str] | None = None,
        *,
        raw: list[tuple[bytes, bytes]] | None = None,
        scope: Mapping[str, Any] | None = None,
    ) -> None:
        if scope is not None:
            raw = list(scope.get("headers", ()))
        if raw is None:
            raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        self.raw = raw
        super().__init__([(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw])

    def __getitem__(self, key: str) -> str:
        return self._dict[key.lower()]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._dict

    def get(self, key: str, default: object = None) -> Any:
        return self._dict.get(key.lower(), default)

    def getlist(self, key: str) -> list[str]:
        return super().getlist(key.lower())


class State:
    """Attribute bag for ``app.state`` and ``request.state`` (backed by a dict shared with the scope)."""

    def __init__(self, state: dict[str, Any] | None = None) -> None:
        object.__setattr__(self, "_state", state if state is not None else {})

    def __setattr__(self, name: str, value: object) -> None:
        self._state[name] = value

    def __getattr__(self, name: str) -> Any:
        try:
            return self._state[name]
        except KeyError:
            raise AttributeError(f"state has no attribute {name!r}") from None

    def __delattr__(self, name: str) -> None:
        try:
            del self._state[name]
        except KeyError:
            raise AttributeError(f"state has no attribute {name!r}") from None

    def __contains__(self, name: str) -> bool:
        return name in self._state

    # Item access too: ``faster-api-web`` exposes ``request.state`` as the scope's dict, and its
    # middleware and tests read ``request.state["request_id"]``.
    def __getitem__(self, name: str) -> Any:
        return self._state[name]

    def __setitem__(self, name: str, value: object) -> None:
        self._state[name] = value

    def __delitem__(self, name: str) -> None:
        del self._state[name]

    def get(self, name: str, default: object = None) -> Any:
        return self._state.get(name, default)

    def __repr__(self) -> str:
        return f"State({self._state!r})"


class URL:
    """A parsed URL with the parts handlers ask for (``path``, ``query``, ``hostname``, ...)."""

    __slots__ = ("_parts", "_url")

    def __init__(self, url: str = "", *, scope: Mapping[str, Any] | None = None) -> None:
        if scope is not None:
            url = _url_from_scope(scope)
        self._url = url
        self._parts = urlsplit(url)

    @property
    def scheme(self) -> str:
        return self._parts.scheme

    @property
    def netloc(self) -> str:
        return self._parts.netloc

    @property
    def path(self) -> str:
        return self._parts.path

    @property
    def query(self) -> str:
        return self._parts.query

    @property
    def fragment(self) -> str:
        return self._parts.fragment

    @property
    def hostname(self) -> str | None:
        return self._parts.hostname

    @property
    def port(self) -> int | None:
        return self._parts.port

    @property
    def is_secure(self) -> bool:
        return self.scheme in ("https", "wss")

    def replace(self, **kwargs: Any) -> URL:
        """A copy with parts replaced (scheme, netloc, path, query, fragment, hostname, port)."""
        if "hostname" in kwargs or "port" in kwargs:
            hostname = kwargs.pop("hostname", self.hostname) or ""
            port = kwargs.pop("port", self.port)
            kwargs["netloc"] = f"{hostname}:{port}" if port is not None else hostname
        return URL(self._parts._replace(**kwargs).geturl())

    def include_query_params(self, **params: Any) -> URL:
        query = QueryParams(self.query)
        merged = {**dict(query.multi_items()), **{k: str(v) for k, v in params.items()}}
        return self.replace(query=str(QueryParams(merged)))

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self._url)

    def __str__(self) -> str:
        return self._url

    def __repr__(self) -> str:
        return f"URL({self._url!r})"


_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _url_from_scope(scope: Mapping[str, Any]) -> str:
    scheme = scope.get("scheme", "http")
    server = scope.get("server")
    # Servers and mounts give the full path (root_path included); older clients give it without.
    root_path = scope.get("root_path", "")
    path = scope["path"]
    if root_path and not path.startswith(root_path):
        path = root_path + path
    query_string = scope.get("query_string", b"")
    host = None
    for key, value in scope.get("headers", ()):
        if key == b"host":
            host = value.decode("latin-1")
            break
    if host is not None:
        url = f"{scheme}://{host}{path}"
    elif server is not None:
        hostname, port = server[0], server[1]
        default = _DEFAULT_PORTS.get(scheme)
        url = (
            f"{scheme}://{hostname}{path}" if port == default or port is None else f"{scheme}://{hostname}:{port}{path}"
        )
    else:
        url = path
    if query_string:
        url += "?" + query_string.decode("latin-1")
    return url
