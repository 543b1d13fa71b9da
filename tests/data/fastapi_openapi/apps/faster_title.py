from FasterAPI import FastAPI

app = FastAPI(title="My Service", version="2.5.0", description="Things", openapi_url="/api/openapi.json")


@app.get("/ping")
def ping() -> dict[str, str]:
    return {"ping": "pong"}


@app.get("/count")
def count() -> int:
    return 1
