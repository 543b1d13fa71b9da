from FasterAPI.testclient import TestClient

from main import app, crunch


def test_offloading() -> None:
    with TestClient(app) as client:
        assert client.get("/io").json() == {"result": "done"}
        assert client.get("/sync").json() == {"result": "done"}
        # The first call starts the pool's worker processes: allow more than the client's default 5 s.
        assert client.get("/hash?rounds=10", timeout=60).json() == {"digest": crunch(b"seed", 10)}
