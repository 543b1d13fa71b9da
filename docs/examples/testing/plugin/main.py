# main.py
from FasterAPI import Depends, Faster

app = Faster()
started: list[str] = []


@app.on_startup
async def startup() -> None:
    started.append("startup")


@app.get("/ping")
async def ping() -> dict[str, object]:
    return {"pong": True, "started": started}


def get_greeting() -> str:
    return "hello"


@app.get("/greet")
async def greet(greeting: str = Depends(get_greeting)) -> dict[str, str]:
    return {"greeting": greeting}
