"""The mark an exception carries when it was raised after the response had started."""

from __future__ import annotations

import contextlib

__all__ = ["RESPONSE_STARTED", "mark_response_started"]

#: Attribute set on an exception raised after ``http.response.start`` went out, so error handling
#: knows it must not try to send a second response (no send wrapper needed on the hot path).
RESPONSE_STARTED = "_fasterapi_response_started"


def mark_response_started(exc: BaseException) -> None:
    """Remember on ``exc`` that the response had already started when it was raised."""
    with contextlib.suppress(AttributeError):  # exceptions without a __dict__
        setattr(exc, RESPONSE_STARTED, True)
