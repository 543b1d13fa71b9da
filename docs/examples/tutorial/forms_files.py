# --8<-- [start:app]
from typing import Annotated

from FasterAPI import Faster, File, Form, UploadFile

app = Faster()


@app.post("/login")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict[str, str]:
    return {"username": username}


@app.post("/files")
async def upload(
    file: UploadFile,
    note: Annotated[str, Form()] = "",
    thumbnail: Annotated[bytes | None, File()] = None,
) -> dict[str, object]:
    content = await file.read()
    return {
        "filename": file.filename,
        "content_type": file.content_type,
        "size": len(content),
        "note": note,
        "thumbnail_size": len(thumbnail) if thumbnail is not None else None,
    }


@app.post("/many")
async def upload_many(files: list[UploadFile]) -> list[str]:
    return [f.filename or "" for f in files]


# --8<-- [end:app]
# --8<-- [start:test]
from FasterAPI.testclient import TestClient  # noqa: E402

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


# --8<-- [end:test]
