#!/usr/bin/env bash
# The JSON Schemas `respond schema` writes, checked by real tools:
#   1. tests/schema/check.mjs: ajv (draft 2020-12) over every record and office file of the
#      repository that `respond validate` accepts (all valid), and over the invalid cases a
#      schema can express (each refused, for the reason expected);
#   2. tests/schema/lsp.mjs: yaml-language-server, the server behind VS Code's YAML extension,
#      driven over stdio on a project `respond new` made: completion offers the record's
#      fields, an unknown field is marked.
#
#   bash tests/schema/run.sh [<respond>]
#
# Installs Node and the npm packages of package-lock.json (into tests/schema/node_modules) when
# they are missing. Nothing is fetched while checking: the schemas are found by file path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
respond="${1:-${CARGO_TARGET_DIR:-$root/target}/debug/respond}"
if [[ ! -x "$respond" ]]; then
  echo "usage: bash tests/schema/run.sh [<respond>] (build respond first: cargo build)" >&2
  exit 2
fi
respond="$(cd "$(dirname "$respond")" && pwd)/$(basename "$respond")"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}
if ! command -v node >/dev/null 2>&1; then
  echo "schema: installing nodejs npm (apt)"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null
fi
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
stamp="$here/node_modules/.schema-lock-sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "schema: installing Node dependencies (npm ci)"
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_sum" >"$stamp"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. ajv, on the schemas as `respond schema --out` writes them.
"$respond" schema --out "$work/schemas" 2>/dev/null
node "$here/check.mjs" "$respond" "$work/schemas"

# 2. yaml-language-server, on a project made the way staff make one: the bundled office file,
# then `respond new`, which writes the record (with its schema line) and schemas/.
mkdir -p "$work/project/data"
cp "$root/data/office.yaml" "$work/project/data/"
"$respond" new --root "$work/project" --title "Race and Policing: A review" \
  --published 2023-08-25 --type national-thematic --today 2023-09-01 >/dev/null 2>&1
node "$here/lsp.mjs" "$work/project"
