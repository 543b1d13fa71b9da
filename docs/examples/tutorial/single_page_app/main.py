from pathlib import Path

from FasterAPI import Faster, HTTPException
from FasterAPI.responses import Response
from FasterAPI.staticfiles import StaticFiles
from FasterAPI.types import Scope

FRONTEND = Path(__file__).parent / "frontend"


class SinglePageApp(StaticFiles):
    """Files when they exist; ``index.html`` for every other path (the browser's router takes over)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            return await super().get_response("index.html", scope)


app = Faster()


@app.get("/api/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app.mount("/", SinglePageApp(directory=FRONTEND, html=True), name="spa")
