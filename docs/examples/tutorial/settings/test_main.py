import os

from FasterAPI.testclient import TestClient

from main import Settings, app, get_settings


def test_settings_from_the_environment_and_overridden_in_tests() -> None:
    get_settings.cache_clear()
    os.environ["APP_ITEMS_PER_USER"] = "7"
    try:
        client = TestClient(app)
        assert client.get("/info").json()["items_per_user"] == 7
        app.dependency_overrides[get_settings] = lambda: Settings(app_name="Test")
        assert client.get("/info").json()["app_name"] == "Test"
    finally:
        app.dependency_overrides.clear()
        del os.environ["APP_ITEMS_PER_USER"]
        get_settings.cache_clear()
