"""The ``fasterapi`` command: serve an application with uvicorn."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

__all__ = ["load_app", "main"]


def load_app(target: str) -> Any:
    """Import ``module:attr``, ``module`` (attr ``app``) or ``path/to/file.py[:attr]``."""
    spec, _, attr = target.partition(":")
    attr = attr or "app"
    if spec.endswith(".py") or "/" in spec or Path(spec).is_file():
        path = Path(spec).resolve()
        if not path.is_file():
            raise SystemExit(f"fasterapi: no such file: {spec}")
        sys.path.insert(0, str(path.parent))
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        if module_spec is None or module_spec.loader is None:
            raise SystemExit(f"fasterapi: cannot import {spec}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[path.stem] = module
        module_spec.loader.exec_module(module)
    else:
        sys.path.insert(0, str(Path.cwd()))
        module = importlib.import_module(spec)
    try:
        return getattr(module, attr)
    except AttributeError:
        raise SystemExit(f"fasterapi: {spec} has no attribute {attr!r}") from None


def _run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("fasterapi run needs uvicorn: pip install 'faster-api-web[standard]'", file=sys.stderr)
        return 1
    app = load_app(args.app)
    uvicorn.run(app, host=args.host, port=args.port, root_path=args.root_path, log_level=args.log_level)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fasterapi", description="FasterAPI command line")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve an application with uvicorn")
    run.add_argument("app", help="module:attr, a module (attr 'app') or a file path such as examples/hello.py")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--root-path", default="")
    run.add_argument("--log-level", default="info")
    run.set_defaults(func=_run)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
