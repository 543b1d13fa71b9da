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
