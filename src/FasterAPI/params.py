"""``fastapi.params`` equivalent: parameter markers."""

from fasterapi_core.params import (
    MISSING as MISSING,
    Body as Body,
    Cookie as Cookie,
    Depends as Depends,
    File as File,
    Form as Form,
    Header as Header,
    Param as Param,
    Path as Path,
    Query as Query,
    Security as Security,
)

__all__ = ["MISSING", "Body", "Cookie", "Depends", "File", "Form", "Header", "Param", "Path", "Query", "Security"]
