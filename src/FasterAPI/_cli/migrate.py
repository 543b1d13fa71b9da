"""``fasterapi migrate-from-fastapi``: rewrite a FastAPI code base's imports and class names.

Only tokens are rewritten, never strings or comments: ``fastapi`` module paths become ``FasterAPI``
ones, ``FastAPI`` becomes ``Faster`` and ``APIRouter`` becomes ``FasterRouter`` everywhere they are
used (so ``app = FastAPI(title=...)`` keeps matching its import). Starlette module paths with a
FasterAPI counterpart are rewritten too. Pydantic models are kept as they are (FasterAPI serves them
with the ``pydantic`` extra); the notes say what still needs a hand (pydantic-settings, SQLModel,
pydantic v1, Starlette modules without a counterpart).
"""

from __future__ import annotations

import difflib
import importlib.util
import io
import keyword
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FileReport", "migrate_path", "migrate_source"]

CLASS_RENAMES = {"FastAPI": "Faster", "APIRouter": "FasterRouter"}

# Starlette modules whose names FasterAPI re-exports under a FastAPI-style path.
STARLETTE_MODULES = {
    "starlette.applications": "FasterAPI.applications",
    "starlette.background": "FasterAPI.background",
    "starlette.concurrency": "FasterAPI.concurrency",
    "starlette.datastructures": "FasterAPI.datastructures",
    "starlette.exceptions": "FasterAPI.exceptions",
    "starlette.middleware": "FasterAPI.middleware",
    "starlette.middleware.base": "FasterAPI.middleware.base",
    "starlette.middleware.cors": "FasterAPI.middleware.cors",
    "starlette.middleware.gzip": "FasterAPI.middleware.gzip",
    "starlette.middleware.httpsredirect": "FasterAPI.middleware.httpsredirect",
    "starlette.middleware.trustedhost": "FasterAPI.middleware.trustedhost",
    "starlette.requests": "FasterAPI.requests",
    "starlette.responses": "FasterAPI.responses",
    "starlette.routing": "FasterAPI.routing",
    "starlette.staticfiles": "FasterAPI.staticfiles",
    "starlette.status": "FasterAPI.status",
    "starlette.templating": "FasterAPI.templating",
    "starlette.testclient": "FasterAPI.testclient",
    "starlette.types": "FasterAPI.types",
    "starlette.websockets": "FasterAPI.websockets",
}

_PYDANTIC_CLASS = re.compile(r"^[ \t]*class\s+(\w+)\s*\(([^)]*\bBaseModel\b[^)]*)\)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+([\w.]+)", re.MULTILINE)
#: Imports that keep working but need a hand (or a look) after the switch, with what to do.
_NEEDS_A_HAND = {
    "pydantic.v1": "pydantic v1 models are not supported (FasterAPI serves pydantic 2); move them to pydantic 2",
    "pydantic_settings": (
        "pydantic-settings is not part of FasterAPI: keep it in your dependencies (settings work unchanged; "
        "FasterAPI never reads them)"
    ),
    "sqlmodel": (
        "SQLModel classes are pydantic models: they work as bodies and response models with "
        "faster-api-web[pydantic]; keep sqlmodel in your dependencies and check table models used as bodies"
    ),
}


@dataclass
class FileReport:
    """What happened to one file."""

    path: Path
    new_source: str
    changes: int = 0
    notes: list[str] = field(default_factory=list)
    diff: str = ""


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _map_module(dotted: str, notes: list[str], line: int) -> str | None:
    """The FasterAPI path for a fastapi/starlette one, or None to leave it alone.

    Only a path that resolves is written: an importable module, or attributes of one
    (``fastapi.FastAPI``); anything else stays as it was, with a note, so a migrated file never
    imports a module that does not exist.
    """
    root = dotted.split(".", 1)[0]
    target: str | None = None
    if root == "fastapi":
        target = "FasterAPI" + dotted[len("fastapi") :]
    else:
        for prefix in sorted(STARLETTE_MODULES, key=len, reverse=True):
            if dotted == prefix or dotted.startswith(prefix + "."):
                target = STARLETTE_MODULES[prefix] + dotted[len(prefix) :]
                break
    if target is None:
        if root == "starlette":
            notes.append(f"line {line}: {dotted} is Starlette-specific; left as is")
        return None
    if _resolves(target):
        return target
    notes.append(f"line {line}: {dotted} has no FasterAPI counterpart yet; left as is, check it by hand")
    return None


def _resolves(target: str) -> bool:
    """True when ``target`` is a module, or a module followed by attributes that exist."""
    parts = target.split(".")
    while parts and not _module_exists(".".join(parts)):
        parts.pop()
    if not parts:
        return False
    module_part = ".".join(parts)
    return module_part == target or _is_attribute_chain(target, module_part)


