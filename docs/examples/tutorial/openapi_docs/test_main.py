from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_openapi_document() -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"] == {"title": "Shop", "version": "2.1.0", "description": "Sells **things**."}
    operation = schema["paths"]["/items/{item_id}"]["get"]
    assert operation["summary"] == "Read one item"
    assert operation["tags"] == ["items"]
    assert operation["parameters"][0]["name"] == "item_id"
    assert "404" in operation["responses"]
    assert "/internal" not in schema["paths"]
    assert schema == app.openapi()


def test_docs_pages() -> None:
    assert "swagger-ui" in client.get("/docs").text
    assert "redoc" in client.get("/redoc").text.lower()
