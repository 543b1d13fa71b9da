import gzip
import json

from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_a_gzipped_body_is_decompressed() -> None:
    data = gzip.compress(json.dumps([1] * 1000).encode())
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    response = client.post("/sum", content=data, headers=headers)
    assert response.json() == {"sum": 1000}


def test_a_plain_body_still_works() -> None:
    assert client.post("/sum", json=[1, 2, 3]).json() == {"sum": 6}


def test_handlers_receive_the_custom_request() -> None:
    assert client.get("/request-class").json() == {"class": "GzipRequest"}
