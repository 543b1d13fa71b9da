from dataclasses import dataclass

from FasterAPI import APIRouter, FastAPI


@dataclass
class Invoice:
    id: str
    customer: str
    total: float
    title: str | None = None


@dataclass
class InvoiceEvent:
    description: str
    paid: bool


@dataclass
class InvoiceEventReceived:
    ok: bool


app = FastAPI()

invoices_callback_router = APIRouter()


@invoices_callback_router.post("{$callback_url}/invoices/{$request.body.id}", response_model=InvoiceEventReceived)
def invoice_notification(body: InvoiceEvent):
    pass


@app.post("/invoices/", callbacks=invoices_callback_router.routes)
def create_invoice(invoice: Invoice, callback_url: str | None = None):
    """
    Create an invoice.

    This will (let's imagine) let the API user (some external developer) create an
    invoice.
    """
    return {"msg": "Invoice received"}
