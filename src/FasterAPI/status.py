"""``fastapi.status`` equivalent: named HTTP status codes and WebSocket close codes."""

from fasterapi_core.status import *  # noqa: F403
from fasterapi_core.status import __all__ as __all__
