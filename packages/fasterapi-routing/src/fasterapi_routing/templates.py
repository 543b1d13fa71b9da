"""Parsing of path templates such as ``/users/{user_id:int}/posts``.

A template is split on ``/`` exactly like a request path is (``/`` is one empty segment, ``/items/``
ends with an empty segment), so ``/items`` and ``/items/`` are different templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from .converters import CONVERTERS, Converter

__all__ = ["PathTemplate", "Segment", "TemplateError", "parse_template"]


class TemplateError(ValueError):
    """A path template that can never match: raised at registration, never per request."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One ``/``-separated piece: a literal, or a parameter with its converter."""

    text: str
    param: str | None = None
    converter_name: str | None = None
    converter: Converter | None = None


@dataclass(frozen=True, slots=True)
class PathTemplate:
    path: str
    segments: tuple[Segment, ...]
    param_names: tuple[str, ...]

    @property
    def is_static(self) -> bool:
        """True when the template has no parameters, so it matches exactly one path."""
        return not self.param_names

    @property
    def shape(self) -> tuple[str, ...]:
        """The template with parameter names erased: ``/a/{x}`` and ``/a/{y:str}`` share a shape."""
        return tuple(
            segment.text if segment.param is None else "{:" + str(segment.converter_name) + "}"
            for segment in self.segments
        )

    def format(self, params: dict[str, object]) -> str:
        """Build a concrete path; ``params`` must name exactly this template's parameters."""
        missing = [name for name in self.param_names if name not in params]
        extra = [name for name in params if name not in self.param_names]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(sorted(missing))}")
            if extra:
                parts.append(f"unexpected {', '.join(sorted(extra))}")
            raise ValueError(f"cannot build {self.path!r}: {'; '.join(parts)}")
        pieces = []
        for segment in self.segments:
            if segment.converter is None or segment.param is None:
                pieces.append(segment.text)
                continue
            try:
                text = segment.converter.to_string(params[segment.param])
            except (TypeError, ValueError) as exc:
                raise ValueError(
                    f"cannot build {self.path!r}: {segment.param}={params[segment.param]!r} "
                    f"is not accepted by the {segment.converter_name!r} converter ({exc})"
                ) from None
            pieces.append(text)
        return "/" + "/".join(pieces)


def parse_template(path: str) -> PathTemplate:
    """Split a template into segments, checking braces, converter names and duplicate params."""
    if not isinstance(path, str) or not path.startswith("/"):
        raise TemplateError(f"path {path!r} must be a string starting with '/'")
    raw_segments = path[1:].split("/")
    segments: list[Segment] = []
    names: list[str] = []
    for index, raw in enumerate(raw_segments):
        if "{" not in raw and "}" not in raw:
            segments.append(Segment(raw))
            continue
        inner = raw[1:-1]
        if not (raw.startswith("{") and raw.endswith("}")) or "{" in inner or "}" in inner:
            raise TemplateError(
                f"path {path!r}: segment {raw!r} has unbalanced or partial braces; a parameter must fill a "
                "whole segment as '{name}' or '{name:converter}'"
            )
        name, _, converter_name = inner.partition(":")
        name = name.strip()
        converter_name = converter_name.strip() or "str"
        if not name.isidentifier():
            raise TemplateError(f"path {path!r}: parameter name {name!r} is not a Python identifier")
        if name in names:
            raise TemplateError(f"path {path!r}: parameter {name!r} appears twice")
        converter = CONVERTERS.get(converter_name)
        if converter is None:
            known = ", ".join(sorted(CONVERTERS))
            raise TemplateError(
                f"path {path!r}: unknown converter {converter_name!r} (known: {known}; add one with register_converter)"
            )
        if getattr(converter, "matches_rest", False) and index != len(raw_segments) - 1:
            raise TemplateError(f"path {path!r}: '{{{name}:{converter_name}}}' must be the last segment")
        names.append(name)
        segments.append(Segment(raw, name, converter_name, converter))
    return PathTemplate(path, tuple(segments), tuple(names))
