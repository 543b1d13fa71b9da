# --8<-- [start:app]
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


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402


def test_headers_and_cookies() -> None:
    client = TestClient(app, cookies={"session": "abc"})
    response = client.get("/whoami", headers=[("user-agent", "docs"), ("x-token", "a"), ("x-token", "b")])
    assert response.json() == {"user_agent": "docs", "x_token": ["a", "b"], "session": "abc"}


# --8<-- [end:test]
