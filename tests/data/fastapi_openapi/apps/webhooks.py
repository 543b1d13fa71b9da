from dataclasses import dataclass

from FasterAPI import FastAPI


@dataclass
class Subscription:
    username: str
    monthly_fee: float
    start_date: str


app = FastAPI()


@app.webhooks.post("new-subscription")
def new_subscription(body: Subscription):
    """
    When a new user subscribes to your service we'll send you a POST request with this
    data to the URL that you register for the event `new-subscription` in the dashboard.
    """


@app.get("/users/")
def read_users():
    return ["Rick", "Morty"]
