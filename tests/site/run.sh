#!/usr/bin/env bash
# The feed and the open data of <out-dir> in real parsers: tests/site/check.py, with feedparser
# installed from PyPI into target/site-venv, Python's own csv, json and XML modules, and
# LibreOffice (soffice, needed when CI is set). With --csv, one CSV file alone.
#
#   bash tests/site/run.sh <out-dir>
#   bash tests/site/run.sh --csv <file.csv>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -eq 2 && "$1" == --csv && -f "$2" ]]; then
  :
elif [[ $# -ne 1 || ! -f "$1/feed.xml" ]]; then
  echo "usage: bash tests/site/run.sh <out-dir> (a folder rendered with the html format, holding feed.xml)" >&2
  echo "       bash tests/site/run.sh --csv <file.csv> (a CSV of respond's, such as recommendations --format csv)" >&2
  exit 2
fi
venv="${CARGO_TARGET_DIR:-$root/target}/site-venv"
if ! "$venv/bin/python" -c 'import feedparser' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'feedparser>=6,<7'
fi
"$venv/bin/python" "$here/check.py" "$@"
