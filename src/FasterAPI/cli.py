"""The ``fasterapi`` command: serve, inspect, scaffold and migrate FasterAPI applications.

Subcommands: ``run``, ``dev``, ``routes``, ``openapi``, ``new``, ``version``, ``migrate-from-fastapi``.
Each lives in ``FasterAPI._cli``; this module only parses arguments and reports errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ._cli.loading import CommandError, load_app
from ._cli.migrate import migrate_path
from ._cli.routes import app_routes, format_routes
from ._cli.scaffold import create_project
from ._cli.serve import SERVERS, serve
from ._cli.versions import format_versions

__all__ = ["build_parser", "load_app", "main"]


def _run(args: argparse.Namespace) -> int:
    serve(args, reload=False)
    return 0


def _dev(args: argparse.Namespace) -> int:
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
    written = create_project(args.name, Path(args.directory))
    root = Path(args.directory) / args.name
    print(f"created {root} ({len(written)} files)")
    print(f"next: cd {root} && uv sync && uv run python -m pytest && uv run fasterapi dev app/main.py")
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
    parser.add_argument("app", help="module:attr, a module (attr 'app') or a file such as app/main.py[:app]")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    if workers:
        parser.add_argument("--workers", type=int, default=1, help="number of worker processes (default 1)")
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
    parser.add_argument("--server", default="uvicorn", choices=SERVERS, help="ASGI server to use (default uvicorn)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fasterapi", description="Serve, inspect, scaffold and migrate FasterAPI apps."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.func(args)
    except CommandError as exc:
        print(f"fasterapi: {exc}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    raise SystemExit(main())
