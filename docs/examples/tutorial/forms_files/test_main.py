from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_urlencoded_form() -> None:
    assert client.post("/login", data={"username": "ann", "password": "pw"}).json() == {"username": "ann"}
    missing = client.post("/login", data={"username": "ann"})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "password"]


def test_file_upload_with_form_fields() -> None:
    response = client.post(
        "/files",
        files={"file": ("notes.txt", b"hello world", "text/plain"), "thumbnail": ("t.png", b"\x89PNG")},
        data={"note": "first"},
    )
    assert response.json() == {
        "filename": "notes.txt",
        "content_type": "text/plain",
        "size": 11,
        "note": "first",
        "thumbnail_size": 4,
    }


def test_several_files() -> None:
    files = [("files", ("a.txt", b"a")), ("files", ("b.txt", b"b"))]
    assert client.post("/many", files=files).json() == ["a.txt", "b.txt"]
