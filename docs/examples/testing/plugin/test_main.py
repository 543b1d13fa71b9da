# test_main.py
from main import get_greeting


def test_sync_client_fixture(fasterapi_client):
    # The client fixture is already inside ``with``: startup has run.
    assert fasterapi_client.get("/ping").json() == {"pong": True, "started": ["startup"]}


async def test_async_client_fixture(fasterapi_async_client):
    response = await fasterapi_async_client.get("/ping")
    assert response.json()["pong"] is True


def test_overrides_fixture_is_cleared_after_the_test(fasterapi_client, fasterapi_dependency_overrides):
    fasterapi_dependency_overrides[get_greeting] = lambda: "bonjour"
    assert fasterapi_client.get("/greet").json() == {"greeting": "bonjour"}
