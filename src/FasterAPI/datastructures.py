"""``fastapi.datastructures`` equivalent: request data views, uploads and the state bag."""

from fasterapi_core.datastructures import (
    URL as URL,
    Address as Address,
    Headers as Headers,
    QueryParams as QueryParams,
    State as State,
)
from fasterapi_core.uploads import FormData as FormData, UploadFile as UploadFile

__all__ = ["URL", "Address", "FormData", "Headers", "QueryParams", "State", "UploadFile"]
