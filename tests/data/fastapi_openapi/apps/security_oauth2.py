from typing import Annotated

from FasterAPI import Depends, FastAPI, Security
from FasterAPI.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes

app = FastAPI()

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token",
    scopes={"me": "Read information about the current user.", "items": "Read items."},
)


async def get_current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]):
    return {"username": "johndoe", "token": token}


@app.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return {"access_token": form_data.username, "token_type": "bearer"}


@app.get("/users/me/")
async def read_users_me(current_user: Annotated[dict, Security(get_current_user, scopes=["me"])]):
    return current_user


@app.get("/users/me/items/")
async def read_own_items(current_user: Annotated[dict, Security(get_current_user, scopes=["items"])]):
    return [{"item_id": "Foo", "owner": current_user["username"]}]


@app.get("/status/")
async def read_system_status(current_user: Annotated[dict, Depends(get_current_user)]):
    return {"status": "ok"}
