"""Form() and File() parameters, UploadFile and request.form(), through raw ASGI (httpx.ASGITransport)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import httpx
import msgspec
import pytest

from fasterapi_core import Faster, File, Form, FormData, Request, UploadFile

CLOSED: list[UploadFile] = []


class Profile(msgspec.Struct):
    name: str
    age: int
    tags: list[str] = []


@dataclasses.dataclass
class Login:
    user: str
    remember: bool = False


def make_app() -> Faster:
    app = Faster()

    @app.post("/login")
    async def login(username: str = Form(), password: str = Form(), age: int = Form(18)) -> dict[str, Any]:
        return {"username": username, "password": password, "age": age}

    @app.post("/many")
    async def many(tag: Annotated[list[str], Form()], limit: Annotated[int, Form(ge=1, le=10)] = 5) -> dict[str, Any]:
        return {"tag": tag, "limit": limit}

    @app.post("/upload")
    async def upload(file: UploadFile, note: str = Form("")) -> dict[str, Any]:
        CLOSED.append(file)
        data = await file.read()
        return {
            "filename": file.filename,
            "content_type": file.content_type,
            "size": file.size,
            "data": data.decode(),
            "note": note,
            "x": file.headers.get("content-type"),
        }

    @app.post("/bytes")
    async def as_bytes(data: bytes = File()) -> dict[str, Any]:
        return {"len": len(data), "head": data[:5].decode()}

    @app.post("/files")
    async def files(files: list[UploadFile] = File()) -> dict[str, Any]:
        return {"names": [f.filename for f in files], "sizes": [f.size for f in files]}

    @app.post("/optional")
    async def optional(file: UploadFile | None = None) -> dict[str, Any]:
        return {"file": None if file is None else file.filename}

    @app.post("/profile")
    async def profile(data: Annotated[Profile, Form()]) -> Profile:
        return data

    @app.post("/dc")
    async def dc(data: Annotated[Login, Form()]) -> dict[str, Any]:
        return dataclasses.asdict(data)

    @app.post("/raw")
    async def raw(request: Request) -> dict[str, Any]:
        form = await request.form()
        again = await request.form()
        assert form is again
        out: dict[str, Any] = {"keys": sorted(form), "a": form.getlist("a")}
        upload = form.get("f")
        if isinstance(upload, UploadFile):
            out["f"] = (await upload.read()).decode()
        await form.close()
        return out

    @app.post("/limited")
    async def limited(request: Request) -> dict[str, int]:
        form = await request.form(max_files=1, max_fields=2, max_part_size=10)
        return {"n": len(form.multi_items())}

    return app


@pytest.fixture
def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=make_app()), base_url="http://test")


async def test_urlencoded_fields_are_converted(client: httpx.AsyncClient) -> None:
    response = await client.post("/login", data={"username": "ann", "password": "pw", "age": "30"})
    assert response.status_code == 200
    assert response.json() == {"username": "ann", "password": "pw", "age": 30}


async def test_multipart_fields_work_like_urlencoded(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/login", data={"username": "ann", "password": "pw"}, files={"ignored": ("a.txt", b"x")}
    )
    assert response.status_code == 200
    assert response.json() == {"username": "ann", "password": "pw", "age": 18}


async def test_missing_and_invalid_form_fields_give_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/login", data={"password": "pw", "age": "old"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["type"], e["loc"]) for e in detail] == [
        ("missing", ["body", "username"]),
        ("int_parsing", ["body", "age"]),
    ]


async def test_empty_string_counts_as_missing(client: httpx.AsyncClient) -> None:
    response = await client.post("/login", data={"username": "", "password": "pw"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "username"]


async def test_repeated_fields_and_constraints(client: httpx.AsyncClient) -> None:
    response = await client.post("/many", content=b"tag=a&tag=b&limit=3", headers=_URLENC)
    assert response.json() == {"tag": ["a", "b"], "limit": 3}
    response = await client.post("/many", content=b"tag=a&limit=30", headers=_URLENC)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "less_than_equal"


_URLENC = {"content-type": "application/x-www-form-urlencoded"}


async def test_upload_file_attributes(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/upload", files={"file": ("hello.txt", b"hello world", "text/plain")}, data={"note": "n"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "filename": "hello.txt",
        "content_type": "text/plain",
        "size": 11,
        "data": "hello world",
        "note": "n",
        "x": "text/plain",
    }
    assert CLOSED[-1].file.closed, "uploaded files are closed after the response"


async def test_missing_file_and_text_instead_of_file(client: httpx.AsyncClient) -> None:
    response = await client.post("/upload", files={"other": ("a.txt", b"a")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert response.json()["detail"][0]["type"] == "missing"
    response = await client.post("/upload", data={"file": "text"}, files={"other": ("a.txt", b"a")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "value_error"


async def test_json_body_to_a_form_route_is_422_not_500(client: httpx.AsyncClient) -> None:
    response = await client.post("/login", json={"username": "x", "password": "y"})
    assert response.status_code == 422


async def test_bytes_file(client: httpx.AsyncClient) -> None:
    response = await client.post("/bytes", files={"data": ("d.bin", b"abcdefgh")})
    assert response.json() == {"len": 8, "head": "abcde"}


async def test_list_of_uploads(client: httpx.AsyncClient) -> None:
    files = [("files", ("a.txt", b"aa")), ("files", ("b.txt", b"bbb"))]
    response = await client.post("/files", files=files)
    assert response.json() == {"names": ["a.txt", "b.txt"], "sizes": [2, 3]}


async def test_optional_upload(client: httpx.AsyncClient) -> None:
    response = await client.post("/optional", files={"x": ("n.txt", b"")})
    assert response.json() == {"file": None}
    response = await client.post("/optional", files={"file": ("n.txt", b"1")})
    assert response.json() == {"file": "n.txt"}


async def test_struct_groups_form_fields(client: httpx.AsyncClient) -> None:
    response = await client.post("/profile", content=b"name=ann&age=3&tags=a&tags=b", headers=_URLENC)
    assert response.status_code == 200
    assert response.json() == {"name": "ann", "age": 3, "tags": ["a", "b"]}
    response = await client.post("/profile", content=b"name=ann&age=x", headers=_URLENC)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "age"]
    response = await client.post("/profile", content=b"age=1", headers=_URLENC)
    assert response.json()["detail"][0] == {
        "type": "missing",
        "loc": ["body", "name"],
        "msg": "Field required",
        "input": {"age": "1"},
    }


async def test_dataclass_groups_form_fields(client: httpx.AsyncClient) -> None:
    response = await client.post("/dc", content=b"user=u&remember=true", headers=_URLENC)
    assert response.json() == {"user": "u", "remember": True}


async def test_request_form_multi_valued(client: httpx.AsyncClient) -> None:
    response = await client.post("/raw", data={"a": ["1", "2"]}, files={"f": ("f.txt", b"file!")})
    assert response.json() == {"keys": ["a", "f"], "a": ["1", "2"], "f": "file!"}
    response = await client.post("/raw", content=b"a=1&a=2", headers=_URLENC)
    assert response.json() == {"keys": ["a"], "a": ["1", "2"]}


async def test_limits_answer_400_with_starlettes_details(client: httpx.AsyncClient) -> None:
    """Every form limit is a 400 worded as Starlette words it (FastAPI answers with Starlette's)."""
    response = await client.post("/limited", files=[("f", ("a", b"1")), ("f", ("b", b"2"))])
    assert response.status_code == 400
    assert response.json() == {"detail": "Too many files. Maximum number of files is 1."}
    response = await client.post("/limited", data={"a": "1", "b": "2", "c": "3"}, files={"f": ("a", b"1")})
    assert response.status_code == 400
    assert response.json() == {"detail": "Too many fields. Maximum number of fields is 2."}
    response = await client.post("/limited", data={"a": "x" * 11}, files={"f": ("a", b"1")})
    assert response.status_code == 400
    assert response.json() == {"detail": "Part exceeded maximum size of 0KB."}
    response = await client.post("/limited", content=b"a=" + b"x" * 11, headers=_URLENC)
    assert response.status_code == 400
    assert response.json() == {"detail": "Field exceeded maximum size of 0KB."}
    response = await client.post("/limited", content=b"a=1&b=2&c=3", headers=_URLENC)
    assert response.status_code == 400
    assert response.json() == {"detail": "Too many fields. Maximum number of fields is 2."}


async def test_malformed_multipart_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/raw", content=b"--x\r\nbad", headers={"content-type": "multipart/form-data"})
    assert response.status_code == 400
    body = b"--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n"
    response = await client.post("/raw", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 400


async def test_truncated_multipart_is_400_and_empty_is_an_empty_form(client: httpx.AsyncClient) -> None:
    headers = {"content-type": "multipart/form-data; boundary=b"}
    body = b'--b\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\nhello'
    response = await client.post("/raw", content=body, headers=headers)
    assert response.status_code == 400
    response = await client.post("/raw", content=b"", headers=headers)
    assert response.json() == {"keys": [], "a": []}
    response = await client.post("/upload", content=b"", headers=headers)
    assert response.status_code == 422


async def test_large_upload_spools_to_disk(client: httpx.AsyncClient) -> None:
    payload = b"z" * (2 * 1024 * 1024 + 7)
    response = await client.post("/upload", files={"file": ("big.bin", payload, "application/octet-stream")})
    assert response.status_code == 200
    assert response.json()["size"] == len(payload)
    assert CLOSED[-1].file._rolled  # type: ignore[attr-defined]
    assert CLOSED[-1].file.closed


async def test_upload_file_api_directly() -> None:
    upload = UploadFile(filename="x.txt", headers={"content-type": "text/plain"}, size=0)
    await upload.write(b"abc")
    await upload.seek(0)
    assert await upload.read() == b"abc"
    assert upload.size == 3
    assert upload.content_type == "text/plain"
    await upload.close()
    assert upload.file.closed
    legacy = UploadFile("y.txt", "image/png")
    assert (legacy.filename, legacy.content_type) == ("y.txt", "image/png")
    await legacy.close()


async def test_formdata_is_multivalued_dict() -> None:
    upload = UploadFile(filename="a")
    form = FormData([("a", "1"), ("a", "2"), ("f", upload)])
    assert isinstance(form, dict)
    assert form["a"] == "2"
    assert form.getlist("a") == ["1", "2"]
    assert form.multi_items()[0] == ("a", "1")
    await form.close()
    assert upload.file.closed


async def test_form_as_context_manager_closes_uploads() -> None:
    app = Faster()
    seen: list[UploadFile] = []

    @app.post("/cm")
    async def cm(request: Request) -> dict[str, bool]:
        async with request.form() as form:
            upload = form["f"]
            assert isinstance(upload, UploadFile)
            seen.append(upload)
            open_inside = not upload.file.closed
        return {"open_inside": open_inside}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post("/cm", files={"f": ("a.txt", b"abc")})
        assert response.json() == {"open_inside": True}
        assert seen[0].file.closed


async def test_files_opened_before_a_limit_is_hit_are_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    from fasterapi_core import _multipart
    from fasterapi_core.exceptions import HTTPException

    created: list[UploadFile] = []

    class Tracked(UploadFile):
        __slots__ = ()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            created.append(self)

    monkeypatch.setattr(_multipart, "UploadFile", Tracked)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n1\r\n'
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="b"\r\n\r\n2\r\n--b--\r\n'
    )

    async def chunks() -> Any:
        yield body

    with pytest.raises(HTTPException) as info:
        await _multipart.parse_multipart(
            "multipart/form-data; boundary=b", chunks(), max_files=1, max_fields=10, max_part_size=10
        )
    assert info.value.status_code == 400
    assert len(created) == 1
    assert created[0].file.closed
