"""The ``fasterapi`` command: serve, inspect, scaffold and migrate FasterAPI applications.

Subcommands: ``run``, ``dev``, ``routes``, ``openapi``, ``new``, ``version``, ``migrate-from-fastapi``.
Each lives in ``FasterAPI._cli``; this module only parses arguments and reports errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ._cli.choice import choose
from ._cli.loading import CommandError, load_app
from ._cli.migrate import migrate_path
from ._cli.routes import app_routes, format_routes
from ._cli.scaffold import create_project, detect_source, source_from
from ._cli.serve import SERVERS, serve
from ._cli.versions import format_versions

__all__ = ["build_parser", "load_app", "main"]


# Tried in order when `run`/`dev` get no APP, as faster-api-web does with its `main:app` default.
_DEFAULT_APPS = (("main.py", "main.py"), ("app.py", "app.py"), ("app/main.py", "app/main.py"))


def _default_app(args: argparse.Namespace) -> None:
    if args.app is not None:
        return
    for filename, target in _DEFAULT_APPS:
        if Path(filename).is_file():
            args.app = target
            return
    raise CommandError(
        "no APP given and no main.py, app.py or app/main.py here; name it, e.g. fasterapi run path/to/main.py:app"
    )


def _run(args: argparse.Namespace) -> int:
    _default_app(args)
    choice = choose(args.server, args.workers, root_path=args.root_path)
    args.server, args.workers = choice.server, choice.workers
    print(f"fasterapi: {choice.note}", file=sys.stderr, flush=True)
    serve(args, reload=False)
    return 0


def _dev(args: argparse.Namespace) -> int:
    _default_app(args)
    args.server = args.server or "uvicorn"  # its reloader is the one `dev` is tested with
    serve(args, reload=True)
    return 0


def _routes(args: argparse.Namespace) -> int:
    app = load_app(args.app)
    if not isinstance(getattr(app, "routes", None), list):
        raise CommandError(f"{args.app} is not a FasterAPI app (it has no routes)")
    print(format_routes(app_routes(app)))
    return 0


def _openapi(args: argparse.Namespace) -> int:
    app = load_app(args.app)
    build = getattr(app, "openapi", None)
    if not callable(build):
        raise CommandError(f"{args.app} has no openapi() method; it needs fasterapi-core with OpenAPI support")
    text = json.dumps(build(), indent=args.indent, ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0


def _new(args: argparse.Namespace) -> int:
    source = source_from(Path(args.source)) if args.source else detect_source()
    written = create_project(args.name, Path(args.directory), source)
    root = Path(args.directory) / args.name
    print(f"created {root} ({len(written)} files)")
    if source is not None:
        print(f"FasterAPI comes from the {source.kind} {source.path} (see pyproject.toml)")
    else:
        print(
            "note: the project needs faster-api-web from this release on; if your package index has only the "
            "older 0.2.x project, run again with --from <FasterAPI checkout or wheel folder>"
        )
    print(f"next: cd {root} && uv sync && uv run pytest && uv run fasterapi dev")
    return 0


def _version(args: argparse.Namespace) -> int:
    print(format_versions())
    return 0


def _migrate(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise CommandError(f"no such file or folder: {path}")
    reports = migrate_path(path, dry_run=args.dry_run)
    changed = 0
    for report in reports:
        if report.changes:
            changed += 1
            verb = "would change" if args.dry_run else "changed"
            print(f"{report.path}: {verb} {report.changes} name(s)")
            if args.dry_run:
                print(report.diff, end="")
        for note in report.notes:
            print(f"{report.path}: note: {note}")
    print(f"{changed} file(s) {'to migrate' if args.dry_run else 'migrated'}")
    return 0


def _add_server_options(parser: argparse.ArgumentParser, *, workers: bool) -> None:
    parser.add_argument(
        "app",
        nargs="?",
        help="module:attr, a module (attr 'app') or a file such as app/main.py[:app] "
        "(default: main.py, else app.py, else app/main.py in this folder)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    if workers:
        parser.add_argument(
            "--workers", type=int, default=None, help="number of worker processes (default: one per usable CPU)"
        )
    else:
        parser.set_defaults(workers=1)
    parser.add_argument("--root-path", default="", help="path prefix the app is mounted under behind a proxy")
    parser.add_argument(
        "--proxy-headers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="trust X-Forwarded-Proto/For from --forwarded-allow-ips (default on)",
    )
    parser.add_argument("--forwarded-allow-ips", default=None, help="proxy addresses to trust (default 127.0.0.1)")
    parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug", "trace"]
    )
    default = "granian if installed, else uvicorn" if workers else "uvicorn"
    parser.add_argument("--server", default=None, choices=SERVERS, help=f"ASGI server to use (default: {default})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fasterapi", description="Serve, inspect, scaffold and migrate FasterAPI apps."
    )
    parser.add_argument("--version", action="version", version=f"fasterapi (faster-api-web) {_own_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="serve an app (production settings)")
    _add_server_options(run, workers=True)
    run.set_defaults(func=_run)

    dev = commands.add_parser("dev", help="serve an app and reload it when files change")
    _add_server_options(dev, workers=False)
    dev.set_defaults(func=_dev)

    routes = commands.add_parser("routes", help="list an app's routes")
    routes.add_argument("app")
    routes.set_defaults(func=_routes)

    openapi = commands.add_parser("openapi", help="print or write an app's OpenAPI document")
    openapi.add_argument("app")
    openapi.add_argument("-o", "--output", help="write to this file instead of standard output")
    openapi.add_argument("--indent", type=int, default=2)
    openapi.set_defaults(func=_openapi)

    new = commands.add_parser("new", help="create a new project with an app and its tests")
    new.add_argument("name")
    new.add_argument("--directory", default=".", help="where to create the project folder (default: here)")
    new.add_argument(
        "--from",
        dest="source",
        metavar="PATH",
        help="a FasterAPI checkout or a folder of its wheels (uv build --all-packages) for the project to use "
        "(default: where this FasterAPI was installed from, if it was a checkout or a wheel file)",
    )
    new.set_defaults(func=_new)

    version = commands.add_parser("version", help="show the versions of every FasterAPI package")
    version.set_defaults(func=_version)

    migrate = commands.add_parser(
        "migrate-from-fastapi", help="rewrite fastapi imports and class names in a file or folder"
    )
    migrate.add_argument("path")
    migrate.add_argument("--dry-run", action="store_true", help="show the changes as a diff, write nothing")
    migrate.set_defaults(func=_migrate)
    return parser


def _own_version() -> str:
    try:
        return version("faster-api-web")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # faster-api-web's behaviour: the help, and a failing status
        parser.print_help()
        return 1
    try:
        result: int = args.func(args)
        sys.stdout.flush()  # a closed pipe (`fasterapi version | head -1`) shows up here, not at exit
    except CommandError as exc:
        print(f"fasterapi: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away: say nothing more, and stop Python's own flush at exit from raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return result


if __name__ == "__main__":
    raise SystemExit(main())
