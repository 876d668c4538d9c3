#!/usr/bin/env bash
# The Markdown pages (*.md) of <out-dir> through GitHub's own renderer, cmark-gfm (the cmarkgfm
# package, installed from PyPI into target/markdown-venv): tests/markdown/check.py.
#
#   bash tests/markdown/run.sh <out-dir>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: bash tests/markdown/run.sh <out-dir>" >&2
  exit 2
fi
shopt -s nullglob
pages=("$1"/*.md)
shopt -u nullglob
if [[ ${#pages[@]} -eq 0 ]]; then
  echo "markdown: no *.md files in $1 (render with the md format)" >&2
  exit 2
fi
venv="${CARGO_TARGET_DIR:-$root/target}/markdown-venv"
if ! "$venv/bin/python" -c 'import cmarkgfm' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'cmarkgfm>=2024.1.14'
fi
"$venv/bin/python" "$here/check.py" "${pages[@]}"
