"""A shop API that uses every kind of input FasterAPI documents: the contract tests fuzz it from its
own ``/openapi.json`` and the soak script (``benchmarks/soak.py``) loads it over real HTTP.

Every parameter source (path, query, header, cookie, JSON body, form, file), constraints on each,
``Decimal``/``datetime``/``date``/``time``/``UUID``/enum/``Literal``/union/nested models, security,
response models and documented error statuses. It also has a streaming answer, a background task
counter and a WebSocket echo for the soak. State is in memory and bounded.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Literal

import anyio
import msgspec

from FasterAPI import (
    APIKeyHeader,
    BackgroundTasks,
    Body,
    Cookie,
    Depends,
    Faster,
    File,
    Form,
    Header,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    HTTPException,
    Path,
    PlainTextResponse,
    Query,
    StreamingResponse,
    UploadFile,
    WebSocket,
    WebSocketDisconnect,
    status,
)

#: At most this many products are kept (the soak creates many).
MAX_PRODUCTS = 500


class Category(str, enum.Enum):
    books = "books"
    games = "games"
    tools = "tools"


class Dimensions(msgspec.Struct):
    width: Annotated[float, msgspec.Meta(gt=0, le=1000)]
    height: Annotated[float, msgspec.Meta(gt=0, le=1000)]
    unit: Literal["cm", "in"] = "cm"


class ProductIn(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    price: decimal.Decimal
    category: Category
    stock: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)] = 0
    tags: Annotated[list[Annotated[str, msgspec.Meta(max_length=20)]], msgspec.Meta(max_length=5)] = []
    dimensions: Dimensions | None = None
    available_from: datetime.date | None = None
    sku: Annotated[str, msgspec.Meta(pattern="^[A-Z]{3}-[0-9]{4}$")] | None = None


class Product(msgspec.Struct):
    id: uuid.UUID
    name: str
    price: decimal.Decimal
    category: Category
    stock: int
    tags: list[str]
    dimensions: Dimensions | None
    available_from: datetime.date | None
    sku: str | None
    created_at: datetime.datetime


class ProductPatch(msgspec.Struct, forbid_unknown_fields=True):
    price: decimal.Decimal | None = None
    stock: Annotated[int, msgspec.Meta(ge=0)] | None = None


class Page(msgspec.Struct):
    items: list[Product]
    total: int
    next_offset: int | None


class Quote(msgspec.Struct):
    product_id: uuid.UUID
    quantity: int
    unit_price: decimal.Decimal
    total: decimal.Decimal
    deliver_at: datetime.datetime
    window: datetime.time


class Upload(msgspec.Struct):
    filename: str | None
    size: int
    note: str
    checksum: int


class Message(msgspec.Struct):
    detail: str


_NOT_FOUND = {404: {"model": Message, "description": "No such product"}}
_UNAUTHORIZED = {401: {"model": Message, "description": "Missing or bad credentials"}}
_FORBIDDEN = {403: {"model": Message, "description": "Missing or bad API key"}}

app = Faster(title="Contract shop", version="1.0.0")
products: dict[uuid.UUID, Product] = {}
#: How many background tasks ran (the soak checks every scheduled one ran).
background_runs = [0]

bearer = HTTPBearer(auto_error=False)
api_key = APIKeyHeader(name="x-api-key", auto_error=False)


def current_user(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    if credentials is None or credentials.credentials != "secret-token":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Missing or bad credentials")
    return "admin"


def admin_key(key: Annotated[str | None, Depends(api_key)]) -> None:
    if key != "admin-key":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Missing or bad API key")


def _count_run() -> None:
    background_runs[0] += 1


@app.get("/products", response_model=Page)
async def list_products(
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(gt=0, le=50)] = 10,
    category: Category | None = None,
    min_price: Annotated[float | None, Query(ge=0)] = None,
    max_price: decimal.Decimal | None = None,
    tag: Annotated[list[str] | None, Query(max_length=3)] = None,
    sort: Literal["name", "price", "created"] = "name",
    descending: bool = False,
    since: datetime.datetime | None = None,
    q: Annotated[str | None, Query(min_length=2, max_length=30, pattern="^[a-z ]+$")] = None,
) -> Page:
    found = list(products.values())
    if category is not None:
        found = [p for p in found if p.category is category]
    if min_price is not None:
        found = [p for p in found if p.price >= decimal.Decimal(str(min_price))]
    if max_price is not None:
        found = [p for p in found if p.price <= max_price]
    if tag:
        found = [p for p in found if set(tag) & set(p.tags)]
    if since is not None:
        aware = since if since.tzinfo is not None else since.replace(tzinfo=datetime.timezone.utc)
        found = [p for p in found if p.created_at >= aware]
    if q is not None:
        found = [p for p in found if q in p.name.lower()]
    key = {"name": lambda p: p.name, "price": lambda p: p.price, "created": lambda p: p.created_at}[sort]
    found.sort(key=key, reverse=descending)  # type: ignore[arg-type]
    page = found[offset : offset + limit]
    following = offset + limit if offset + limit < len(found) else None
    return Page(items=page, total=len(found), next_offset=following)


@app.post("/products", status_code=201, responses={**_UNAUTHORIZED})
async def create_product(
    product: ProductIn, user: Annotated[str, Depends(current_user)], background: BackgroundTasks
) -> Product:
    created = Product(
        id=uuid.uuid4(),
        name=product.name,
        price=product.price,
        category=product.category,
        stock=product.stock,
        tags=product.tags,
        dimensions=product.dimensions,
        available_from=product.available_from,
        sku=product.sku,
        created_at=datetime.datetime.now(datetime.timezone.utc),
    )
    if len(products) >= MAX_PRODUCTS:
        products.pop(next(iter(products)))
    products[created.id] = created
    background.add_task(_count_run)
    return created


def _product(product_id: uuid.UUID) -> Product:
    found = products.get(product_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such product")
    return found


@app.get("/products/{product_id}", responses={**_NOT_FOUND})
async def read_product(product_id: uuid.UUID) -> Product:
    return _product(product_id)


@app.patch("/products/{product_id}", responses={**_NOT_FOUND, **_FORBIDDEN}, dependencies=[Depends(admin_key)])
async def patch_product(product_id: uuid.UUID, patch: ProductPatch) -> Product:
    found = _product(product_id)
    changed = msgspec.structs.replace(
        found,
        price=patch.price if patch.price is not None else found.price,
        stock=patch.stock if patch.stock is not None else found.stock,
    )
    products[product_id] = changed
    return changed


@app.delete("/products/{product_id}", status_code=204, responses={**_NOT_FOUND, **_FORBIDDEN})
async def delete_product(product_id: uuid.UUID, _: Annotated[None, Depends(admin_key)]) -> None:
    _product(product_id)
    del products[product_id]


@app.post("/quotes/{product_id}", responses={**_NOT_FOUND})
async def quote(
    product_id: uuid.UUID,
    quantity: Annotated[int, Body(ge=1, le=1000)],
    deliver_at: Annotated[datetime.datetime, Body()],
    window: Annotated[datetime.time, Body()] = datetime.time(9, 0),
    coupon: Annotated[str | None, Body(max_length=12, pattern="^[A-Z0-9]+$")] = None,
) -> Quote:
    found = _product(product_id)
    total = found.price * quantity
    if coupon:
        total = total * decimal.Decimal("0.9")
    return Quote(product_id, quantity, found.price, total, deliver_at, window)


@app.post("/rating/{product_id}", responses={**_NOT_FOUND})
async def rate(
    product_id: uuid.UUID, stars: Annotated[int, Body(ge=1, le=5)], background: BackgroundTasks
) -> dict[str, int]:
    _product(product_id)
    background.add_task(_count_run)
    return {"stars": stars}


@app.get("/items/{section}/{number}")
async def section_item(
    section: Annotated[str, Path(min_length=1, max_length=10, pattern="^[a-z]+$")],
    number: Annotated[int, Path(ge=1, le=999)],
    day: datetime.date | None = None,
    at: datetime.time | None = None,
    ratio: Annotated[float, Query(gt=0, lt=1)] = 0.5,
    code: int | str | None = None,
    request_id: Annotated[uuid.UUID | None, Header()] = None,
    x_tags: Annotated[list[str] | None, Header()] = None,
    session: Annotated[str | None, Cookie(max_length=32)] = None,
) -> dict[str, object]:
    return {
        "section": section,
        "number": number,
        "day": day,
        "at": at,
        "ratio": ratio,
        "code": code,
        "request_id": request_id,
        "x_tags": x_tags,
        "session": session,
    }


@app.post("/login")
async def login(
    username: Annotated[str, Form(min_length=3, max_length=20)],
    password: Annotated[str, Form(min_length=8)],
    remember: Annotated[bool, Form()] = False,
    age: Annotated[int | None, Form(ge=0, le=150)] = None,
) -> dict[str, object]:
    return {"username": username, "remember": remember, "age": age}


@app.post("/uploads", responses={**_UNAUTHORIZED})
async def upload(
    file: UploadFile,
    user: Annotated[str, Depends(current_user)],
    note: Annotated[str, Form(max_length=50)] = "",
) -> Upload:
    content = await file.read()
    return Upload(filename=file.filename, size=len(content), note=note, checksum=sum(content) % 65536)


@app.post("/raw")
async def raw_upload(data: Annotated[bytes, File()]) -> dict[str, int]:
    return {"size": len(data)}


@app.get("/stream", response_class=PlainTextResponse)
async def stream(chunks: Annotated[int, Query(ge=1, le=50)] = 5, delay: Annotated[float, Query(ge=0, le=0.05)] = 0):
    async def produce() -> AsyncIterator[bytes]:
        for number in range(chunks):
            if delay:
                await anyio.sleep(delay)
            yield f"chunk {number}\n".encode()

    return StreamingResponse(produce(), media_type="text/plain")


@app.get("/slow")
async def slow(seconds: Annotated[float, Query(ge=0, le=0.2)] = 0.05) -> dict[str, float]:
    await anyio.sleep(seconds)
    return {"slept": seconds}


@app.get("/health")
async def health() -> dict[str, int]:
    return {"products": len(products), "background_runs": background_runs[0]}


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnect:
        pass
