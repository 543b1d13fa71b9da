"""The ``FasterAPI`` facade: names resolve, and the test client stays out of plain imports."""

import subprocess
import sys

import FasterAPI


def test_every_name_in_all_resolves() -> None:
    for name in FasterAPI.__all__:
        assert getattr(FasterAPI, name) is not None, name


def test_import_does_not_load_httpx_or_the_test_client() -> None:
    code = "import sys, FasterAPI; print('httpx' in sys.modules, 'fasterapi_testclient' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]
