"""The raised WebSocketDisconnect is also the framework's class when that framework is loaded."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from fasterapi_testclient import TestClient, WebSocketDenialResponse, WebSocketDisconnect
from fasterapi_testclient._disconnect import disconnect_class


def fake_framework(monkeypatch: pytest.MonkeyPatch, cls: type[BaseException]) -> None:
    module = types.ModuleType("fasterapi_ws")
    module.WebSocketDisconnect = cls  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fasterapi_ws", module)
    monkeypatch.delitem(sys.modules, "fasterapi_ws.websockets", raising=False)


def test_constructor_and_message() -> None:
    exc = WebSocketDisconnect(4000, "bye")
    assert (exc.code, exc.reason) == (4000, "bye")
    assert "4000" in str(exc) and "bye" in str(exc)
    assert WebSocketDisconnect().code == 1000
    assert WebSocketDisconnect().reason is None


def test_framework_class_is_combined_and_cached(monkeypatch: pytest.MonkeyPatch, raw_app: Any, backend: str) -> None:
    class FrameworkDisconnect(Exception):
        def __init__(self, code: int = 1000) -> None:
            self.code = code

    fake_framework(monkeypatch, FrameworkDisconnect)
    combined = disconnect_class()
    assert issubclass(combined, WebSocketDisconnect)
    assert issubclass(combined, FrameworkDisconnect)
    assert disconnect_class() is combined
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/close") as websocket:
        with pytest.raises(FrameworkDisconnect) as info:
            websocket.receive_text()
        assert isinstance(info.value, WebSocketDisconnect)
        assert (info.value.code, info.value.reason) == (4000, "bye")  # type: ignore[attr-defined]


def test_framework_class_derived_from_ours_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    class Derived(WebSocketDisconnect):
        pass

    fake_framework(monkeypatch, Derived)
    combined = disconnect_class()
    assert issubclass(combined, Derived)
    assert combined(4002, "x").code == 4002


def test_without_frameworks_our_class_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "fasterapi_ws", raising=False)
    monkeypatch.delitem(sys.modules, "fasterapi_ws.websockets", raising=False)
    monkeypatch.delitem(sys.modules, "starlette.websockets", raising=False)
    monkeypatch.delitem(sys.modules, "FasterAPI", raising=False)
    assert disconnect_class() is WebSocketDisconnect


def test_a_lazy_facade_is_asked_at_raise_time(monkeypatch: pytest.MonkeyPatch, raw_app: Any, backend: str) -> None:
    """``except FasterAPI.WebSocketDisconnect:`` is evaluated after the raise, so the facade is asked first."""

    class FacadeDisconnect(Exception):
        pass

    facade = types.ModuleType("FasterAPI")
    loads: list[str] = []

    def lazy(name: str) -> Any:
        if name != "WebSocketDisconnect":
            raise AttributeError(name)
        loads.append(name)
        return FacadeDisconnect

    facade.__getattr__ = lazy  # type: ignore[method-assign]
    for name in ("fasterapi_ws", "fasterapi_ws.websockets", "starlette.websockets"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "FasterAPI", facade)
    with TestClient(raw_app, backend=backend) as client, client.websocket_connect("/ws/close") as websocket:
        try:
            websocket.receive_text()
        except facade.WebSocketDisconnect as exc:
            assert isinstance(exc, WebSocketDisconnect)
        else:
            pytest.fail("the app closed the session")
    assert loads


def test_a_facade_without_its_component_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    facade = types.ModuleType("FasterAPI")

    def missing(name: str) -> Any:
        raise ModuleNotFoundError("No module named 'fasterapi_ws'")

    facade.__getattr__ = missing  # type: ignore[method-assign]
    for name in ("fasterapi_ws", "fasterapi_ws.websockets", "starlette.websockets"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "FasterAPI", facade)
    assert disconnect_class() is WebSocketDisconnect


def test_refused_handshake_is_also_the_framework_class(
    monkeypatch: pytest.MonkeyPatch, raw_app: Any, backend: str
) -> None:
    class FrameworkDisconnect(Exception):
        pass

    fake_framework(monkeypatch, FrameworkDisconnect)
    with TestClient(raw_app, backend=backend) as client:
        with pytest.raises(FrameworkDisconnect) as info, client.websocket_connect("/ws/deny"):
            pytest.fail("the handshake was refused")
        denial = info.value
        assert isinstance(denial, WebSocketDenialResponse)
        assert (denial.status_code, denial.code, denial.reason) == (403, 1008, "go away")


class _AppSideDisconnect(Exception):
    """Stands for a framework's server-side ``WebSocketDisconnect`` (matched by class name)."""


_AppSideDisconnect.__name__ = "WebSocketDisconnect"


async def _endless_endpoint(scope: Any, receive: Any, send: Any) -> None:
    assert (await receive())["type"] == "websocket.connect"
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            raise _AppSideDisconnect(message["code"])
        await send({"type": "websocket.send", "text": message.get("text")})


def test_disconnect_escaping_the_app_is_raised_when_the_session_ends(backend: str) -> None:
    with (
        pytest.raises(_AppSideDisconnect),
        TestClient(_endless_endpoint, backend=backend).websocket_connect("/ws") as websocket,
    ):
        websocket.send_text("hi")
        assert websocket.receive_text() == "hi"
    with TestClient(_endless_endpoint, raise_server_exceptions=False, backend=backend).websocket_connect(
        "/ws"
    ) as websocket:
        websocket.send_text("hi")
        assert websocket.receive_text() == "hi"
