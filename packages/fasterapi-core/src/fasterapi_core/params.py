"""Parameter markers: where a handler argument comes from, with its validation options.

``Path``, ``Query``, ``Header``, ``Cookie``, ``Body``, ``Form`` and ``File`` are used as defaults
(``q: str = Query(None)``) or inside ``Annotated[...]``; ``Depends`` and ``Security`` mark
dependencies. They only describe; the route planner (``dependencies.py``) reads them once at
registration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "MISSING",
    "Body",
    "Cookie",
    "Depends",
    "File",
    "Form",
    "Header",
    "Param",
    "Path",
    "Query",
    "Security",
]


class _Missing:
    """Sentinel for "no default": the parameter is required."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
#: FastAPI spells "required" as ``...``; both mean the same here.
_REQUIRED_SPELLINGS = (Ellipsis,)


class Param:
    """Common options of every parameter marker (FastAPI's names and meanings)."""

    source: str = "query"

    def __init__(
        self,
        default: object = MISSING,
        *,
        default_factory: Callable[[], Any] | None = None,
        alias: str | None = None,
        title: str | None = None,
        description: str | None = None,
        gt: float | None = None,
        ge: float | None = None,
        lt: float | None = None,
        le: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        regex: str | None = None,
        deprecated: bool | None = None,
        include_in_schema: bool = True,
        examples: list[Any] | None = None,
        example: object = MISSING,
        openapi_examples: dict[str, Any] | None = None,
        media_type: str | None = None,
        embed: bool | None = None,
        convert_underscores: bool = True,
        **extra: object,
    ) -> None:
        if default in _REQUIRED_SPELLINGS:
            default = MISSING
        if default is not MISSING and default_factory is not None:
            raise TypeError("give either a default or a default_factory, not both")
        self.default = default
        self.default_factory = default_factory
        self.alias = alias
        self.title = title
        self.description = description
        self.gt = gt
        self.ge = ge
        self.lt = lt
        self.le = le
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern if pattern is not None else regex
        self.deprecated = deprecated
        self.include_in_schema = include_in_schema
        self.examples = examples if examples is not None else ([example] if example is not MISSING else None)
        self.openapi_examples = openapi_examples
        self.media_type = media_type
        self.embed = embed
        self.convert_underscores = convert_underscores
        self.extra = extra

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({'' if self.default is MISSING else repr(self.default)})"


class Path(Param):
    source = "path"


class Query(Param):
    source = "query"


class Header(Param):
    source = "header"


class Cookie(Param):
    source = "cookie"


class Body(Param):
    source = "body"


class Form(Body):
    source = "form"


class File(Form):
    source = "file"


class Depends:
    """Marks a parameter whose value is the result of calling ``dependency`` (cached per request)."""

    __slots__ = ("dependency", "scope", "use_cache")

    def __init__(
        self, dependency: Callable[..., Any] | None = None, *, use_cache: bool = True, scope: str | None = None
    ):
        self.dependency = dependency
        self.use_cache = use_cache
        self.scope = scope

    def __repr__(self) -> str:
        name = getattr(self.dependency, "__name__", type(self.dependency).__name__)
        cache = "" if self.use_cache else ", use_cache=False"
        return f"{type(self).__name__}({name}{cache})"


class Security(Depends):
    """A dependency that also declares OAuth2 scopes, collected into ``SecurityScopes``."""

    __slots__ = ("scopes",)

    def __init__(
        self,
        dependency: Callable[..., Any] | None = None,
        *,
        scopes: Sequence[str] | None = None,
        use_cache: bool = True,
    ):
        super().__init__(dependency, use_cache=use_cache)
        self.scopes = list(scopes or ())
