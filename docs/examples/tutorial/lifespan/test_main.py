from FasterAPI.testclient import TestClient

from main import app, ml_models


def test_lifespan_runs_around_the_client_block() -> None:
    with TestClient(app) as client:  # ``with`` runs startup, then shutdown on exit
        assert client.get("/predict").json() == {"result": 42, "greeting": "hello"}
    assert ml_models == {}
