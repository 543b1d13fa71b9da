"""Contract tests: each app is fuzzed from its own ``/openapi.json`` by Schemathesis, in-process (ASGI).

For the examples under ``examples/`` and the feature-rich shop in ``tests/apps/contract_shop.py``:
no 5xx ever, every response's status code, content type, headers and body match what the document
declares, input the document calls valid is accepted and input it calls invalid is refused (4xx).
Schemathesis runs its examples, coverage (boundary values, deterministic) and fuzzing phases.

Bounded and deterministic: ``derandomize=True`` makes every run generate the same cases, and every
test starts from a freshly loaded app (no stored products or notes left by the tests that ran
before it), so a test's outcome does not depend on which tests ran, or in which order.
``FASTERAPI_CONTRACT_EXAMPLES`` (default 10 per operation and phase) sets a bigger budget for local
runs, e.g. ``FASTERAPI_CONTRACT_EXAMPLES=300 uv run python -m pytest tests/test_contract_schemathesis.py``.

A few failures Schemathesis reports are excused, each narrowly, because the request that was
actually sent is valid (or FastAPI answers the same): see ``_excused``; each run prints how many were.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import importlib.util
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
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
#: Reports let through, by the narrow reason that excused them (printed with the totals).
EXCUSED: dict[str, int] = {}


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


SOURCES: dict[str, Path] = {
    "shop": ROOT / "tests" / "apps" / "contract_shop.py",
    **{name: ROOT / "examples" / f"{name}.py" for name in ("hello", "crud", "auth", "chat")},
}
#: The apps the documents are read from (the tests call fresh copies: see ``_fresh_app``).
APPS: dict[str, Any] = {name: _load(path, f"contract_app_{name}").app for name, path in SOURCES.items()}
HEADERS: dict[str, dict[str, str]] = {"shop": SHOP_AUTH}
CLIENTS: dict[str, asgi.ASGIClient] = {}


def _client(name: str) -> asgi.ASGIClient:
    client = CLIENTS.get(name)
    if client is None:
        client = CLIENTS[name] = asgi.get_client(APPS[name]).__enter__()
    return client


@pytest.fixture(autouse=True)
def _fresh_app(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each contract test calls a freshly loaded copy of its app: state left by earlier tests cannot change it."""
    name = request.node.originalname.removeprefix("test_contract_")
    if name in SOURCES:
        APPS[name] = _load(SOURCES[name], f"contract_app_{name}").app
    yield
    for client in CLIENTS.values():
        client.__exit__(None, None, None)
    CLIENTS.clear()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(
        f"\ncontract: {TOTALS['cases']} cases sent, {TOTALS['responses']} responses passed every check"
        f"; excused reports: {EXCUSED or 'none'}"
    )


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
    """A negative multipart case that "drops" a required file part, yet the request as sent carries that file.

    Schemathesis can flag a request as missing ``/properties/<name>`` while the body it sent has a
    file part of that name; the server rightly accepts the file it received. Only a real file part
    (one with a ``filename``) counts: a plain text part in place of a file is refused with 422.
    """
    if not isinstance(failure, AcceptedNegativeData) or not _is_form(response):
        return False
    marker = "violates `required` at /properties/"
    if marker not in failure.message:
        return False
    name = failure.message.split(marker, 1)[1].split()[0].strip("`'\".,")
    return any(part == name and filename is not None for part, filename in _multipart_parts(response.request))


def _multipart_parts(request: Any) -> list[tuple[str | None, str | None]]:
    """(name, filename) of each part of the multipart body ``request`` sent."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/"):
        return []
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + _sent_body(request))
    return [
        (part.get_param("name", header="content-disposition"), part.get_filename())  # type: ignore[attr-defined]
        for part in message.iter_parts()  # type: ignore[attr-defined]
    ]


def _parameter(failure: Exception, case: schemathesis.Case) -> tuple[str, str, dict[str, Any]] | None:
    """(name, location, schema) of the parameter an accepted-negative failure blames, if one is."""
    if not isinstance(failure, AcceptedNegativeData):
        return None
    marker = "Invalid component: parameter `"
    if marker not in failure.message:
        return None
    name, _, rest = failure.message.split(marker, 1)[1].partition("` in ")
    location = rest.split()[0] if rest else ""
    for parameter in case.operation.definition.raw.get("parameters", []):
        if parameter.get("name") == name and parameter.get("in") == location:
            return name, location, parameter.get("schema", {})
    return None


def _cookie_cut_in_transit(failure: Exception, case: schemathesis.Case, response: Any) -> bool:
    """An "invalid" cookie value that a ``Cookie`` header cannot carry (``;`` ends a cookie): the server got another.

    The value received (what the header says after splitting at ``;``) is compared with the one
    generated: the case is excused only when they differ, i.e. the invalid value never reached the server.
    """
    blamed = _parameter(failure, case)
    if blamed is None or blamed[1] != "cookie":
        return False
    generated = (case.cookies or {}).get(blamed[0])
    received = {}
    for pair in response.request.headers.get("cookie", "").split(";"):
        key, _, value = pair.strip().partition("=")
        received.setdefault(key, value)
    return isinstance(generated, str) and received.get(blamed[0]) != generated


def _scalar_sent_as_a_list(failure: Exception, case: schemathesis.Case, response: Any) -> bool:
    """A scalar where the document wants an array, for a query parameter: in a URL it is a one-item list.

    ``?tag=x`` is how both a list ``["x"]`` and a string ``"x"`` are sent, so "not an array" cannot reach
    the server. Excused only when the one-item list the URL carried is valid against the parameter's schema.
    """
    blamed = _parameter(failure, case)
    if blamed is None or blamed[1] != "query":
        return False
    name, _, schema = blamed
    generated = (case.query or {}).get(name)
    if isinstance(generated, (list, dict)) or generated is None:
        return False
    sent = parse_qs(urlsplit(str(response.request.url)).query, keep_blank_values=True).get(name)
    return sent is not None and len(sent) == 1 and jsonschema.Draft202012Validator(schema).is_valid(sent)


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
    """Every Schemathesis check on ``response``; the narrow exceptions above are let through."""
    try:
        case.validate_response(response, headers=headers, transport_kwargs=transport)
    except FailureGroup as group:
        remaining = []
        for failure in group.exceptions:
            reason = _excused(failure, case, response)
            if reason is None:
                remaining.append(failure)
            else:
                EXCUSED[reason] = EXCUSED.get(reason, 0) + 1
        if remaining:
            raise FailureGroup(remaining, str(group)) from None


def _excused(failure: Exception, case: schemathesis.Case, response: Any) -> str | None:
    """The name of the narrow exception above that covers ``failure``, or None."""
    excuses: dict[str, Callable[[], bool]] = {
        "unparsable body": lambda: _unparsable_body(failure, response),
        "form type mutation": lambda: _form_type_mutation(failure, case),
        "null as text": lambda: _null_text(failure, response),
        "required file part sent": lambda: _required_part_was_sent(failure, response),
        "cookie cut in transit": lambda: _cookie_cut_in_transit(failure, case, response),
        "scalar sent as a one-item list": lambda: _scalar_sent_as_a_list(failure, case, response),
    }
    return next((reason for reason, applies in excuses.items() if applies()), None)


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
