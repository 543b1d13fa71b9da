"""What every security helper shares: an OpenAPI security scheme, a name, and ``auto_error``.

A helper is a callable instance used as a dependency (``Depends(HTTPBearer())``). The OpenAPI
generator finds helpers in each route's dependency plan and lists their ``model`` under
``components.securitySchemes`` (``scheme_name``) and in the operation's ``security``.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import HTTPException
from ..requests import Request

__all__ = ["SecurityBase", "get_authorization_scheme_param"]


class SecurityBase:
    """Base class of security dependencies; ``model`` is the OpenAPI Security Scheme Object."""

    model: dict[str, Any]
    scheme_name: str
    auto_error: bool

    def _setup(self, model: dict[str, Any], scheme_name: str | None, description: str | None, auto_error: bool) -> None:
        if description is not None:
            model["description"] = description
        self.model = model
        self.scheme_name = scheme_name or type(self).__name__
        self.auto_error = auto_error

    def make_authenticate_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}

    def make_not_authenticated_error(self) -> HTTPException:
        """The 401 raised when credentials are missing (override to answer differently, e.g. 403)."""
        return HTTPException(401, "Not authenticated", headers=self.make_authenticate_headers())

    async def __call__(self, request: Request) -> Any:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(scheme_name={self.scheme_name!r})"


def get_authorization_scheme_param(authorization_header_value: str | None) -> tuple[str, str]:
    """``"Bearer abc"`` -> ``("Bearer", "abc")``; missing or empty -> ``("", "")``."""
    if not authorization_header_value:
        return "", ""
    scheme, _, param = authorization_header_value.strip().partition(" ")
    return scheme, param.strip()
