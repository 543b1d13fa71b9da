"""`faster-api-web` behaviours users rely on: the ``_render`` hook, ``UploadFile.write``'s count, header
alias case in OpenAPI, and redirects to user input that never break a header."""

import io
from typing import Annotated, Any

import httpx

from fasterapi_core import Faster, Header, JSONResponse, RedirectResponse, Response, UploadFile


def client(app: Faster) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


class CSVResponse(Response):
    """faster-api-web's documented recipe: override ``_render`` to turn content into bytes."""

    media_type = "text/csv"

    def _render(self, content: Any) -> bytes:
        return "\n".join(",".join(str(cell) for cell in row) for row in content).encode()


class UpperResponse(Response):
    """Starlette's hook, ``render``, keeps working alongside."""

    def render(self, content: Any) -> bytes:
        return str(content).upper().encode()


class CompactJSON(JSONResponse):
    def _render(self, content: Any) -> bytes:
        return super()._render({"wrapped": content})


async def test_response_subclasses_override_render_or_the_anchors_render_hook() -> None:
    csv = CSVResponse([[1, 2], [3, 4]])
    assert csv.body == b"1,2\n3,4"
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.headers["content-length"] == "7"
    assert UpperResponse("abc").body == b"ABC"
    assert CompactJSON([1]).body == b'{"wrapped":[1]}'

    app = Faster()

    @app.get("/report.csv", response_class=CSVResponse)
    async def report() -> Any:
        return [["a", 1], ["b", 2]]

    async with client(app) as c:
        response = await c.get("/report.csv")
    assert response.text == "a,1\nb,2"
    assert response.headers["content-type"] == "text/csv; charset=utf-8"


async def test_upload_file_write_returns_the_number_of_bytes_written() -> None:
    upload = UploadFile(file=io.BytesIO(), filename="a.txt")
    assert await upload.write(b"hello") == 5
    assert await upload.write(b"") == 0
    await upload.seek(0)
    assert await upload.read() == b"hello"


def test_openapi_keeps_the_case_of_header_aliases() -> None:
    app = Faster()

    @app.get("/me")
    async def me(
        token: Annotated[str, Header(alias="Authorization")],
        x_request_id: Annotated[str | None, Header()] = None,
    ) -> None:
        return None

    parameters = app.openapi()["paths"]["/me"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [("Authorization", "header"), ("x-request-id", "header")]


async def test_a_header_alias_is_still_matched_in_any_case() -> None:
    app = Faster()

    @app.get("/me")
    async def me(token: Annotated[str, Header(alias="Authorization")]) -> str:
        return token

    async with client(app) as c:
        assert (await c.get("/me", headers={"authorization": "Bearer a"})).json() == "Bearer a"
        assert (await c.get("/me", headers={"AUTHORIZATION": "Bearer b"})).json() == "Bearer b"


async def test_a_redirect_to_user_input_with_crlf_is_quoted_never_a_500_nor_a_header() -> None:
    app = Faster()

    @app.get("/go")
    async def go(next: str) -> RedirectResponse:
        return RedirectResponse(next)

    async with client(app) as c:
        response = await c.get("/go", params={"next": "/home\r\nSet-Cookie: session=stolen"})
    assert response.status_code == 307
    assert response.headers["location"] == "/home%0D%0ASet-Cookie:%20session=stolen"
    assert "set-cookie" not in response.headers
    assert RedirectResponse("/a b?q=ü#f").headers["location"] == "/a%20b?q=%C3%BC#f"
