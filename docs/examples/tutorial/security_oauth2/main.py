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
