#!/usr/bin/env bash
# respond's calendar files read by a real iCalendar library: every FILE.ics through
# tests/calendar/check.py (Python's icalendar, installed from PyPI into target/calendar-venv).
#
#   bash tests/calendar/run.sh FILE.ics...
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -lt 1 ]]; then
  echo "usage: bash tests/calendar/run.sh FILE.ics..." >&2
  exit 2
fi
venv="${CARGO_TARGET_DIR:-$root/target}/calendar-venv"
if ! "$venv/bin/python" -c 'import icalendar' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'icalendar>=6,<8'
fi
"$venv/bin/python" "$here/check.py" "$@"
