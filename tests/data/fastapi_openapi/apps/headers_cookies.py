from typing import Annotated

from FasterAPI import Cookie, FastAPI, Header

app = FastAPI()


@app.get("/items/")
async def read_items(
    user_agent: Annotated[str | None, Header()] = None,
    x_token: Annotated[list[str] | None, Header()] = None,
    ads_id: Annotated[str | None, Cookie()] = None,
):
    return {"User-Agent": user_agent, "X-Token values": x_token, "ads_id": ads_id}


@app.get("/raw/")
async def read_raw(strange_header: Annotated[str | None, Header(convert_underscores=False)] = None):
    return {"strange_header": strange_header}


@app.get("/required/")
async def read_required(x_key: Annotated[str, Header()], session: Annotated[str, Cookie()]):
    return {"x_key": x_key}
