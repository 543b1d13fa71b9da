"""``request.url`` inside a mounted app names the real path once, not the mount prefix twice."""

import httpx

from fasterapi_core import Faster, Request


async def test_url_inside_a_mount_is_not_doubled() -> None:
    inner = Faster()

    @inner.get("/inner")
    async def where(request: Request) -> dict[str, str]:
        return {"path": request.url.path}

    outer = Faster()
    outer.mount("/sub", inner)
    transport = httpx.ASGITransport(app=outer)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/sub/inner")
    assert response.json() == {"path": "/sub/inner"}
