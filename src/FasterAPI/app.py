"""``faster-api-web``'s module path for the application class."""

from fasterapi_core.applications import Faster as Faster

__all__ = ["Faster"]