def _is_attribute_chain(target: str, module_part: str) -> bool:
    """``FasterAPI.Faster`` style chains: the rest after the module is an attribute, not a module."""
    import importlib

    rest = target[len(module_part) + 1 :].split(".")
    try:
        obj: object = importlib.import_module(module_part)
    except ImportError:
        return False
    for name in rest:
        name = CLASS_RENAMES.get(name, name)
        if not hasattr(obj, name):
            return False
        obj = getattr(obj, name)
    return True


def _offsets(source: str) -> list[int]:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def migrate_source(source: str) -> tuple[str, int, list[str]]:
    """Rewritten source, the number of edits and notes for the user."""
    notes: list[str] = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        return source, 0, [f"not valid Python, skipped: {exc}"]
    uses_fastapi = any(t.type == tokenize.NAME and t.string in ("fastapi", "starlette") for t in tokens)
    starts = _offsets(source)
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        previous = tokens[index - 1] if index else None
        after_dot = previous is not None and previous.type == tokenize.OP and previous.string == "."
        if token.type == tokenize.NAME and token.string in ("fastapi", "starlette") and not after_dot:
            end = index
            while (
                end + 2 < len(tokens)
                and tokens[end + 1].string == "."
                and tokens[end + 2].type == tokenize.NAME
                and not keyword.iskeyword(tokens[end + 2].string)
                and tokens[end + 1].start == tokens[end].end
                and tokens[end + 2].start == tokens[end + 1].end
            ):
                end += 2
            names = [tokens[i].string for i in range(index, end + 1, 2)]
            dotted = ".".join(names)
            mapped = _map_module(dotted, notes, token.start[0])
            if mapped is not None:
                parts = mapped.split(".")
                # Class renames inside the chain are applied below, token by token.
                for position, i in enumerate(range(index, end + 1, 2)):
                    new = CLASS_RENAMES.get(parts[position], parts[position]) if position else parts[0]
                    if new != tokens[i].string:
                        edits.append(_edit(starts, tokens[i], new))
            index = end + 1
            continue
        if uses_fastapi and token.type == tokenize.NAME and token.string in CLASS_RENAMES:
            edits.append(_edit(starts, token, CLASS_RENAMES[token.string]))
        index += 1
    notes.extend(_model_notes(source))
    new_source = source
    for start, stop, text in sorted(edits, reverse=True):
        new_source = new_source[:start] + text + new_source[stop:]
    return new_source, len(edits), notes


def _model_notes(source: str) -> list[str]:
    """What to know about the file's models: pydantic stays as it is (served by the pydantic extra)."""
    notes: list[str] = []
    imported = [(source.count("\n", 0, m.start()) + 1, m.group(1)) for m in _IMPORT.finditer(source)]
    if any(module == "pydantic" or module.startswith("pydantic.") for _, module in imported):
        notes.append(
            "uses pydantic: its models work unchanged with `pip install 'faster-api-web[pydantic]'` "
            "(pydantic 2); switch a hot route's models to msgspec.Struct to make it faster"
        )
    for line, module in imported:
        for prefix, advice in _NEEDS_A_HAND.items():
            if module == prefix or module.startswith(prefix + "."):
                notes.append(f"line {line}: {module}: {advice}")
    for match in _PYDANTIC_CLASS.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        notes.append(
            f"line {line}: class {match.group(1)}({match.group(2).strip()}) is a pydantic model, kept as it is "
            "(not rewritten); a msgspec.Struct validates and encodes faster when this route is hot"
        )
    return notes


def _edit(starts: list[int], token: tokenize.TokenInfo, text: str) -> tuple[int, int, str]:
    (row, col), (end_row, end_col) = token.start, token.end
    return starts[row - 1] + col, starts[end_row - 1] + end_col, text


def _python_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    skip = {".git", ".venv", "venv", "__pycache__", "node_modules", ".tox"}
    return sorted(p for p in path.rglob("*.py") if not skip.intersection(p.parts))


def migrate_path(path: Path, *, dry_run: bool) -> list[FileReport]:
    """Migrate one file or every ``.py`` file under a folder; write changes unless ``dry_run``."""
    reports = []
    for file in _python_files(path):
        source = file.read_text(encoding="utf-8")
        new_source, changes, notes = migrate_source(source)
        report = FileReport(path=file, new_source=new_source, changes=changes, notes=notes)
        if changes:
            report.diff = "".join(
                difflib.unified_diff(
                    source.splitlines(keepends=True),
                    new_source.splitlines(keepends=True),
                    fromfile=str(file),
                    tofile=str(file),
                )
            )
            if not dry_run:
                file.write_text(new_source, encoding="utf-8")
        if changes or notes:
            reports.append(report)
    return reports
