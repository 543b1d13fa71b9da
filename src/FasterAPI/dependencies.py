"""Dependency markers and helpers (``faster-api-web``'s ``FasterAPI.dependencies``)."""

from fasterapi_core.dependencies import SecurityScopes as SecurityScopes
from fasterapi_core.params import Depends as Depends, Security as Security

__all__ = ["Depends", "Security", "SecurityScopes"]
