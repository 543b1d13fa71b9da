from FasterAPI import FasterRouter

router = FasterRouter()


@router.get("/users/", tags=["users"])
async def read_users() -> list[dict[str, str]]:
    return [{"username": "Rick"}, {"username": "Morty"}]


@router.get("/users/{username}", tags=["users"])
async def read_user(username: str) -> dict[str, str]:
    return {"username": username}
