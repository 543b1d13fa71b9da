"""The test client speaks plain ASGI: it must not pull in the framework's own packages."""

import subprocess
import sys


def test_import_does_not_load_core_or_ws() -> None:
    code = "import sys, fasterapi_testclient; print(sorted(m for m in sys.modules if m.startswith('fasterapi_')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "['fasterapi_testclient']"
