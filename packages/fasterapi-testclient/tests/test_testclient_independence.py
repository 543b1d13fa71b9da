"""The test client speaks plain ASGI: it must not pull in the framework's own packages."""

import subprocess
import sys


def test_import_does_not_load_core_or_ws() -> None:
    code = (
        "import sys, fasterapi_testclient, fasterapi_testclient.pytest_plugin; "
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('fasterapi', 'FasterAPI', 'starlette'))}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "['fasterapi_testclient']"


def test_pytest_plugin_import_is_cheap() -> None:
    code = "import sys, fasterapi_testclient.pytest_plugin; print('httpx' in sys.modules, 'anyio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False False"
