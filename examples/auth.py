"""An API with password login, bearer tokens and scopes: ``fasterapi dev examples/auth.py``.

Passwords are stored as salted PBKDF2 hashes and tokens are random strings kept in memory; a real
app would keep users in a database and could use JWTs (``FasterAPI.jwt_auth``) instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

import msgspec

from FasterAPI import Depends, Faster, HTTPException, Security, SecurityScopes, status
from FasterAPI.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token", scopes={"items:read": "Read items", "items:write": "Create items"}
)


def hash_password(password: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt if salt is not None else secrets.token_bytes(16)
    return salt, hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100_000)


class User(msgspec.Struct):
    username: str
    scopes: list[str]


class StoredUser(msgspec.Struct):
    username: str
    salt: bytes
    password_hash: bytes
    scopes: list[str]


def _user(username: str, password: str, scopes: list[str]) -> StoredUser:
    salt, digest = hash_password(password)
    return StoredUser(username, salt, digest, scopes)


USERS = {
    "alice": _user("alice", "wonderland", ["items:read", "items:write"]),
    "bob": _user("bob", "builder", ["items:read"]),
}
TOKENS: dict[str, tuple[str, list[str]]] = {}  # token -> (username, granted scopes)
ITEMS: list[str] = ["hammer"]

app = Faster(title="Auth example")


class Message(msgspec.Struct):
    detail: str


#: The refusals each route can answer, documented so clients (and the OpenAPI document) know them.
BAD_LOGIN = {401: {"model": Message, "description": "Incorrect username or password"}}
NEEDS_TOKEN = {
    401: {"model": Message, "description": "Missing, unknown or expired token"},
    403: {"model": Message, "description": "The token lacks a required scope"},
}


def authenticate(username: str, password: str) -> StoredUser | None:
    user = USERS.get(username)
    if user is None:
        hash_password(password)  # same work either way: no user-enumeration by timing
        return None
    _, digest = hash_password(password, user.salt)
    return user if hmac.compare_digest(digest, user.password_hash) else None


@app.post("/token", responses=BAD_LOGIN)
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    user = authenticate(form.username, form.password)
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Incorrect username or password")
    granted = [scope for scope in form.scopes if scope in user.scopes] or list(user.scopes)
    token = secrets.token_urlsafe(32)
    TOKENS[token] = (user.username, granted)
    return {"access_token": token, "token_type": "bearer", "scope": " ".join(granted)}


async def current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    scheme = f'Bearer scope="{security_scopes.scope_str}"' if security_scopes.scopes else "Bearer"
    challenge = {"WWW-Authenticate": scheme}
    found = TOKENS.get(token)
    if found is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Could not validate credentials", challenge)
    username, granted = found
    missing = [scope for scope in security_scopes.scopes if scope not in granted]
    if missing:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"Missing scope: {' '.join(missing)}", challenge)
    return User(username, granted)


@app.get("/me", responses=NEEDS_TOKEN)
async def read_me(user: Annotated[User, Depends(current_user)]) -> User:
    return user


@app.get("/items", responses=NEEDS_TOKEN)
async def read_items(user: Annotated[User, Security(current_user, scopes=["items:read"])]) -> list[str]:
    return ITEMS


@app.post("/items", status_code=status.HTTP_201_CREATED, responses=NEEDS_TOKEN)
async def add_item(name: str, user: Annotated[User, Security(current_user, scopes=["items:write"])]) -> list[str]:
    ITEMS.append(name)
    return ITEMS
