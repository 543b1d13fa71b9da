#!/usr/bin/env bash
# Run the whole test suite under each Python 3.10-3.13 found on this machine (or the versions given).
# Each version gets a throw-away environment synced from uv.lock; .venv is left alone. Interpreters
# are never downloaded: a version with no local interpreter is reported as skipped.
#   scripts/test_matrix.sh            # 3.10 3.11 3.12 3.13
#   scripts/test_matrix.sh 3.10 3.12
set -uo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

if [ "$#" -gt 0 ]; then versions=("$@"); else versions=(3.10 3.11 3.12 3.13); fi

find_python() { # version -> path of a working interpreter, or nothing
  local version=$1 candidate
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)"/versions/"$version".*/bin/python"$version"; do
      if [ -x "$candidate" ]; then echo "$candidate"; return; fi
    done
  fi
  candidate=$(uv python find --no-managed-python "$version" 2>/dev/null) || candidate=""
  if [ -n "$candidate" ] && "$candidate" -c "import sys; assert sys.version.startswith('$version')" 2>/dev/null; then
    echo "$candidate"
  fi
}

passed=() failed=() skipped=()
for version in "${versions[@]}"; do
  python=$(find_python "$version")
  if [ -z "$python" ]; then
    printf '\n==> Python %s: no interpreter found, skipped\n' "$version"
    skipped+=("$version")
    continue
  fi
  printf '\n==> Python %s (%s)\n' "$version" "$python"
  env_dir=$(mktemp -d)
  if UV_PROJECT_ENVIRONMENT="$env_dir/venv" uv sync --quiet --locked --python "$python" --all-packages --all-extras \
    && UV_PROJECT_ENVIRONMENT="$env_dir/venv" uv run --no-sync --python "$python" \
      python -m pytest -q -p no:cacheprovider; then
    passed+=("$version")
  else
    failed+=("$version")
  fi
  rm -rf "$env_dir"
done

printf '\n==> summary\n  passed:  %s\n  failed:  %s\n  skipped: %s\n' "${passed[*]:-none}" "${failed[*]:-none}" "${skipped[*]:-none}"
[ "${#failed[@]}" -eq 0 ]
