from typing import Annotated

from FasterAPI import Depends, FastAPI
from FasterAPI.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)

app = FastAPI()

basic = HTTPBasic()
bearer = HTTPBearer(description="A bearer token", bearerFormat="JWT")
optional_basic = HTTPBasic(realm="simple", auto_error=False)


@app.get("/users/me")
def read_current_user(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]):
    return {"username": credentials.username, "password": credentials.password}


@app.get("/bearer")
def read_bearer(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]):
    return {"scheme": credentials.scheme}


@app.get("/optional")
def read_optional(credentials: Annotated[HTTPBasicCredentials | None, Depends(optional_basic)]):
    return {"ok": credentials is not None}
