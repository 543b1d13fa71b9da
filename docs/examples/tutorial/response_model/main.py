import msgspec

from FasterAPI import Faster

app = Faster()


class UserIn(msgspec.Struct):
    username: str
    password: str
    email: str


class UserOut(msgspec.Struct):
    username: str
    email: str


@app.post("/users/", response_model=UserOut, status_code=201)
async def create_user(user: UserIn) -> UserIn:
    # The password never leaves the server: the response is shaped by UserOut.
    return user


@app.get("/users/{username}")
async def read_user(username: str) -> UserOut:  # the return annotation is the response model
    return UserOut(username=username, email=f"{username}@example.com")
