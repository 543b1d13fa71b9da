from typing import Annotated

from FasterAPI import Depends, FastAPI
from FasterAPI.security import APIKeyCookie, APIKeyHeader, APIKeyQuery

app = FastAPI()

header_scheme = APIKeyHeader(name="x-key")
query_scheme = APIKeyQuery(name="api_key", description="The key in the query")
cookie_scheme = APIKeyCookie(name="session", scheme_name="SessionCookie", auto_error=False)


@app.get("/header")
async def by_header(key: Annotated[str, Depends(header_scheme)]):
    return {"key": key}


@app.get("/query")
async def by_query(key: Annotated[str, Depends(query_scheme)]):
    return {"key": key}


@app.get("/cookie")
async def by_cookie(key: Annotated[str | None, Depends(cookie_scheme)]):
    return {"key": key}
