"""``faster-api-web``'s module path for routers."""

from fasterapi_core.routing import FasterRouter as FasterRouter
from fasterapi_routing import Router as RadixRouter

__all__ = ["FasterRouter", "RadixRouter"]
