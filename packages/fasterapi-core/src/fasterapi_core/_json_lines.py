"""JSON Lines: a generator handler's items streamed one JSON document per line (FastAPI 0.134+).

A handler written with ``yield`` and no ``response_class`` sends ``application/jsonl``: each item is
encoded as it comes (checked against ``-> AsyncIterable[Item]``/``-> Iterable[Item]`` when the
return annotation names the item type) and followed by a newline, so the client can read the first
item while the handler produces the next.
"""

from __future__ import annotations

import collections.abc
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from ._encoding import encode_json
from ._shaping import plan_shaping
from ._streaming import StreamingResponse

__all__ = ["STREAM_ANNOTATIONS", "JSONLinesResponse", "plan_json_lines", "stream_item_type"]

#: Return annotations of generator handlers: their items are sent one by one, never as a whole (the first
#: argument names the item type).
STREAM_ANNOTATIONS = frozenset(
    {
        collections.abc.Iterator,
        collections.abc.Iterable,
        collections.abc.AsyncIterator,
        collections.abc.AsyncIterable,
        collections.abc.Generator,
        collections.abc.AsyncGenerator,
    }
)


class JSONLinesResponse(StreamingResponse):
    """Stream chunks that are already JSON lines, as ``application/jsonl``."""

    media_type = "application/jsonl"


def stream_item_type(annotation: object) -> Any:
    """``Item`` for ``-> AsyncIterable[Item]`` (and the other iterator annotations); ``None`` otherwise."""
    if typing.get_origin(annotation) not in STREAM_ANNOTATIONS:
        return None
    arguments = typing.get_args(annotation)
    return arguments[0] if arguments and arguments[0] is not Any else None


def plan_json_lines(item_type: object, options: dict[str, Any]) -> Callable[[Any], Any]:
    """Turn the generator a handler returns into its JSON lines (planned once per route).

    Items are checked and shaped as a response model of ``item_type`` would be (extra fields dropped,
    ``response_model_exclude_none`` and friends applied); without an item type they are encoded as
    they are. An async generator stays async; a sync one is walked in the worker threads.
    """
    shape = plan_shaping(item_type, False, options) if item_type is not None else None

    def line(item: object) -> bytes:
        return encode_json(item if shape is None else shape(item)) + b"\n"

    async def async_lines(items: collections.abc.AsyncIterable[Any]) -> AsyncIterator[bytes]:
        async for item in items:
            yield line(item)

    def sync_lines(items: collections.abc.Iterable[Any]) -> Iterator[bytes]:
        for item in items:
            yield line(item)

    def lines(result: Any) -> Any:
        if isinstance(result, collections.abc.AsyncIterable):
            return async_lines(result)
        return sync_lines(result)

    return lines
