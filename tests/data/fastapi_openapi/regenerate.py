"""Write FastAPI's OpenAPI document for every app under ``apps/`` next to it, as ``<app>.json``.

Run with a Python that has FastAPI installed (not this project's environment), e.g.::

    uv venv /tmp/fa && uv pip install --python /tmp/fa/bin/python fastapi==0.165.0 python-multipart
    /tmp/fa/bin/python tests/data/fastapi_openapi/regenerate.py

The apps are written against ``FasterAPI``; their imports are switched to ``fastapi`` here, the way
the comparison test switches nothing and runs them as they are.
"""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

HERE = Path(__file__).parent


def fastapi_source(source: str) -> str:
    return re.sub(r"\bFasterAPI\b", "fastapi", source)


def main() -> None:
    import fastapi

    for app_file in sorted((HERE / "apps").glob("*.py")):
        module = types.ModuleType(f"fastapi_openapi_{app_file.stem}")
        sys.modules[module.__name__] = module
        exec(compile(fastapi_source(app_file.read_text()), str(app_file), "exec"), module.__dict__)
        document = module.app.openapi()
        target = HERE / f"{app_file.stem}.json"
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        print(f"{target.name}: FastAPI {fastapi.__version__}")


if __name__ == "__main__":
    main()
