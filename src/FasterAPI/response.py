"""``faster-api-web``'s module path for responses (same names as ``FasterAPI.responses``)."""

from fasterapi_core.encoders import encode_json as encode_json

from .responses import *  # noqa: F403
from .responses import __all__ as _responses_all

__all__ = [*_responses_all, "encode_json"]
