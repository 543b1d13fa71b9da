"""``fastapi.applications`` equivalent: the application class."""

from fasterapi_core.applications import DependencyOverrides as DependencyOverrides, Faster as Faster

__all__ = ["DependencyOverrides", "Faster"]
