"""``faster-api-web``'s module path for WebSockets (same names as ``FasterAPI.websockets``)."""

from .websockets import *  # noqa: F403
from .websockets import __all__ as __all__
