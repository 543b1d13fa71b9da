"""FastAPI parity for behaviours outside the OpenAPI document (issue 20): duplicate routes,
malformed HTTP Basic credentials, ``on_event`` deprecation and ``timedelta`` given in seconds.
Expected answers observed on FastAPI 0.165.0."""

from __future__ import annotations

import base64
import datetime as dt
import warnings
from dataclasses import dataclass
from typing import Annotated

import pytest

from FasterAPI import Body, Depends, FastAPI
from FasterAPI.exceptions import FastAPIDeprecationWarning
from FasterAPI.security import HTTPBasic, HTTPBasicCredentials
from FasterAPI.testclient import TestClient
from fasterapi_routing import DuplicateRouteWarning


def test_same_method_and_path_twice_keeps_both_the_first_answers_and_a_warning_names_both() -> None:
    app = FastAPI()

    @app.get("/items/{item_id}")
    async def first_handler(item_id: str) -> dict[str, str]:
        return {"handler": "first"}

    with pytest.warns(DuplicateRouteWarning) as caught:

        @app.get("/items/{item_id}")
        async def second_handler(item_id: str) -> dict[str, str]:
            return {"handler": "second"}

    message = str(caught[0].message)
    assert "first_handler" in message and "second_handler" in message and "GET '/items/{item_id}'" in message
    assert len([route for route in app.routes if getattr(route, "path", None) == "/items/{item_id}"]) == 2
    assert TestClient(app).get("/items/1").json() == {"handler": "first"}


@pytest.fixture
def basic_client() -> TestClient:
    app = FastAPI()
    security = HTTPBasic()
    optional = HTTPBasic(realm="simple", auto_error=False)

    @app.get("/users/me")
    def read_user(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> dict[str, str]:
        return {"username": credentials.username, "password": credentials.password}

    @app.get("/optional")
    def read_optional(credentials: Annotated[HTTPBasicCredentials | None, Depends(optional)]) -> dict[str, object]:
        return {"username": credentials.username if credentials else None}

    return TestClient(app)


def _basic(raw: bytes) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Basic"},
        {"Authorization": "Basic    "},
        {"Authorization": "Basic !!!notbase64"},
        {"Authorization": "Basic notabase64token"},
        _basic(b"johnsecret"),  # no colon
        _basic("\u00fc:p".encode("latin-1")),  # not ASCII
    ],
)
def test_malformed_basic_credentials_are_not_authenticated(basic_client: TestClient, headers: dict[str, str]) -> None:
    response = basic_client.get("/users/me", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == "Basic"
    # Even with auto_error=False: the client tried Basic and got it wrong.
    response = basic_client.get("/optional", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["WWW-Authenticate"] == 'Basic realm="simple"'


def test_basic_credentials_and_their_absence(basic_client: TestClient) -> None:
    assert basic_client.get("/users/me", headers=_basic(b"ann:pa:ss")).json() == {
        "username": "ann",
        "password": "pa:ss",
    }
    assert basic_client.get("/optional").json() == {"username": None}
    assert basic_client.get("/optional", headers={"Authorization": "Bearer abc"}).json() == {"username": None}


def test_on_event_still_works_and_warns_as_fastapi_does() -> None:
    app = FastAPI()
    calls: list[str] = []
    with pytest.warns(DeprecationWarning, match="on_event is deprecated, use lifespan event handlers instead"):

        @app.on_event("startup")
        def startup() -> None:
            calls.append("startup")

    with pytest.warns(DeprecationWarning) as caught:
        app.on_event("shutdown")(lambda: calls.append("shutdown"))
    assert caught[0].filename == __file__  # points at the caller, not at the framework
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app.add_event_handler("shutdown", lambda: calls.append("handler"))
    with TestClient(app):
        assert calls == ["startup"]
    assert calls == ["startup", "shutdown", "handler"]


def test_fastapi_deprecation_warning_is_shown_by_default() -> None:
    assert issubclass(FastAPIDeprecationWarning, UserWarning)
    import FasterAPI.exceptions

    assert "FastAPIDeprecationWarning" in FasterAPI.exceptions.__all__


@dataclass
class Job:
    name: str
    timeout: dt.timedelta
    retries: list[dt.timedelta]


@pytest.fixture
def duration_client() -> TestClient:
    app = FastAPI()

    @app.post("/jobs")
    def create_job(job: Job) -> dict[str, object]:
        return {"timeout": job.timeout.total_seconds(), "retries": [r.total_seconds() for r in job.retries]}

    @app.post("/wait")
    def wait(for_: Annotated[dt.timedelta, Body(alias="for")], extra: Annotated[int, Body()] = 0) -> float:
        return for_.total_seconds() + extra

    @app.get("/delay")
    def delay(after: dt.timedelta) -> float:
        return after.total_seconds()

    return TestClient(app)


def test_timedelta_fields_accept_seconds(duration_client: TestClient) -> None:
    response = duration_client.post("/jobs", json={"name": "a", "timeout": 3.5, "retries": [1, "PT2S", 30]})
    assert response.status_code == 200, response.text
    assert response.json() == {"timeout": 3.5, "retries": [1.0, 2.0, 30.0]}
    assert duration_client.post("/jobs", json={"name": "a", "timeout": "PT1H", "retries": []}).json() == {
        "timeout": 3600.0,
        "retries": [],
    }
    assert duration_client.post("/wait", json={"for": 90, "extra": 1}).json() == 91.0


def test_timedelta_seconds_do_not_hide_other_errors(duration_client: TestClient) -> None:
    response = duration_client.post("/jobs", json={"name": "a", "timeout": 1, "retries": ["soon"]})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "retries", 0]]
    response = duration_client.post("/jobs", json={"name": "a", "timeout": True, "retries": []})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "timeout"]


def test_timedelta_parameters_are_iso_8601_text(duration_client: TestClient) -> None:
    """FastAPI 0.165 reads a duration in the URL as ISO 8601 text only (``?after=90`` is a 422 there too)."""
    assert duration_client.get("/delay", params={"after": "PT1M"}).json() == 60.0
    assert duration_client.get("/delay", params={"after": "P1DT2H"}).json() == 93600.0
    for text in ("soon", "90"):
        response = duration_client.get("/delay", params={"after": text})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "after"]
