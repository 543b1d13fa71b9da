import json

from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_one_json_document_per_line() -> None:
    for path in ("/items/stream", "/items/stream-from-a-thread"):
        response = client.get(path)
        assert response.headers["content-type"] == "application/jsonl"
        items = [json.loads(line) for line in response.text.splitlines()]
        assert [item["name"] for item in items] == ["Plumbus", "Portal Gun", "Meeseeks Box"]


def test_reading_the_lines_as_they_arrive() -> None:
    with client.stream("GET", "/items/stream") as response:
        first = next(response.iter_lines())
    assert json.loads(first) == {"name": "Plumbus", "description": "A multi-purpose household device."}


def test_the_document_describes_each_line() -> None:
    content = client.get("/openapi.json").json()["paths"]["/items/stream"]["get"]["responses"]["200"]["content"]
    assert content == {"application/jsonl": {"itemSchema": {"$ref": "#/components/schemas/Item"}}}
