from pathlib import Path

from FasterAPI import Faster
from FasterAPI.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from FasterAPI.responses import HTMLResponse
from FasterAPI.staticfiles import StaticFiles

# swagger-ui-bundle.js, swagger-ui.css and redoc.standalone.js, downloaded once (see the page)
STATIC = Path(__file__).parent / "static"

app = Faster(docs_url=None, redoc_url=None)  # turn off the pages that load their assets from a CDN
app.mount("/static", StaticFiles(directory=STATIC), name="static")


@app.get("/docs", include_in_schema=False)
async def swagger_ui_html() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=app.openapi_url,
        title=app.title + " - Swagger UI",
        oauth2_redirect_url=app.swagger_ui_oauth2_redirect_url,
        swagger_js_url="/static/swagger-ui-bundle.js",
        swagger_css_url="/static/swagger-ui.css",
    )


@app.get(app.swagger_ui_oauth2_redirect_url, include_in_schema=False)
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@app.get("/redoc", include_in_schema=False)
async def redoc_html() -> HTMLResponse:
    return get_redoc_html(
        openapi_url=app.openapi_url,
        title=app.title + " - ReDoc",
        redoc_js_url="/static/redoc.standalone.js",
        with_google_fonts=False,
    )


@app.get("/users/{username}")
async def read_user(username: str) -> dict[str, str]:
    return {"message": f"Hello {username}"}
