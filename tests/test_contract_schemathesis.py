"""Contract tests: each app is fuzzed from its own ``/openapi.json`` by Schemathesis, in-process (ASGI).

For the examples under ``examples/`` and the feature-rich shop in ``tests/apps/contract_shop.py``:
no 5xx ever, every response's status code, content type, headers and body match what the document
declares, input the document calls valid is accepted and input it calls invalid is refused (4xx).
Schemathesis runs its examples, coverage (boundary values, deterministic) and fuzzing phases.

Bounded and seeded: ``derandomize=True`` makes every run generate the same cases;
``FASTERAPI_CONTRACT_EXAMPLES`` (default 10 per operation and phase) sets a bigger budget for local
runs, e.g. ``FASTERAPI_CONTRACT_EXAMPLES=500 uv run python -m pytest tests/test_contract_schemathesis.py``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import AcceptedNegativeData, FailureGroup
from schemathesis.openapi.checks import RejectedPositiveData, UndefinedStatusCode
from schemathesis.python import asgi

pytestmark = pytest.mark.slow  # subprocesses, servers or property-based search: -m 'not slow' skips it

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("FASTERAPI_CONTRACT_EXAMPLES", "10"))
#: Credentials the shop accepts (Schemathesis also re-sends without them: they must be refused).
SHOP_AUTH = {"Authorization": "Bearer secret-token", "x-api-key": "admin-key"}
#: Counted over the module, reported at its end (cases sent, checks run per response).
TOTALS = {"cases": 0, "responses": 0}


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


APPS: dict[str, Any] = {
    "shop": _load(ROOT / "tests" / "apps" / "contract_shop.py", "contract_app_shop").app,
    **{
        name: _load(ROOT / "examples" / f"{name}.py", f"contract_app_{name}").app
        for name in ("hello", "crud", "auth", "chat")
    },
}
HEADERS: dict[str, dict[str, str]] = {"shop": SHOP_AUTH}
CLIENTS: dict[str, asgi.ASGIClient] = {}


def _client(name: str) -> asgi.ASGIClient:
    client = CLIENTS.get(name)
    if client is None:
        client = CLIENTS[name] = asgi.get_client(APPS[name]).__enter__()
    return client


@pytest.fixture(scope="module", autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    for client in CLIENTS.values():
        client.__exit__(None, None, None)
    CLIENTS.clear()
    print(f"\ncontract: {TOTALS['cases']} cases sent, {TOTALS['responses']} responses passed every check")


def _unparsable_body(failure: Exception, response: Any) -> bool:
    """FastAPI's 400 for a body that cannot be parsed at all (not UTF-8 JSON text, broken multipart).

    An undocumented status FastAPI shares; the body must really be unreadable: not UTF-8 for JSON.
    """
    if not isinstance(failure, UndefinedStatusCode) or response.status_code != 400:
        return False
    detail = response.json().get("detail")
    body = response.request.body or b""
    if detail == "There was an error parsing the body":
        try:
            (body if isinstance(body, bytes) else body.encode()).decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False
    content_type = response.request.headers.get("content-type", "")
    return isinstance(detail, str) and detail.startswith("Invalid multipart body") and "multipart/" in content_type


def _null_text(failure: Exception, response: Any) -> bool:
    """``?x=null`` for an optional parameter refused with a 422, as FastAPI refuses it.

    FastAPI documents ``X | None`` parameters as ``anyOf: [X, null]`` and so do we (document parity);
    but URL, header, cookie and form values are text: "null" is no number, date or UUID, and FastAPI
    answers 422 (checked in ``test_core_contract_defects.py``). Nothing else is excused.
    """
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 422:
        return False
    errors = response.json().get("detail")
    form = _is_form(response)
    return bool(errors) and all(
        error.get("input") == "null" and (error["loc"][0] != "body" or form) for error in errors
    )


def _is_form(response: Any) -> bool:
    content_type = response.request.headers.get("content-type", "")
    return content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _form_type_mutation(failure: Exception, case: schemathesis.Case) -> bool:
    """A form field "of the wrong JSON type": form data is text, ``remember=0`` is read as FastAPI reads it (False)."""
    return (
        isinstance(failure, AcceptedNegativeData)
        and case.media_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        and ("Incorrect type" in failure.message or "violates `type`" in failure.message)
    )


def _required_part_was_sent(failure: Exception, response: Any) -> bool:
    """A negative multipart case that "drops" a required file part, yet the request as serialized still carries it.

    Schemathesis can flag such a request as missing ``/properties/<name>`` while its multipart encoder sent a
    part of that name (a file field always gets a part); the server rightly accepts what it received.
    """
    if not isinstance(failure, AcceptedNegativeData) or not _is_form(response):
        return False
    marker = "violates `required` at /properties/"
    if marker not in failure.message:
        return False
    name = failure.message.split(marker, 1)[1].split()[0].strip("`'\".,")
    return f'name="{name}"'.encode() in _sent_body(response.request)


def _sent_body(request: Any) -> bytes:
    """The body a request carried: ``requests``' prepared ``body`` or httpx's content (read again if streamed)."""
    body = getattr(request, "body", None)
    if body is None:
        try:
            body = request.content
        except Exception:  # httpx: a streamed body that was not kept; multipart streams can be read again
            body = request.read()
    return body.encode() if isinstance(body, str) else bytes(body or b"")


def _validate(
    case: schemathesis.Case, response: Any, headers: dict[str, str] | None, transport: dict[str, Any]
) -> None:
    """Every Schemathesis check on ``response``; the two FastAPI-shared exceptions below are let through."""
    try:
        case.validate_response(response, headers=headers, transport_kwargs=transport)
    except FailureGroup as group:
        remaining = [
            failure
            for failure in group.exceptions
            if not _unparsable_body(failure, response)
            and not _form_type_mutation(failure, case)
            and not _null_text(failure, response)
            and not _required_part_was_sent(failure, response)
        ]
        if remaining:
            raise FailureGroup(remaining, str(group)) from None


def _contract_test(name: str) -> Callable[..., None]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", APPS[name])

    @schema.parametrize()
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def test(case: schemathesis.Case) -> None:
        response = case.call(session=_client(name), headers=HEADERS.get(name))
        TOTALS["cases"] += 1
        _validate(case, response, HEADERS.get(name), {"session": _client(name)})
        TOTALS["responses"] += 1

    test.__name__ = f"test_contract_{name}"
    return test


test_contract_shop = _contract_test("shop")
test_contract_hello = _contract_test("hello")
test_contract_crud = _contract_test("crud")
test_contract_auth = _contract_test("auth")
test_contract_chat = _contract_test("chat")


@contextlib.contextmanager
def _uvicorn(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free 127.0.0.1 port in a thread; stopped and joined on exit."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="contract-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        assert not thread.is_alive(), "uvicorn did not stop"


def test_contract_shop_over_real_http() -> None:
    """The same contract through uvicorn and a real socket: what a deployed client sees."""
    shop = _load(ROOT / "tests" / "apps" / "contract_shop.py", "contract_app_shop_http").app
    with _uvicorn(shop) as url, requests.Session() as session:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")

        @given(data=st.data())
        @settings(max_examples=EXAMPLES * 3, derandomize=True, deadline=None, database=None)
        def each(data: st.DataObject) -> None:
            operation = data.draw(st.sampled_from(OPERATIONS))
            mode = data.draw(st.sampled_from(list(GenerationMode)))
            case = data.draw(operation.as_strategy(generation_mode=mode))
            response = case.call(base_url=url, session=session, headers=SHOP_AUTH, timeout=10)
            TOTALS["cases"] += 1
            _validate(case, response, SHOP_AUTH, {"base_url": url, "session": session})
            TOTALS["responses"] += 1

        OPERATIONS = [result.ok() for result in schema.get_all_operations()]
        assert len(OPERATIONS) >= 12
        each()
