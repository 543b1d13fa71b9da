"""FastAPI tutorial "Form Data", "Form Models", "Request Files" and "Request Forms and Files", with
FasterAPI (form models are msgspec.Struct classes)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
import pytest

from FasterAPI import Faster, File, Form, UploadFile
from FasterAPI.responses import HTMLResponse
from FasterAPI.testclient import TestClient


class FormData(msgspec.Struct):
    username: str
    password: str


class StrictFormData(msgspec.Struct, forbid_unknown_fields=True):
    username: str
    password: str


def _forms_app() -> Faster:
    app = Faster()

    @app.post("/login/")
    async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict[str, str]:
        return {"username": username}

    @app.post("/model-login/")
    async def model_login(data: Annotated[FormData, Form()]) -> FormData:
        return data

    @app.post("/strict-login/")
    async def strict_login(data: Annotated[StrictFormData, Form()]) -> StrictFormData:
        return data

    return app


@pytest.fixture(scope="module")
def forms() -> TestClient:
    return TestClient(_forms_app())


def _missing(*names: str, input_value: Any = None) -> dict[str, Any]:
    return {
        "detail": [
            {"type": "missing", "loc": ["body", name], "msg": "Field required", "input": input_value} for name in names
        ]
    }


def test_form_fields(forms: TestClient) -> None:
    response = forms.post("/login/", data={"username": "Foo", "password": "secret"})
    assert response.status_code == 200
    assert response.json() == {"username": "Foo"}


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({"username": "Foo"}, ("password",)),
        ({"password": "secret"}, ("username",)),
        ({}, ("username", "password")),
    ],
)
def test_form_fields_missing(forms: TestClient, data: dict[str, str], missing: tuple[str, ...]) -> None:
    response = forms.post("/login/", data=data)
    assert response.status_code == 422
    assert response.json() == _missing(*missing)


def test_form_fields_sent_as_json(forms: TestClient) -> None:
    response = forms.post("/login/", json={"username": "Foo", "password": "secret"})
    assert response.status_code == 422
    assert response.json() == _missing("username", "password")


@pytest.mark.parametrize("url", ["/model-login/", "/strict-login/"])
def test_form_model(forms: TestClient, url: str) -> None:
    response = forms.post(url, data={"username": "Foo", "password": "secret"})
    assert response.status_code == 200
    assert response.json() == {"username": "Foo", "password": "secret"}


def test_form_model_missing_field(forms: TestClient) -> None:
    response = forms.post("/model-login/", data={"username": "Foo"})
    assert response.status_code == 422
    assert response.json() == _missing("password", input_value={"username": "Foo"})


def test_form_model_empty(forms: TestClient) -> None:
    response = forms.post("/model-login/", data={})
    assert response.status_code == 422
    assert response.json() == _missing("username", "password", input_value={})


def test_form_model_sent_as_json(forms: TestClient) -> None:
    response = forms.post("/model-login/", json={"username": "Foo", "password": "secret"})
    assert response.status_code == 422
    assert response.json() == _missing("username", "password", input_value={})


def test_form_model_extra_ignored_by_default(forms: TestClient) -> None:
    response = forms.post("/model-login/", data={"username": "Foo", "password": "secret", "extra": "extra"})
    assert response.status_code == 200
    assert response.json() == {"username": "Foo", "password": "secret"}


def test_form_model_forbid_extra(forms: TestClient) -> None:
    response = forms.post("/strict-login/", data={"username": "Foo", "password": "secret", "extra": "extra"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "extra_forbidden",
                "loc": ["body", "extra"],
                "msg": "Extra inputs are not permitted",
                "input": "extra",
            }
        ]
    }


class Checkbox(msgspec.Struct):
    checkbox: bool = True


class SignUp(msgspec.Struct):
    username: str
    password: str
    avatar: UploadFile


def test_form_model_bool_spellings() -> None:
    app = Faster()

    @app.post("/form")
    async def post_form(data: Annotated[Checkbox, Form()]) -> Checkbox:
        return data

    client = TestClient(app)
    assert client.post("/form", data={"checkbox": "on"}).json() == {"checkbox": True}
    assert client.post("/form", data={"checkbox": "off"}).json() == {"checkbox": False}
    assert client.post("/form", data={}).json() == {"checkbox": True}
    assert client.post("/form", data={"checkbox": ""}).json() == {"checkbox": True}
    response = client.post("/form", data={"checkbox": "maybe"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "bool_parsing",
                "loc": ["body", "checkbox"],
                "msg": "Input should be a valid boolean, unable to interpret input",
                "input": "maybe",
            }
        ]
    }


def test_form_model_with_a_file() -> None:
    app = Faster()

    @app.post("/users/")
    async def create_user(data: Annotated[SignUp, Form()]) -> dict[str, Any]:
        return {"username": data.username, "password": data.password, "avatar_file_size": len(await data.avatar.read())}

    client = TestClient(app)
    response = client.post(
        "/users/", data={"username": "Foo", "password": "secret"}, files={"avatar": ("avatar.png", b"filebytes")}
    )
    assert response.status_code == 200
    assert response.json() == {"username": "Foo", "password": "secret", "avatar_file_size": 9}
    response = client.post("/users/", data={"username": "Foo", "password": "secret"})
    assert response.status_code == 422
    assert response.json() == _missing("avatar", input_value={"username": "Foo", "password": "secret"})


def _files_app() -> Faster:
    app = Faster()

    @app.post("/files/")
    async def create_file(file: Annotated[bytes, File()]) -> dict[str, int]:
        return {"file_size": len(file)}

    @app.post("/uploadfile/")
    async def create_upload_file(file: UploadFile) -> dict[str, Any]:
        return {"filename": file.filename}

    @app.post("/optional-files/")
    async def create_optional_file(file: Annotated[bytes | None, File()] = None) -> dict[str, Any]:
        if not file:
            return {"message": "No file sent"}
        return {"file_size": len(file)}

    @app.post("/optional-uploadfile/")
    async def create_optional_upload_file(file: UploadFile | None = None) -> dict[str, Any]:
        if not file:
            return {"message": "No upload file sent"}
        return {"filename": file.filename}

    @app.post("/described-uploadfile/")
    async def create_described_upload_file(
        file: Annotated[UploadFile, File(description="A file read as UploadFile")],
    ) -> dict[str, Any]:
        return {"filename": file.filename, "content": (await file.read()).decode()}

    @app.post("/multiple-files/")
    async def create_files(files: Annotated[list[bytes], File()]) -> dict[str, Any]:
        return {"file_sizes": [len(file) for file in files]}

    @app.post("/multiple-uploadfiles/")
    async def create_upload_files(files: list[UploadFile]) -> dict[str, Any]:
        return {"filenames": [file.filename for file in files]}

    @app.get("/")
    async def main() -> HTMLResponse:
        content = """
