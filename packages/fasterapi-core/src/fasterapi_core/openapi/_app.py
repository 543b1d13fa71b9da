"""What the OpenAPI document and the docs pages read from an app.

Protocols, not ``Faster`` itself: ``applications`` imports this package, so importing it back would close an
import cycle (the layering test counts ``TYPE_CHECKING`` imports too). ``Faster`` satisfies both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..routing import FasterRouter

__all__ = ["DocumentedApp", "RoutedApp"]


class RoutedApp(Protocol):
    """Enough for ``generate_openapi``: the routes (every other setting is read if the app has it)."""

    @property
    def routes(self) -> Sequence[Any]: ...


class DocumentedApp(RoutedApp, Protocol):
    """An app that serves its own document and docs pages, and caches the document."""

    openapi_schema: dict[str, Any] | None
    #: ``(routes key, document)`` of the last generated document, so a changed route list regenerates it.
    _openapi_generated: tuple[tuple[object, ...], dict[str, Any]] | None

    @property
    def title(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def description(self) -> str | None: ...

    @property
    def openapi_tags(self) -> list[dict[str, Any]] | None: ...

    @property
    def openapi_url(self) -> str | None: ...

    @property
    def docs_url(self) -> str | None: ...

    @property
    def redoc_url(self) -> str | None: ...

    @property
    def router(self) -> FasterRouter: ...

    def openapi(self) -> dict[str, Any]: ...
