#!/usr/bin/env bash
# `respond serve` as staff use it, in a real browser:
#
#   bash tests/serve/run.sh <respond-binary>
#
# In a copy of the bundled project with a draft, rendered first so that out/ and drafts/
# exist: starts `respond serve --port 0`, checks with `ss` that its one listening socket is
# bound to 127.0.0.1, runs tests/serve/live.mjs (edit, break, fix a record in Chromium), stops
# it, and checks that out/ and drafts/ are exactly as they were. Needs tests/a11y's Node
# dependencies and Chromium (tests/a11y/run.sh installs both).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
respond="$(realpath "${1:?usage: bash tests/serve/run.sh <respond-binary>}")"

if [[ ! -d "$root/tests/a11y/node_modules/playwright-core" || ! -x /usr/bin/chromium ]]; then
  echo "serve: tests/a11y's Node dependencies or Chromium are missing: run tests/a11y/run.sh first" >&2
  exit 2
fi
command -v ss >/dev/null 2>&1 || {
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q iproute2 >/dev/null; else sudo apt-get install -y -q iproute2 >/dev/null; fi
}

project="$(mktemp -d)"
log="$project.log"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$project" "$log"
}
trap cleanup EXIT

cp -r "$root/data" "$project/"
record="$project/data/inspections/2026-11-20-peel-2025-27.yaml"
cp "$root/tests/a11y/draft.yaml" "$record"
"$respond" render --root "$project" --today 2026-12-02 2>/dev/null
state() { (cd "$project" && find out drafts -type f -printf '%p %s %T@\n' | sort && find out drafts -type f -exec sha256sum {} + | sort); }
before="$(state)"

# From the project folder, as staff run it: problems name `data/inspections/…`.
(cd "$project" && NO_COLOR=1 exec "$respond" serve --port 0 --today 2026-12-02 2>"$log") &
pid=$!
url=""
for _ in $(seq 100); do
  url="$(sed -n 's/^previewing at \(http:[^ ]*\) .*/\1/p' "$log")"
  [[ -n "$url" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "serve: respond serve stopped" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$log" >&2; echo "serve: no address printed" >&2; exit 1; }
port="${url##*:}"
port="${port%/}"
echo "serve: respond serve (pid $pid) at $url"

# The socket itself, as the kernel has it: respond's listening sockets, and their addresses.
sockets="$(ss -Hltnp | grep "pid=$pid," | awk '{print $4}')"
echo "serve: listening on: $sockets"
if [[ "$sockets" != "127.0.0.1:$port" ]]; then
  echo "serve: FAILED: respond serve must listen on 127.0.0.1:$port alone, not: $sockets" >&2
  exit 1
fi

status=0
mkdir -p "$root/target/serve"
node "$here/live.mjs" "$url" "$record" "$root/target/serve/problems.png" || status=1

kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
if [[ "$(state)" != "$before" ]]; then
  echo "serve: FAILED: out/ or drafts/ changed while serving:" >&2
  diff <(echo "$before") <(state) >&2 || true
  status=1
else
  echo "serve: out/ and drafts/ unchanged"
fi
exit $status
