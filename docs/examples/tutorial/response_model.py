# --8<-- [start:app]
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


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_response_model_filters_fields() -> None:
    response = client.post("/users/", json={"username": "ann", "password": "secret", "email": "ann@example.com"})
    assert response.status_code == 201
    assert response.json() == {"username": "ann", "email": "ann@example.com"}


def test_return_annotation_is_the_response_model() -> None:
    assert client.get("/users/bob").json() == {"username": "bob", "email": "bob@example.com"}


# --8<-- [end:test]
