# --8<-- [start:app]
from typing import Annotated

from FasterAPI import Depends, Faster, HTTPException, Security
from FasterAPI.security import APIKeyHeader, HTTPBasic, HTTPBasicCredentials

app = Faster()
api_key_header = APIKeyHeader(name="X-API-Key")
basic = HTTPBasic()


async def api_key(key: Annotated[str, Security(api_key_header)]) -> str:
    if key != "let-me-in":
        raise HTTPException(status_code=403, detail="Unknown API key")
    return key


@app.get("/reports")
async def reports(key: Annotated[str, Depends(api_key)]) -> dict[str, str]:
    return {"reports": "all of them"}


@app.get("/admin")
async def admin(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> dict[str, str]:
    return {"username": credentials.username}


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

client = TestClient(app)


def test_api_key_header() -> None:
    assert client.get("/reports", headers={"X-API-Key": "let-me-in"}).json() == {"reports": "all of them"}
    assert client.get("/reports", headers={"X-API-Key": "guess"}).status_code == 403
    missing = client.get("/reports")
    assert (missing.status_code, missing.json()) == (401, {"detail": "Not authenticated"})


def test_http_basic() -> None:
    assert client.get("/admin", auth=("root", "pw")).json() == {"username": "root"}
    assert client.get("/admin").status_code == 401


# --8<-- [end:test]
