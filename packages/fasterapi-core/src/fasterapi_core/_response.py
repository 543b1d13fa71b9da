"""The ``Response`` base class, its editable header view and cookie helpers."""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import http.cookies
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Literal

from ._encoding import length_header
from ._started import RESPONSE_STARTED, mark_response_started
from .background import BackgroundTask, run_background
from .types import Receive, Scope, Send

__all__ = ["RESPONSE_STARTED", "MutableHeaders", "Response", "close_after_response", "mark_response_started"]

_NO_BODY_STATUSES = frozenset({204, 304})


async def close_after_response(stack: contextlib.AsyncExitStack) -> None:
    """Close yield-dependencies once the response went out; a failure there is past answering."""
    try:
        await stack.aclose()
    except BaseException as exc:
        mark_response_started(exc)
        raise


class MutableHeaders(MutableMapping[str, str]):
    """A case-insensitive, editable view over a response's raw header list (changes go to the list)."""

    __slots__ = ("raw",)

    def __init__(self, raw: list[tuple[bytes, bytes]] | None = None) -> None:
        self.raw = raw if raw is not None else []

    def __getitem__(self, key: str) -> str:
        name = key.lower().encode("latin-1")
        for k, v in self.raw:
            if k == name:
                return v.decode("latin-1")
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        name = key.lower().encode("latin-1")
        return any(k == name for k, _ in self.raw)

    def __setitem__(self, key: str, value: str) -> None:
        name = key.lower().encode("latin-1")
        encoded = value.encode("latin-1")
        for index, (k, _) in enumerate(self.raw):
            if k == name:
                self.raw[index] = (name, encoded)
                self.raw[index + 1 :] = [(k2, v2) for k2, v2 in self.raw[index + 1 :] if k2 != name]
                return
        self.raw.append((name, encoded))

    def __delitem__(self, key: str) -> None:
        name = key.lower().encode("latin-1")
        if not any(k == name for k, _ in self.raw):
            raise KeyError(key)
        self.raw[:] = [(k, v) for k, v in self.raw if k != name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.raw)

    def keys(self) -> list[str]:  # type: ignore[override]
        return [k.decode("latin-1") for k, _ in self.raw]

    def values(self) -> list[str]:  # type: ignore[override]
        return [v.decode("latin-1") for _, v in self.raw]

    def items(self) -> list[tuple[str, str]]:  # type: ignore[override]
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self.raw]

    def append(self, key: str, value: str) -> None:
        """Add a header line even when one with that name exists (e.g. ``Set-Cookie``)."""
        self.raw.append((key.lower().encode("latin-1"), value.encode("latin-1")))

    def add_vary_header(self, vary: str) -> None:
        existing = self.get("vary")
        self["vary"] = f"{existing}, {vary}" if existing else vary

    def getlist(self, key: str) -> list[str]:
        name = key.lower().encode("latin-1")
        return [v.decode("latin-1") for k, v in self.raw if k == name]

    def __repr__(self) -> str:
        return f"MutableHeaders({self.items()!r})"


def _http_date(value: datetime.datetime | str | int | float) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return email.utils.format_datetime(value.astimezone(datetime.timezone.utc), usegmt=True)
    if isinstance(value, (int, float)):
        # Seconds from now, as Starlette and FastAPI accept.
        return email.utils.formatdate(datetime.datetime.now(datetime.timezone.utc).timestamp() + value, usegmt=True)
    return value


_NO_NAMES: frozenset[bytes] = frozenset()
_CONTENT_TYPES: dict[tuple[str, str], tuple[bytes, bytes]] = {}


def _content_type_header(media_type: str, charset: str) -> tuple[bytes, bytes]:
    """The ``Content-Type`` line (``text/*`` gains the charset), built once per media type and charset."""
    header = _CONTENT_TYPES.get((media_type, charset))
    if header is None:
        value = media_type
        if media_type.startswith("text/") and "charset=" not in media_type:
            value += "; charset=" + charset
        header = (b"content-type", value.encode("latin-1"))
        if len(_CONTENT_TYPES) < 256:  # media types come from code, but a bound keeps a misuse harmless
            _CONTENT_TYPES[(media_type, charset)] = header
    return header


class Response:
    """A complete body sent in one message, with ``Content-Length`` set whenever a body is allowed."""

    media_type: str | None = None
    charset = "utf-8"

    def __init__(
        self,
        content: object = None,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self.body = self.render(content)
        self.raw_headers = self.init_headers(headers)

    def render(self, content: object) -> bytes:
        """The body for ``content``; subclasses override this (Starlette's hook) or ``_render``."""
        return self._render(content)

    def _render(self, content: object) -> bytes:
        """`faster-api-web`'s hook for custom responses (a CSV response overrides it): str, bytes or None."""
        if content is None:
            return b""
        if isinstance(content, (bytes, bytearray, memoryview)):
            return bytes(content)
        if isinstance(content, str):
            return content.encode(self.charset)
        raise TypeError(
            f"{type(self).__name__} cannot send content of type {type(content).__name__}; "
            "pass str or bytes, or use JSONResponse for data"
        )

    def init_headers(self, headers: Mapping[str, str] | None = None) -> list[tuple[bytes, bytes]]:
        """The raw header list: the given headers, then Content-Length and Content-Type unless given."""
        if headers:
            raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
            names: frozenset[bytes] | set[bytes] = {k for k, _ in raw}
        else:  # the common case: both lines are shared tuples, built once per length and media type
            raw, names = [], _NO_NAMES
        body = getattr(self, "body", None)
        status = self.status_code
        if body is not None and b"content-length" not in names and not (status < 200 or status in _NO_BODY_STATUSES):
            raw.append(length_header(len(body)))
        media_type = self.media_type
        if media_type is not None and b"content-type" not in names:
            raw.append(_content_type_header(media_type, self.charset))
        return raw

    @property
    def headers(self) -> MutableHeaders:
        return MutableHeaders(self.raw_headers)

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | None = None,
        expires: datetime.datetime | str | int | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: Literal["lax", "strict", "none"] | None = "lax",
        partitioned: bool = False,
    ) -> None:
        """Add one ``Set-Cookie`` header (call it several times for several cookies)."""
        cookie: http.cookies.BaseCookie[str] = http.cookies.SimpleCookie()
        cookie[key] = value
        morsel = cookie[key]
        if max_age is not None:
            morsel["max-age"] = str(max_age)
        if expires is not None:
            morsel["expires"] = _http_date(expires)
        if path is not None:
            morsel["path"] = path
        if domain is not None:
            morsel["domain"] = domain
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite is not None:
            if samesite.lower() not in ("strict", "lax", "none"):
                raise ValueError("samesite must be 'strict', 'lax' or 'none'")
            morsel["samesite"] = samesite
        line = cookie.output(header="").strip()
        if partitioned:
            line += "; Partitioned"
        self.raw_headers.append((b"set-cookie", line.encode("latin-1")))

    def delete_cookie(
        self,
        key: str,
        path: str = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: Literal["lax", "strict", "none"] | None = "lax",
    ) -> None:
        """Tell the client to drop cookie ``key`` (an expired, empty ``Set-Cookie``)."""
        self.set_cookie(
            key,
            max_age=0,
            expires=0,
            path=path,
            domain=domain,
            secure=secure,
            httponly=httponly,
            samesite=samesite,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        body = b"" if scope.get("method") == "HEAD" else self.body
        await send({"type": "http.response.body", "body": body})
        if self.background is not None:
            await run_background(self.background)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r})"
