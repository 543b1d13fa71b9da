"""The ``FasterAPI`` facade: every name resolves, FastAPI-style submodules import, optional parts stay lazy."""

import importlib
import subprocess
import sys

import pytest

import FasterAPI

# FastAPI's module paths (after ``fastapi`` -> ``FasterAPI``) and faster-api-web's own.
SUBMODULES = [
    "FasterAPI.app",
    "FasterAPI.applications",
    "FasterAPI.asgi_compat",
    "FasterAPI.background",
    "FasterAPI.concurrency",
    "FasterAPI.datastructures",
    "FasterAPI.dependencies",
    "FasterAPI.encoders",
    "FasterAPI.exception_handlers",
    "FasterAPI.exceptions",
    "FasterAPI.jwt_auth",
    "FasterAPI.log_config",
    "FasterAPI.middleware",
    "FasterAPI.middleware.base",
    "FasterAPI.middleware.cors",
    "FasterAPI.middleware.gzip",
    "FasterAPI.middleware.httpsredirect",
    "FasterAPI.middleware.trustedhost",
    "FasterAPI.openapi",
    "FasterAPI.openapi.docs",
    "FasterAPI.openapi.generator",
    "FasterAPI.openapi.ui",
    "FasterAPI.openapi.utils",
    "FasterAPI.param_functions",
    "FasterAPI.params",
    "FasterAPI.production",
    "FasterAPI.redis_cache",
    "FasterAPI.request",
    "FasterAPI.requests",
    "FasterAPI.response",
    "FasterAPI.responses",
    "FasterAPI.router",
    "FasterAPI.routing",
    "FasterAPI.security",
    "FasterAPI.sse",
    "FasterAPI.sqlalchemy_ext",
    "FasterAPI.staticfiles",
    "FasterAPI.status",
    "FasterAPI.templating",
    "FasterAPI.testclient",
    "FasterAPI.websocket",
    "FasterAPI.websockets",
]


def test_every_name_in_all_resolves() -> None:
    for name in FasterAPI.__all__:
        assert getattr(FasterAPI, name) is not None, name


@pytest.mark.parametrize("module_name", SUBMODULES)
def test_submodule_names_resolve(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__, module_name
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{module_name}.{name}"


def test_top_level_names_are_the_component_objects() -> None:
    import fasterapi_core
    import fasterapi_routing
    import fasterapi_ws

    assert FasterAPI.Faster is fasterapi_core.Faster
    assert FasterAPI.RadixRouter is fasterapi_routing.Router
    assert FasterAPI.WebSocket is fasterapi_ws.WebSocket
    from FasterAPI.responses import JSONResponse

    assert JSONResponse is fasterapi_core.JSONResponse


@pytest.mark.parametrize(
    "name", ["Match", "MatchStatus", "PathTemplate", "compile_websocket_route", "http_exception_response"]
)
def test_internal_names_left_the_top_level_and_warn_where_to_import_them(name: str) -> None:
    from FasterAPI._lazy import MOVED_NAMES

    FasterAPI.__dict__.pop(name, None)  # a previous access cached it
    assert name not in FasterAPI.__all__
    assert name not in dir(FasterAPI)
    home = importlib.import_module(MOVED_NAMES[name])
    with pytest.warns(DeprecationWarning, match=f"import it from {MOVED_NAMES[name]}"):
        value = getattr(FasterAPI, name)
    assert value is getattr(home, name)


def test_one_websocket_disconnect_class_for_the_framework() -> None:
    import FasterAPI.websocket
    import FasterAPI.websockets
    import fasterapi_ws
    from fasterapi_ws.websockets import WebSocketDisconnect

    for module in (FasterAPI, FasterAPI.websockets, FasterAPI.websocket, fasterapi_ws):
        assert module.WebSocketDisconnect is WebSocketDisconnect, module


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        FasterAPI.Nope  # noqa: B018


def test_version_is_the_installed_distribution_version() -> None:
    from importlib.metadata import version

    assert FasterAPI.__version__ == version("faster-api-web")


def test_import_does_not_load_optional_packages() -> None:
    optional = ("httpx", "fasterapi_testclient", "jinja2", "uvicorn", "jwt", "structlog", "sqlalchemy", "redis")
    code = f"import sys, FasterAPI; print(*[m in sys.modules for m in {optional!r}])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert dict(zip(optional, out.stdout.split(), strict=True)) == dict.fromkeys(optional, "False")


def test_missing_test_extra_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['fasterapi_testclient'] = None\n"
        "import FasterAPI\n"
        "try:\n    FasterAPI.TestClient\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "pip install 'faster-api-web[test]'" in out.stdout


def test_test_client_loads_on_first_use() -> None:
    code = (
        "import sys, FasterAPI\n"
        "assert 'httpx' not in sys.modules\n"
        "client_class = FasterAPI.TestClient\n"
        "import fasterapi_testclient\n"
        "assert client_class is fasterapi_testclient.TestClient\n"
        "assert FasterAPI.AsyncTestClient is fasterapi_testclient.AsyncTestClient\n"
        "print('httpx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["True"]


def test_missing_httpx_names_the_extra_too() -> None:
    code = (
        "import sys; sys.modules['httpx'] = None\n"
        "import FasterAPI\n"
        "try:\n    FasterAPI.AsyncTestClient\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "pip install 'faster-api-web[test]'" in out.stdout
