"""``fastapi.param_functions`` equivalent: the same markers as ``FasterAPI.params``."""

from .params import *  # noqa: F403
from .params import __all__ as __all__
