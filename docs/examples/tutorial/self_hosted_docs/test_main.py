import re

from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def asset_urls(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page)


def test_the_docs_pages_load_nothing_from_another_site() -> None:
    swagger = client.get("/docs").text
    redoc = client.get("/redoc").text
    for url in asset_urls(swagger) + asset_urls(redoc):
        assert url.startswith(("/static/", "data:")), url  # same server, or inline: works offline
    assert "/static/swagger-ui-bundle.js" in asset_urls(swagger)
    assert "/static/redoc.standalone.js" in asset_urls(redoc)
    assert "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'" in swagger


def test_the_assets_come_from_the_static_mount() -> None:
    assert app.url_path_for("static", path="swagger-ui-bundle.js") == "/static/swagger-ui-bundle.js"


def test_the_oauth2_redirect_page_is_served() -> None:
    assert app.swagger_ui_oauth2_redirect_url == "/docs/oauth2-redirect"
    assert "swaggerUIRedirectOauth2" in client.get("/docs/oauth2-redirect").text
