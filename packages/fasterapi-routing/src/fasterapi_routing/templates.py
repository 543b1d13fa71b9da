"""Parsing of path templates such as ``/users/{user_id:int}/posts``."""

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

    @property
    def is_param(self) -> bool:
        return self.param is not None


@dataclass(frozen=True, slots=True)
class PathTemplate:
    path: str
    segments: tuple[Segment, ...]
    param_names: tuple[str, ...]

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
            if segment.converter is None:
                pieces.append(segment.text)
            else:
                assert segment.param is not None
                pieces.append(segment.converter.to_string(params[segment.param]))
        return "/" + "/".join(pieces) if self.segments else "/"


def parse_template(path: str) -> PathTemplate:
    """Split a template into segments, checking braces, converter names and duplicate params."""
    if not path.startswith("/"):
        raise TemplateError(f"path {path!r} must start with '/'")
    raw_segments = path[1:].split("/") if path != "/" else []
    segments: list[Segment] = []
    names: list[str] = []
    for index, raw in enumerate(raw_segments):
        if raw.count("{") != raw.count("}") or ("{" in raw and not (raw.startswith("{") and raw.endswith("}"))):
            raise TemplateError(
                f"path {path!r}: segment {raw!r} must be a literal or a whole '{{name}}' / '{{name:converter}}'"
            )
        if not raw.startswith("{"):
            if "}" in raw:
                raise TemplateError(f"path {path!r}: unbalanced braces in {raw!r}")
            segments.append(Segment(raw))
            continue
        inner = raw[1:-1]
        if "{" in inner or "}" in inner:
            raise TemplateError(f"path {path!r}: unbalanced braces in {raw!r}")
        name, _, converter_name = inner.partition(":")
        name = name.strip()
        converter_name = converter_name.strip() or "str"
        if not name.isidentifier():
            raise TemplateError(f"path {path!r}: parameter name {name!r} is not an identifier")
        if name in names:
            raise TemplateError(f"path {path!r}: parameter {name!r} appears twice")
        converter = CONVERTERS.get(converter_name)
        if converter is None:
            known = ", ".join(sorted(CONVERTERS))
            raise TemplateError(f"path {path!r}: unknown converter {converter_name!r} (known: {known})")
        if converter.matches_rest and index != len(raw_segments) - 1:
            raise TemplateError(f"path {path!r}: '{{{name}:{converter_name}}}' must be the last segment")
        names.append(name)
        segments.append(Segment(raw, name, converter_name, converter))
    return PathTemplate(path, tuple(segments), tuple(names))
