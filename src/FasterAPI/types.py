"""``starlette.types`` equivalent: the ASGI aliases (``Scope``, ``Receive``, ``Send``, ``Message``, ``ASGIApp``)."""

from fasterapi_core.types import *  # noqa: F403
from fasterapi_core.types import __all__ as __all__
