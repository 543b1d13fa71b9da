"""``fastapi.encoders`` equivalent."""

from fasterapi_core.encoders import jsonable_encoder as jsonable_encoder

__all__ = ["jsonable_encoder"]
