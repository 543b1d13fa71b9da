# tests/test_lifespan.py
import pytest

from FasterAPI import TestClient


@pytest.fixture
def app_with_lifespan():
    from FasterAPI import Faster

    test_app = Faster()
    state = {}

    @test_app.on_startup
    async def startup():
        state["db"] = "connected"

    @test_app.get("/status")
    async def status():
        return {"db": state.get("db")}

    return test_app, state


def test_startup_ran(app_with_lifespan):
    test_app, state = app_with_lifespan
    with TestClient(test_app) as client:
        r = client.get("/status")
        assert r.json()["db"] == "connected"
    assert state == {"db": "connected"}
