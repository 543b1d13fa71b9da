"""FastAPI parity: forms and file uploads (docs: tutorial/request-forms, request-files,
request-forms-and-files)."""

from __future__ import annotations

from typing import Annotated

from FasterAPI import Faster, File, Form, UploadFile
from FasterAPI.testclient import TestClient


def make_app() -> Faster:
    app = Faster()

    @app.post("/login/")
    async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict[str, str]:
        return {"username": username}

    @app.post("/files/")
    async def create_file(file: Annotated[bytes, File()]) -> dict[str, int]:
        return {"file_size": len(file)}

    @app.post("/uploadfile/")
    async def create_upload_file(file: UploadFile) -> dict[str, object]:
        content = await file.read()
        return {"filename": file.filename, "content_type": file.content_type, "size": len(content)}

    @app.post("/optional-file/")
    async def optional_file(file: Annotated[UploadFile | None, File()] = None) -> dict[str, object]:
        return {"filename": file.filename if file else None}

    @app.post("/multi-files/")
    async def multi_files(files: Annotated[list[UploadFile], File()]) -> dict[str, object]:
        return {"filenames": [f.filename for f in files]}

    @app.post("/multi-bytes/")
    async def multi_bytes(files: Annotated[list[bytes], File()]) -> dict[str, object]:
        return {"file_sizes": [len(f) for f in files]}

    @app.post("/both/")
    async def both(
        file: Annotated[bytes, File()], fileb: Annotated[UploadFile, File()], token: Annotated[str, Form()]
    ) -> dict[str, object]:
        return {"file_size": len(file), "token": token, "fileb_content_type": fileb.content_type}

    @app.post("/typed-form/")
    async def typed_form(age: Annotated[int, Form()], tags: Annotated[list[str], Form()] = []) -> object:  # noqa: B006
        return {"age": age, "tags": tags}

    return app


client = TestClient(make_app())


def test_form_fields() -> None:
    r = client.post("/login/", data={"username": "Foo", "password": "secret"})
    assert r.status_code == 200
    assert r.json() == {"username": "Foo"}


def test_form_missing_field_is_422() -> None:
    r = client.post("/login/", data={"username": "Foo"})
    assert r.status_code == 422
    assert r.json()["detail"] == [
        {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": None}
    ]


def test_form_json_body_is_422() -> None:
    r = client.post("/login/", json={"username": "Foo", "password": "secret"})
    assert r.status_code == 422


def test_file_as_bytes() -> None:
    r = client.post("/files/", files={"file": ("a.txt", b"hello")})
    assert r.json() == {"file_size": 5}


def test_upload_file_attributes() -> None:
    r = client.post("/uploadfile/", files={"file": ("a.txt", b"hello", "text/plain")})
    assert r.json() == {"filename": "a.txt", "content_type": "text/plain", "size": 5}


def test_upload_file_missing_is_422() -> None:
    r = client.post("/uploadfile/")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "file"]
    assert r.json()["detail"][0]["type"] == "missing"


def test_optional_upload_file() -> None:
    assert client.post("/optional-file/").json() == {"filename": None}
    assert client.post("/optional-file/", files={"file": ("x.bin", b"1")}).json() == {"filename": "x.bin"}


def test_multiple_upload_files() -> None:
    files = [("files", ("a.txt", b"a")), ("files", ("b.txt", b"bb"))]
    assert client.post("/multi-files/", files=files).json() == {"filenames": ["a.txt", "b.txt"]}
    assert client.post("/multi-bytes/", files=files).json() == {"file_sizes": [1, 2]}


def test_forms_and_files_together() -> None:
    r = client.post(
        "/both/",
        data={"token": "tok"},
        files={"file": ("a", b"abc"), "fileb": ("b.csv", b"x", "text/csv")},
    )
    assert r.json() == {"file_size": 3, "token": "tok", "fileb_content_type": "text/csv"}


def test_form_values_are_converted_and_lists_collected() -> None:
    r = client.post("/typed-form/", data={"age": "3", "tags": ["a", "b"]})
    assert r.json() == {"age": 3, "tags": ["a", "b"]}
    bad = client.post("/typed-form/", data={"age": "x"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "age"]
