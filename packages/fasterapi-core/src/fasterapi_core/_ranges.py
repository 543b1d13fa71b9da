"""Parsing a ``Range: bytes=...`` request header the way Starlette's FileResponse does.

The answer is a list of half-open ``(start, end)`` byte ranges, sorted and with overlapping or
touching ranges merged; an empty list means "send the whole file" (too many ranges asked for).
A header that cannot be understood raises :class:`MalformedRange` (answered 400 with its message),
one that starts past the end of the file raises :class:`UnsatisfiableRange` (answered 416).
"""

from __future__ import annotations

__all__ = ["MAX_RANGES", "MalformedRange", "UnsatisfiableRange", "parse_range_header"]

#: More ranges than this in one request are ignored and the whole file is sent (a cheap DoS guard).
MAX_RANGES = 100


class MalformedRange(Exception):
    def __init__(self, message: str = "Malformed range header.") -> None:
        super().__init__(message)
        self.message = message


class UnsatisfiableRange(Exception):
    pass


def parse_range_header(header: str, size: int) -> list[tuple[int, int]]:
    unit, equals, spec = header.partition("=")
    if not equals:
        raise MalformedRange()
    if unit.strip().lower() != "bytes":
        raise MalformedRange("Only support bytes range")
    if spec.count(",") + 1 > MAX_RANGES:
        return []
    ranges = [parsed for parsed in (_one_range(part, size) for part in spec.split(",")) if parsed is not None]
    if not ranges:
        raise MalformedRange("Range header: range must be requested")
    if any(not 0 <= start < size for start, _ in ranges):
        raise UnsatisfiableRange()
    if any(start >= end for start, end in ranges):
        raise MalformedRange("Range header: start must be less than end")
    ranges.sort()
    merged = [ranges[0]]
    for start, end in ranges[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def _one_range(part: str, size: int) -> tuple[int, int] | None:
    """``"a-b"`` -> ``(a, b + 1)``; ``"a-"`` -> to the end; ``"-n"`` -> the last n bytes; junk -> None."""
    first, dash, last = part.strip().partition("-")
    if not dash:
        return None
    first, last = first.strip(), last.strip()
    try:
        if not first:
            if not last:
                return None
            return max(size - int(last), 0), size
        start = int(first)
        end = int(last) + 1 if last and int(last) < size else size
    except ValueError:
        return None
    return start, end
