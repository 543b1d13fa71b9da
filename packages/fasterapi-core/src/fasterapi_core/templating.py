"""``Jinja2Templates``: render Jinja2 templates into HTML responses (jinja2 is an optional dependency).

``TemplateResponse(request, name, context)`` puts ``request`` into the context and makes
``url_for(name, **params)`` available inside templates. The older ``TemplateResponse(name,
{"request": request, ...})`` form is accepted too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .background import BackgroundTask
from .datastructures import URL
from .requests import Request
from .responses import HTMLResponse

__all__ = ["Jinja2Templates"]

_INSTALL_HINT = "Jinja2Templates needs jinja2: pip install 'fasterapi-core[jinja2]' (or 'faster-api-web[templates]')"


def _jinja2() -> Any:
    try:
        import jinja2
    except ImportError:
        raise ImportError(_INSTALL_HINT) from None
    return jinja2


class _TemplateResponse(HTMLResponse):
    """An HTML response that remembers the template and context it was rendered from (handy in tests)."""

    def __init__(
        self,
        template: Any,
        context: dict[str, Any],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        self.template = template
        self.context = context
        super().__init__(template.render(context), status_code, headers, media_type, background)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # A test client that advertises this extension exposes them as response.template / .context.
        if "http.response.debug" in scope.get("extensions", ()):
            await send({"type": "http.response.debug", "info": {"template": self.template, "context": self.context}})
        await super().__call__(scope, receive, send)


class Jinja2Templates:
    """Templates from ``directory`` (one path or several), or a ready ``env``."""

    def __init__(
        self,
        directory: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        *,
        context_processors: list[Callable[[Request], dict[str, Any]]] | None = None,
        env: Any = None,
        **env_options: Any,
    ) -> None:
        jinja2 = _jinja2()
        if (directory is None) == (env is None):
            raise ValueError("Jinja2Templates needs either directory= or env=, not both")
        self.context_processors = list(context_processors or [])
        if env is None:
            env_options.setdefault("loader", jinja2.FileSystemLoader(directory))
            env_options.setdefault("autoescape", jinja2.select_autoescape(["html", "htm", "xml", "jinja", "jinja2"]))
            env = jinja2.Environment(**env_options)
        self.env = env
        if "url_for" not in env.globals:
            env.globals["url_for"] = _url_for

    def get_template(self, name: str) -> Any:
        return self.env.get_template(name)

    def TemplateResponse(self, *args: Any, **kwargs: Any) -> _TemplateResponse:
        """``TemplateResponse(request, name, context=None, status_code=200, headers=None, media_type=None,
        background=None)``; ``TemplateResponse(name, {"request": request, ...}, ...)`` also works."""
        request, name, context, rest = _split_arguments(args, kwargs)
        context = dict(context or {})
        context.setdefault("request", request)
        for processor in self.context_processors:
            context.update(processor(request))
        template = self.get_template(name)
        return _TemplateResponse(template, context, **rest)


def _split_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, str, Any, dict[str, Any]]:
    names = ("status_code", "headers", "media_type", "background")
    if args and isinstance(args[0], str):
        name = args[0]
        context = args[1] if len(args) > 1 else kwargs.pop("context", None)
        extra = list(args[2:])
        request = (context or {}).get("request") or kwargs.pop("request", None)
        if request is None:
            raise ValueError('context must include a "request" key (or pass the request first)')
    else:
        request = args[0] if args else kwargs.pop("request", None)
        name = args[1] if len(args) > 1 else kwargs.pop("name", None)
        context = args[2] if len(args) > 2 else kwargs.pop("context", None)
        extra = list(args[3:])
        if request is None or name is None:
            raise TypeError("TemplateResponse needs the request and the template name")
    rest = dict(zip(names, extra, strict=False))
    for key in names:
        if key in kwargs:
            rest[key] = kwargs.pop(key)
    if kwargs:
        raise TypeError(f"TemplateResponse got unexpected arguments: {', '.join(sorted(kwargs))}")
    return request, name, context, rest


def _url_for_impl(context: Any, name: str, /, **path_params: Any) -> URL:
    """The ``URL`` (as Starlette's templates give it): ``{{ url_for('static', path='/a.css') }}`` renders the
    whole URL, ``{{ url_for(...).path }}`` only its path."""
    request = context["request"]
    url: URL = request.url_for(name, **path_params)
    return url


def _make_url_for() -> Any:
    try:
        jinja2 = _jinja2()
    except ImportError:
        return _url_for_impl
    return jinja2.pass_context(_url_for_impl)


_url_for = _make_url_for()
