"""Would compiling hot modules with mypyc pay? Instructions per request, pure vs compiled, side by side.

Run from the repository root (several minutes per scenario: valgrind runs Python about 50 times slower):

    uv run python benchmarks/mypyc_trial.py deps 404                # the default modules, two scenarios
    uv run python benchmarks/mypyc_trial.py --modules fasterapi_routing/tree.py fasterapi_core/solver.py
    uv run python benchmarks/mypyc_trial.py --keep /tmp/trial deps  # keep the compiled copy to poke at

The script copies this checkout (tracked and new files, no ``.venv``) into a scratch folder, makes a
venv there (``uv sync --all-packages --all-extras``, plus ``setuptools`` which mypyc's build needs),
compiles the chosen modules in place with that venv's ``mypyc`` (one compilation per package, run from
the package's ``src`` folder, so each package keeps its own extension modules), checks that every
scenario of ``bench_direct_asgi.py`` still answers correctly, then runs ``callgrind_scenario.py`` with
this environment's interpreter (pure) and the copy's (compiled) and prints both counts with the ratio.
Nothing here is installed into the workspace.

Modules are named by their path under a package's ``src`` folder. Only modules whose classes nobody
subclasses outside the compiled set can be compiled as they are (see "Compiling with mypyc" in
``benchmarks/README.md`` for what broke in the trial of 2026-12-03).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGES = {"fasterapi_routing": "fasterapi-routing", "fasterapi_core": "fasterapi-core"}
#: Modules that compile and pass the suite unchanged: a trie walk and the parameter solver.
DEFAULT_MODULES = ["fasterapi_routing/tree.py", "fasterapi_core/solver.py", "fasterapi_core/_encoding.py"]
#: The same scenario check as ``callgrind_scenario.py``'s warm-up, run once per scenario before counting.
CHECK = """
import asyncio, sys
sys.path.insert(0, sys.argv[1])
import bench_direct_asgi as bench

async def main():
    app = bench.BUILDERS["ours"]()
    for scenario in bench.SCENARIOS:
        problem = await bench.check(app, bench.Prepared(scenario), scenario[0])
        if problem:
            raise SystemExit(problem)

asyncio.run(main())
"""


def _copy_checkout(target: Path) -> None:
    """The working tree as ``git ls-files`` sees it (committed and new files, nothing ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in listed.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _compile(checkout: Path, modules: list[str]) -> Path:
    """Compile ``modules`` in place in ``checkout``; the copy's interpreter."""
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("uv is needed")
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
    subprocess.run([uv, "sync", "-q", "--all-packages", "--all-extras"], cwd=checkout, env=env, check=True)
    python = checkout / ".venv" / "bin" / "python"
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), "setuptools"], env=env, check=True)
    by_package: dict[str, list[str]] = {}
    for module in modules:
        top = module.split("/", 1)[0]
        if top not in PACKAGES:
            raise SystemExit(f"{module}: name a module under one of {', '.join(PACKAGES)}")
        by_package.setdefault(top, []).append(module)
    for top, files in by_package.items():
        source = checkout / "packages" / PACKAGES[top] / "src"
        print(f"compiling {' '.join(files)} ...", flush=True)
        done = subprocess.run(
            [str(checkout / ".venv" / "bin" / "mypyc"), *files], cwd=source, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"mypyc failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return python


def _counts(python: str, scenarios: list[str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, str(HERE / "callgrind_scenario.py"), "--python", python, *scenarios],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        match.group(1).strip(): int(match.group(2).replace(",", ""))
        for match in re.finditer(r"^(.+?)\s+([\d,]+)$", done.stdout, re.MULTILINE)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", help="scenarios whose name contains one of these (all if none)")
    parser.add_argument("--modules", nargs="+", default=DEFAULT_MODULES, help="modules to compile (path under src)")
    parser.add_argument("--keep", type=Path, help="build the compiled copy in this (new) folder and keep it")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True)
        folder = args.keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="mypyc-trial-"))
    try:
        checkout = folder / "checkout"
        _copy_checkout(checkout)
        python = _compile(checkout, args.modules)
        subprocess.run([str(python), "-c", CHECK, str(checkout / "benchmarks")], check=True)
        print("every scenario answers correctly with the compiled modules; counting (several minutes each) ...")
        print(f"instructions per request (callgrind), compiled: {' '.join(args.modules)}")
        print(f"{'scenario':<36}{'pure':>10}{'compiled':>10}{'ratio':>8}")
        for scenario in args.scenarios or [""]:
            pure = _counts(sys.executable, [scenario] if scenario else [])
            compiled = _counts(str(python), [scenario] if scenario else [])
            for label, count in pure.items():
                if label in compiled:
                    ratio = compiled[label] / count
                    print(f"{label:<36}{count:>10,}{compiled[label]:>10,}{ratio:>8.2f}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
