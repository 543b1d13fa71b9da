"""``fastapi.staticfiles`` equivalent: serve a directory of files."""

from fasterapi_core.staticfiles import StaticFiles as StaticFiles

__all__ = ["StaticFiles"]