<body>
<form action="/multiple-files/" enctype="multipart/form-data" method="post">
<input name="files" type="file" multiple>
<input type="submit">
</form>
</body>
        """
        return HTMLResponse(content=content)

    @app.post("/forms-and-files/")
    async def create_form_and_files(
        file: Annotated[bytes, File()], fileb: Annotated[UploadFile, File()], token: Annotated[str, Form()]
    ) -> dict[str, Any]:
        return {"file_size": len(file), "token": token, "fileb_content_type": fileb.content_type}

    return app


@pytest.fixture(scope="module")
def files() -> TestClient:
    return TestClient(_files_app())


CONTENT = b"<file content>"


@pytest.mark.parametrize("url", ["/files/", "/uploadfile/"])
def test_file_missing(files: TestClient, url: str) -> None:
    response = files.post(url)
    assert response.status_code == 422
    assert response.json() == _missing("file")


def test_file_as_bytes(files: TestClient) -> None:
    response = files.post("/files/", files={"file": ("test.txt", CONTENT)})
    assert response.status_code == 200
    assert response.json() == {"file_size": 14}


def test_large_file_as_bytes(files: TestClient) -> None:
    response = files.post("/files/", files={"file": ("test.txt", b"x" * (2**16 + 1))})
    assert response.status_code == 200
    assert response.json() == {"file_size": 2**16 + 1}


def test_file_as_upload_file(files: TestClient) -> None:
    response = files.post("/uploadfile/", files={"file": ("test.txt", CONTENT)})
    assert response.status_code == 200
    assert response.json() == {"filename": "test.txt"}


def test_optional_files(files: TestClient) -> None:
    assert files.post("/optional-files/").json() == {"message": "No file sent"}
    assert files.post("/optional-uploadfile/").json() == {"message": "No upload file sent"}
    response = files.post("/optional-files/", files={"file": ("test.txt", CONTENT)})
    assert response.json() == {"file_size": 14}
    response = files.post("/optional-uploadfile/", files={"file": ("test.txt", CONTENT)})
    assert response.json() == {"filename": "test.txt"}


def test_file_with_metadata(files: TestClient) -> None:
    response = files.post("/described-uploadfile/", files={"file": ("test.txt", CONTENT)})
    assert response.json() == {"filename": "test.txt", "content": "<file content>"}


def test_multiple_files(files: TestClient) -> None:
    sent = [("files", ("test.txt", CONTENT)), ("files", ("test2.txt", b"<file content2>"))]
    response = files.post("/multiple-files/", files=sent)
    assert response.status_code == 200
    assert response.json() == {"file_sizes": [14, 15]}
    response = files.post("/multiple-uploadfiles/", files=sent)
    assert response.status_code == 200
    assert response.json() == {"filenames": ["test.txt", "test2.txt"]}


@pytest.mark.parametrize("url", ["/multiple-files/", "/multiple-uploadfiles/"])
def test_multiple_files_missing(files: TestClient, url: str) -> None:
    response = files.post(url)
    assert response.status_code == 422
    assert response.json() == _missing("files")


def test_upload_form_page(files: TestClient) -> None:
    response = files.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert b"<form" in response.content


def test_forms_and_files_missing(files: TestClient) -> None:
    response = files.post("/forms-and-files/")
    assert response.status_code == 422
    assert response.json() == _missing("file", "fileb", "token")


def test_forms_and_files_only_token(files: TestClient) -> None:
    response = files.post("/forms-and-files/", data={"token": "foo"})
    assert response.status_code == 422
    assert response.json() == _missing("file", "fileb")


def test_forms_and_files_json_body(files: TestClient) -> None:
    response = files.post("/forms-and-files/", json={"file": "Foo", "token": "Bar"})
    assert response.status_code == 422
    assert response.json() == _missing("file", "fileb", "token")


def test_forms_and_files(files: TestClient) -> None:
    response = files.post(
        "/forms-and-files/",
        data={"token": "foo"},
        files={"file": ("test.txt", CONTENT), "fileb": ("cover.jpg", b"<file b content>", "image/jpeg")},
    )
    assert response.status_code == 200
    assert response.json() == {"file_size": 14, "token": "foo", "fileb_content_type": "image/jpeg"}


# -- beyond the tutorial's own examples: File() spelled out, typed form values --------------------------------------


def _declared_app() -> Faster:
    app = Faster()

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

    @app.post("/typed-form/")
    async def typed_form(age: Annotated[int, Form()], tags: Annotated[list[str], Form()] = []) -> object:  # noqa: B006
        return {"age": age, "tags": tags}

    return app


def test_upload_file_attributes() -> None:
    response = TestClient(_declared_app()).post("/uploadfile/", files={"file": ("a.txt", b"hello", "text/plain")})
    assert response.json() == {"filename": "a.txt", "content_type": "text/plain", "size": 5}


def test_optional_upload_file_with_file_marker() -> None:
    client = TestClient(_declared_app())
    assert client.post("/optional-file/").json() == {"filename": None}
    assert client.post("/optional-file/", files={"file": ("x.bin", b"1")}).json() == {"filename": "x.bin"}


def test_multiple_upload_files_with_file_marker() -> None:
    files = [("files", ("a.txt", b"a")), ("files", ("b.txt", b"bb"))]
    assert TestClient(_declared_app()).post("/multi-files/", files=files).json() == {"filenames": ["a.txt", "b.txt"]}


def test_form_values_are_converted_and_lists_collected() -> None:
    client = TestClient(_declared_app())
    response = client.post("/typed-form/", data={"age": "3", "tags": ["a", "b"]})
    assert response.json() == {"age": 3, "tags": ["a", "b"]}
    bad = client.post("/typed-form/", data={"age": "x"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "age"]
