from dataclasses import dataclass
from typing import Annotated, Literal

from FasterAPI import FastAPI, Query


@dataclass
class Shipment:
    carrier: Literal["dhl", "ups"]
    priority: Literal[1, 2, 3]
    kind: Literal["parcel"] = "parcel"


app = FastAPI()


@app.get("/shipments/")
async def list_shipments(
    order_by: Literal["created_at", "updated_at"] = "created_at",
    direction: Annotated[Literal["asc", "desc"], Query()] = "asc",
    level: Literal[1, 2] = 1,
):
    return {"order_by": order_by, "direction": direction, "level": level}


@app.post("/shipments/")
async def create_shipment(shipment: Shipment) -> Shipment:
    return shipment
