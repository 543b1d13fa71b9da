"""``fasterapi run`` / ``fasterapi dev``: hand the app to an installed ASGI server."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
from typing import Any

from .loading import AppTarget, CommandError, load_app, resolve_target

__all__ = ["SERVERS", "serve"]

SERVERS = ("uvicorn", "granian", "hypercorn")
# granian has no "trace"; its most detailed level is "debug".
_GRANIAN_LOG_LEVELS = {"critical": "critical", "error": "error", "warning": "warning", "info": "info"}
_GRANIAN_LOG_LEVELS |= {"debug": "debug", "trace": "debug"}


def _missing(server: str) -> CommandError:
    hint = "pip install 'faster-api-web[standard]'" if server == "uvicorn" else f"pip install {server}"
    return CommandError(f"the {server} server is not installed: {hint}")


def _optional(module: str) -> Any:
    """Import an optional server module (typed loosely: these servers are not dependencies)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise _missing(module.split(".")[0]) from None


def serve(args: argparse.Namespace, *, reload: bool) -> None:
    """Start the chosen server in the foreground until it is stopped."""
    target = resolve_target(args.app)
    app = load_app(target)  # fail here, with a clear message, rather than inside the server
    runner = {"uvicorn": _uvicorn, "granian": _granian, "hypercorn": _hypercorn}[args.server]
    runner(args, target, app, reload)


def _uvicorn(args: argparse.Namespace, target: AppTarget, app: Any, reload: bool) -> None:
    try:
        import uvicorn
    except ImportError:
        raise _missing("uvicorn") from None
    # Reload and several workers re-import the app in child processes, so they need the import string.
    by_name = reload or args.workers > 1
    uvicorn.run(
        target.import_string if by_name else app,
        app_dir=target.app_dir if by_name else None,
        host=args.host,
        port=args.port,
        workers=args.workers if args.workers > 1 else None,
        reload=reload,
        reload_dirs=[target.app_dir] if reload else None,
        root_path=args.root_path,
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
    )


def _granian(args: argparse.Namespace, target: AppTarget, app: Any, reload: bool) -> None:
    granian = _optional("granian")
    if args.root_path:
        raise CommandError("--root-path is not supported with --server granian; set it in your proxy")
    from . import granian_app

    os.environ[granian_app.ENV_APP] = target.import_string
    os.environ[granian_app.ENV_APP_DIR] = target.app_dir
    os.environ[granian_app.ENV_PROXY_HEADERS] = "1" if args.proxy_headers else "0"
    os.environ[granian_app.ENV_FORWARDED_ALLOW_IPS] = args.forwarded_allow_ips or ""
    os.chdir(target.app_dir)
    server = granian.Granian(
        f"{granian_app.__name__}:create",
        factory=True,
        address=args.host,
        port=args.port,
        interface="asgi",
        workers=args.workers,
        reload=reload,
        log_level=_GRANIAN_LOG_LEVELS[args.log_level],
    )
    server.serve()


def _hypercorn(args: argparse.Namespace, target: AppTarget, app: Any, reload: bool) -> None:
    hypercorn_asyncio = _optional("hypercorn.asyncio")
    hypercorn_config = _optional("hypercorn.config")
    if reload or args.workers > 1:
        raise CommandError("reload and --workers need hypercorn's own command line: hypercorn module:app")
    config = hypercorn_config.Config()
    config.bind = [f"{args.host}:{args.port}"]
    config.root_path = args.root_path
    config.loglevel = args.log_level.upper()
    asyncio.run(hypercorn_asyncio.serve(app, config))
