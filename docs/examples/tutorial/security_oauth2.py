# --8<-- [start:app]
from typing import Annotated

import msgspec

from FasterAPI import Depends, Faster, HTTPException
from FasterAPI.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

app = Faster()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

USERS = {"alice": {"password": "wonderland", "full_name": "Alice Liddell"}}
TOKENS: dict[str, str] = {}  # token -> username (use signed JWTs in a real app)


class User(msgspec.Struct):
    username: str
    full_name: str


@app.post("/token")
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    user = USERS.get(form.username)
    if user is None or user["password"] != form.password:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    token = f"token-{form.username}"
    TOKENS[token] = form.username
    return {"access_token": token, "token_type": "bearer"}


async def current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    username = TOKENS.get(token)
    if username is None:
        raise HTTPException(status_code=401, detail="Invalid token", headers={"WWW-Authenticate": "Bearer"})
    return User(username=username, full_name=USERS[username]["full_name"])


@app.get("/users/me")
async def read_me(user: Annotated[User, Depends(current_user)]) -> User:
    return user


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_login_then_call_a_protected_route() -> None:
    token = client.post("/token", data={"username": "alice", "password": "wonderland"}).json()["access_token"]
    response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"username": "alice", "full_name": "Alice Liddell"}


def test_missing_or_wrong_credentials() -> None:
    missing = client.get("/users/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert client.post("/token", data={"username": "alice", "password": "nope"}).status_code == 400
    assert client.get("/users/me", headers={"Authorization": "Bearer forged"}).status_code == 401


# --8<-- [end:test]
