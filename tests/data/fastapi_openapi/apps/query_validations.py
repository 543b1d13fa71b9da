from typing import Annotated

from FasterAPI import FastAPI, Query

app = FastAPI()


@app.get("/items/")
async def read_items(
    q: Annotated[
        str | None,
        Query(
            alias="item-query",
            title="Query string",
            description="Query string for the items to search in the database that have a good match",
            min_length=3,
            max_length=50,
            pattern="^fixedquery$",
            deprecated=True,
        ),
    ] = None,
):
    return {"q": q}


@app.get("/list/")
async def read_list(q: Annotated[list[str] | None, Query()] = None):
    return {"q": q}


@app.get("/list-default/")
async def read_list_default(q: Annotated[list[str], Query()] = ["foo", "bar"]):  # noqa: B006 (FastAPI docs form)
    return {"q": q}


@app.get("/required/")
async def read_required(q: Annotated[str, Query(min_length=3)]):
    return {"q": q}


@app.get("/hidden/")
async def read_hidden(hidden_query: Annotated[str | None, Query(include_in_schema=False)] = None):
    return {"hidden_query": hidden_query}


@app.get("/default/")
async def read_default(q: str = Query(default="fixedquery", min_length=3)):
    return {"q": q}
