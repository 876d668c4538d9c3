#!/usr/bin/env bash
# The accessibility of respond's PDFs, in real tools: every *.pdf in <out-dir> through
# tests/pdf/check.py (pikepdf, installed from PyPI into target/pdf-venv) and poppler's pdftotext.
#
#   bash tests/pdf/run.sh <out-dir>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: bash tests/pdf/run.sh <out-dir>" >&2
  exit 2
fi
shopt -s nullglob
pdfs=("$1"/*.pdf)
shopt -u nullglob
if [[ ${#pdfs[@]} -eq 0 ]]; then
  echo "pdf: no *.pdf files in $1 (render with --format md,html,pdf)" >&2
  exit 2
fi

command -v pdftotext >/dev/null 2>&1 || {
  echo "pdf: pdftotext is missing: install poppler-utils" >&2
  exit 2
}
venv="${CARGO_TARGET_DIR:-$root/target}/pdf-venv"
if ! "$venv/bin/python" -c 'import pikepdf' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'pikepdf>=9,<11'
fi
"$venv/bin/python" "$here/check.py" "${pdfs[@]}"
