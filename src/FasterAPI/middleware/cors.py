"""``fastapi.middleware.cors`` equivalent."""

from fasterapi_core.middleware.cors import CORSMiddleware as CORSMiddleware

__all__ = ["CORSMiddleware"]
