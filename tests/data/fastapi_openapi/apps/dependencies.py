from typing import Annotated

from FasterAPI import Cookie, Depends, FastAPI, Header

app = FastAPI()


async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}


CommonsDep = Annotated[dict, Depends(common_parameters)]


class CommonQueryParams:
    def __init__(self, q: str | None = None, skip: int = 0, limit: int = 100):
        self.q = q
        self.skip = skip
        self.limit = limit


def query_extractor(q: str | None = None):
    return q


def query_or_cookie_extractor(
    q: Annotated[str, Depends(query_extractor)], last_query: Annotated[str | None, Cookie()] = None
):
    return q or last_query


async def verify_key(x_key: Annotated[str, Header()]):
    return x_key


@app.get("/items/")
async def read_items(commons: CommonsDep):
    return commons


@app.get("/users/")
async def read_users(commons: Annotated[CommonQueryParams, Depends()]):
    return {"q": commons.q}


@app.get("/sub/")
async def read_query(query_or_default: Annotated[str, Depends(query_or_cookie_extractor)]):
    return {"q_or_cookie": query_or_default}


@app.get("/decorator/", dependencies=[Depends(verify_key)])
async def read_decorator():
    return []
