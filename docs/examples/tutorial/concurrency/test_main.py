from FasterAPI.testclient import TestClient

from main import app, crunch


def test_offloading() -> None:
    with TestClient(app) as client:
        assert client.get("/io").json() == {"result": "done"}
        assert client.get("/sync").json() == {"result": "done"}
        assert client.get("/hash?rounds=10").json() == {"digest": crunch(b"seed", 10)}
