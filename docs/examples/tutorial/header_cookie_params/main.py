from typing import Annotated

from FasterAPI import Cookie, Faster, Header

app = Faster()


@app.get("/whoami")
async def whoami(
    user_agent: Annotated[str | None, Header()] = None,  # reads the User-Agent header
    x_token: Annotated[list[str], Header()] = [],  # noqa: B006 - repeated headers become a list
    session: Annotated[str | None, Cookie()] = None,
) -> dict[str, object]:
    return {"user_agent": user_agent, "x_token": x_token, "session": session}
