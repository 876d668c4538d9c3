#!/usr/bin/env bash
# Whole-command benchmarks of respond on generated projects, next to Hugo and the I/O floor.
#
#   bash benches/run.sh [N...]          # default: 1000 10000
#
# For each N it generates target/bench/<N> (and the same content as a Hugo site in
# target/bench/<N>-hugo), times every command with hyperfine (JSON in target/bench/), measures
# peak memory and CPU time with /usr/bin/time -v, and rewrites the measured section of
# BENCHMARKS.md (between the marker comments; the prose above them is kept).
#
# Environment: SEED (generator seed, default 1); RUNS and WARMUP (timed and warmup runs per
# command, default 5 and 1) for N <= 2000, RUNS_LARGE and WARMUP_LARGE (default 3 and 1) for
# larger N. A quick first look at 10,000: RUNS_LARGE=1 WARMUP_LARGE=0 bash benches/run.sh.
# RESPOND_BIN=<path> and GENERATE_BIN=<path> take binaries built before (a release build of
# the generator compiles the development dependencies, and typst again with their features,
# which takes long on this machine); the generator's output does not depend on its build.
# REV=<commit> benchmarks a clean export of that commit (`git archive`, built in
# target/bench/rev-<sha> with its own target directory) instead of the working tree; REV=HEAD
# leaves out uncommitted work. Either way the binary is copied to target/bench/bin/ first, so
# a `cargo build` run by someone else during the benchmarks does not change what is measured.
# BASE=<commit> also builds that commit (the same way as REV) and times each respond command
# with it too, right after the same command of the binary under test, in a copy of the
# generated project of its own (so that each binary keeps its own out/ and render cache); the
# measured section then has a row for each and the ratio of the two.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
if [ "$#" -gt 0 ]; then NS=("$@"); else NS=(1000 10000); fi
SEED=${SEED:-1}
SMALL_RUNS=${RUNS:-5}
SMALL_WARMUP=${WARMUP:-1}
LARGE_RUNS=${RUNS_LARGE:-3}
LARGE_WARMUP=${WARMUP_LARGE:-1}
TODAY=2026-11-22
BENCH=$ROOT/target/bench
BIN=$BENCH/bin/respond
GEN=$BENCH/bin/generate
DOC=$ROOT/BENCHMARKS.md
BEGIN='<!-- BEGIN MEASURED: written by benches/run.sh; edit the prose above this line only -->'
END='<!-- END MEASURED -->'

for n in "${NS[@]}"; do
    [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || { echo "run.sh: N must be a positive number, not \`$n\`" >&2; exit 2; }
done

# --- 1. Tools --------------------------------------------------------------------------------
missing=()
command -v hyperfine > /dev/null || missing+=(hyperfine)
command -v hugo > /dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
command -v jq > /dev/null || missing+=(jq)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
fi

# --- 2. Build --------------------------------------------------------------------------------
echo "== building"
mkdir -p "$BENCH/bin"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
# build_commit REV DEST: builds a clean export of commit REV (`git archive`, in
# target/bench/rev-<sha>, with a target directory of its own) and copies its binary to DEST;
# prints the commit's short hash.
build_commit() {
    local sha src
    sha=$(git rev-parse --short "$1^{commit}")
    src=$BENCH/rev-$sha
    if [ ! -f "$src/Cargo.toml" ]; then
        rm -rf "$src"
        mkdir -p "$src"
        git archive "$sha" | tar -x -C "$src"
    fi
    (cd "$src" && CARGO_TARGET_DIR=$BENCH/rev-target cargo build --release --locked >&2)
    cp "$BENCH/rev-target/release/respond" "$2"
    echo "$sha"
}
if [ -n "${RESPOND_BIN:-}" ]; then
    cp "$RESPOND_BIN" "$BIN"
    BUILT="the binary \`$RESPOND_BIN\`, built before the run"
elif [ -n "${REV:-}" ]; then
    SHA=$(build_commit "$REV" "$BIN")
    BUILT="commit $SHA (a clean export of \`$REV\`)"
else
    cargo build --release --locked
    cp "$TARGET/release/respond" "$BIN"
    BUILT="the working tree at commit $(git rev-parse --short HEAD)"
    [ -z "$(git status --porcelain -- src templates build.rs Cargo.toml Cargo.lock 2> /dev/null)" ] ||
        BUILT+=", with uncommitted changes in src/, templates/ or Cargo.*"
fi
# The generator always comes from the working tree (examples/ is not in older commits).
if [ -n "${GENERATE_BIN:-}" ]; then
    cp "$GENERATE_BIN" "$GEN"
else
    cargo build --release --locked --example generate
    cp "$TARGET/release/examples/generate" "$GEN"
fi
BIN_SUM=$(sha256sum "$BIN" | cut -c1-12)
BIN_BASE=$BENCH/bin/respond-base
if [ -n "${BASE:-}" ]; then
    BASE_SHA=$(build_commit "$BASE" "$BIN_BASE")
    BASE_BUILT="commit $BASE_SHA (a clean export of \`$BASE\`, binary sha256 $(sha256sum "$BIN_BASE" | cut -c1-12)…)"
fi

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
RESULTS=$BENCH/results.tsv
: > "$RESULTS"
RATIOS=$BENCH/ratios.tsv
: > "$RATIOS"
# Cold runs move the previous output here instead of deleting it just before timing: on a file
# system without a journal (this machine's ext4), creating files within about 30 s of deleting
# as many makes ext4 skip every recently freed inode one by one (`recently_deleted` in
# fs/ext4/ialloc.c), which made a cold render look three times slower than it is. The
# `rm -rf` rows keep that case in view. The folder is emptied once everything is timed.
TRASH=$BENCH/trash
mkdir -p "$TRASH"
# The same holds across runs: ext4 counts a freed inode as recent for 60 s, or 360 s while its
# inode table block is unwritten, so a run straight after the last one empties its trash waits.
EMPTIED=$BENCH/trash-emptied
if [ -f "$EMPTIED" ]; then
    wait_s=$((360 - $(date +%s) + $(stat -c %Y "$EMPTIED")))
    if [ "$wait_s" -gt 0 ]; then
        echo "== waiting ${wait_s}s: the last run deleted its output less than 6 minutes ago"
        sleep "$wait_s"
    fi
fi

# measure KEY LABEL PREPARE COMMAND: hyperfine (mean ± σ), then one run under /usr/bin/time -v
# after the same preparation (peak RSS, user+sys CPU). Appends a line to $RESULTS.
measure() {
    local key=$1 label=$2 prepare=$3 cmd=$4
    local json=$BENCH/$N-$key.json timefile=$BENCH/$N-$key.time status=ok
    local args=(--warmup "$WARMUP" --runs "$RUNS" --style basic --export-json "$json"
        --command-name "$label")
    [ -n "$prepare" ] && args+=(--prepare "$prepare")
    echo "-- N=$N $label"
    hyperfine "${args[@]}" "$cmd" || status=failed
    [ -n "$prepare" ] && bash -c "$prepare"
    /usr/bin/time -v -o "$timefile" bash -c "$cmd" > /dev/null 2>&1 || status=failed
    local mean=- sd=- cpu=- rss=-
    if [ "$status" = ok ]; then
        mean=$(jq -r '.results[0].mean' "$json")
        sd=$(jq -r '.results[0].stddev // "-"' "$json")
    fi
    if [ -s "$timefile" ]; then
        cpu=$(awk -F': ' '/User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2}
            END {printf "%.3f", u + s}' "$timefile")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$timefile")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$key" "$label" "$status" "$mean" "$sd" \
        "$cpu" "$rss" "$WARMUP+$RUNS" >> "$RESULTS"
}

# median: the median of the numbers on standard input, one a line.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# pair KEY LABEL PREP_A CMD_A PREP_B CMD_B: the binary under test (A) and the base binary (B) in
# turn, A B A B …, each run timed by /usr/bin/time after its preparation, so that a drift in the
# machine's speed falls on both alike. Appends to $RESULTS the medians of each (wall, user+sys
# CPU, peak RSS) as KEY and KEY_base, and to $RATIOS the medians of the ratios A/B pair by pair.
pair() {
    local key=$1 label=$2 prep_a=$3 cmd_a=$4 prep_b=$5 cmd_b=$6
    local runs=$BENCH/$N-$key.pairs i side prep cmd t start end
    : > "$runs"
    echo "-- N=$N $label, in turn with the base binary"
    for ((i = 0; i < WARMUP + RUNS; i++)); do
        for side in a b; do
            if [ "$side" = a ]; then prep=$prep_a cmd=$cmd_a; else prep=$prep_b cmd=$cmd_b; fi
            [ -z "$prep" ] || bash -c "$prep" > /dev/null 2>&1 || true
            t=$BENCH/$N-$key-$side.time
            # Wall time from the shell's clock (microseconds; time's own has 10 ms steps).
            start=$EPOCHREALTIME
            /usr/bin/time -f '%U %S %M' -o "$t" bash -c "$cmd" > /dev/null 2>&1 || true
            end=$EPOCHREALTIME
            # wall, CPU (user + sys), peak RSS in MiB
            [ "$i" -lt "$WARMUP" ] ||
                awk -v s="$side" -v w0="$start" -v w1="$end" \
                    '{ printf "%s %.6f %s %.1f\n", s, w1 - w0, $1 + $2, $3 / 1024 }' "$t" >> "$runs"
        done
    done
    local col name
    for side in a b; do
        name=$key
        [ "$side" = a ] || name=${key}_base
        local stats=()
        for col in 2 3 4; do
            stats+=("$(awk -v s="$side" -v c="$col" '$1 == s { print $c }' "$runs" | median)")
        done
        local shown=$label
        [ "$side" = a ] || shown="$label (base)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$name" "$shown" ok "${stats[0]}" - \
            "${stats[1]}" "${stats[2]}" "$WARMUP+$RUNS" >> "$RESULTS"
    done
    local ratios=()
    for col in 2 3 4; do
        ratios+=("$(paste <(awk '$1 == "a"' "$runs") <(awk '$1 == "b"' "$runs") |
            awk -v c="$col" '{ b = $(c + 4); if (b > 0) print $c / b }' | median)")
    done
    printf '%s\t%s\t%s\t%s\t%s\n' "$N" "$key" "${ratios[0]}" "${ratios[1]}" "${ratios[2]}" >> "$RATIOS"
}

# --- 3. Generate and measure -----------------------------------------------------------------
# Nothing is deleted until everything is timed (see TRASH above), except by the `rm -rf` rows,
# which run last, after every N's other rows.
paths_of() { # N: sets P, H, HOUT, HCACHE, RUNS, WARMUP, R and HUGO for that N
    P=$BENCH/$1
    H=$BENCH/$1-hugo
    HOUT=$BENCH/$1-hugo-public
    HCACHE=$BENCH/$1-hugo-cache
    if [ "$1" -le 2000 ]; then
        RUNS=$SMALL_RUNS WARMUP=$SMALL_WARMUP
    else
        RUNS=$LARGE_RUNS WARMUP=$LARGE_WARMUP
    fi
    R="'$BIN' render --root '$P' --today $TODAY"
    PB=$BENCH/$1-base
    RB="'$BIN_BASE' render --root '$PB' --today $TODAY"
    HUGO="hugo --source '$H' --destination '$HOUT' --cacheDir '$HCACHE' --quiet"
}
for N in "${NS[@]}"; do
    paths_of "$N"
    echo "== N=$N: generating $P and $H"
    OLD=$(mktemp -d "$TRASH/old.XXXXXX")
    for dir in "$P" "$PB" "$H" "$HOUT" "$HCACHE"; do
        [ ! -e "$dir" ] || mv "$dir" "$OLD/"
    done
    "$GEN" --records "$N" --seed "$SEED" --out "$P" --hugo "$H"
    if ! "$BIN" validate --root "$P" --today "$TODAY" 2> "$BENCH/$N-validate.log"; then
        echo "run.sh: the generated project $P does not validate; see $BENCH/$N-validate.log" >&2
        exit 1
    fi
    # The record changed between warm renders: the newest one, as when an office adds a response.
    CHANGED=$(find "$P/data/inspections" -name '*.yaml' | sort | tail -n 1)
    TOGGLE="sed -i '/^key_findings: |\$/{n;s/ x\$//;t;s/\$/ x/}' '$CHANGED'"

    # row_spec ROW BIN P R TOGGLE: sets KEY, LABEL, PREP and CMD for one respond row of one
    # binary, first rendering once where the row starts from an up-to-date out/.
    row_spec() {
        local row=$1 bin=$2 p=$3 r=$4 toggle=$5
        KEY=$row PREP="" CMD=$r
        case $row in
            validate) LABEL="respond validate" CMD="'$bin' validate --root '$p' --today $TODAY" ;;
            check) LABEL="respond check" CMD="'$bin' check --root '$p' --today $TODAY" ;;
            recommendations) LABEL="respond recommendations (the tracker, text)"
                CMD="'$bin' recommendations --root '$p' --today $TODAY" ;;
            calendar) LABEL="respond calendar (the iCalendar file)"
                CMD="'$bin' calendar --root '$p' --today $TODAY" ;;
            render_cold) LABEL="respond render, cold (no out/)"
                PREP="mv '$p/out' \"\$(mktemp -d '$TRASH/out.XXXXXX')\" 2> /dev/null || true" ;;
            render_warm) LABEL="respond render, warm, nothing changed"
                bash -c "$r" > /dev/null 2>&1 || true ;;
            render_one) LABEL="respond render, warm, one record changed" PREP=$toggle ;;
            render_check) LABEL="respond render --check, up to date" CMD="$r --check"
                bash -c "$r" > /dev/null 2>&1 || true ;;
        esac
    }
    if [ -n "${BASE:-}" ]; then
        mkdir -p "$PB"
        cp -r "$P/data" "$PB/"
        CHANGED_B=$PB/${CHANGED#"$P/"}
        TOGGLE_B="sed -i '/^key_findings: |\$/{n;s/ x\$//;t;s/\$/ x/}' '$CHANGED_B'"
    fi
    for row in validate check recommendations calendar render_cold render_warm render_one render_check; do
        row_spec "$row" "$BIN" "$P" "$R" "$TOGGLE"
        if [ -z "${BASE:-}" ]; then
            measure "$KEY" "$LABEL" "$PREP" "$CMD"
        else
            key=$KEY label=$LABEL prep=$PREP cmd=$CMD
            row_spec "$row" "$BIN_BASE" "$PB" "$RB" "$TOGGLE_B"
            pair "$key" "$label" "$prep" "$cmd" "$PREP" "$CMD"
        fi
    done
    measure hugo "hugo, cold (same content, HTML only)" \
        "T=\$(mktemp -d '$TRASH/hugo.XXXXXX'); for d in '$HOUT' '$HCACHE'; do [ ! -e \"\$d\" ] || mv \"\$d\" \"\$T/\"; done; rm -rf '$H/resources' '$H/.hugo_build.lock'" \
        "$HUGO"
    measure cat "I/O floor: cat every record" "" \
        "find '$P/data/inspections' -name '*.yaml' -exec cat {} + > /dev/null"
    # The write floor: the files of the rendered out/ copied into a new folder by two `cp` at
    # once (respond writes on two cores), with no rendering, temporary files or renames.
    COPY=$BENCH/$N-copy
    measure write "I/O floor: copy the rendered out/ into a new folder, two \`cp\` at once" \
        "[ ! -e '$COPY' ] || mv '$COPY' \"\$(mktemp -d '$TRASH/copy.XXXXXX')\"; mkdir '$COPY'" \
        "cd '$P/out' && { ls -A | awk 'NR % 2' | xargs cp -t '$COPY' & ls -A | awk 'NR % 2 == 0' | xargs cp -t '$COPY'; wait; }"
done
for N in "${NS[@]}"; do
    paths_of "$N"
    measure render_cold_rm "respond render, cold, right after \`rm -rf out\`" "rm -rf '$P/out'" "$R"
    measure hugo_rm "hugo, cold, right after \`rm -rf\` of its output" \
        "rm -rf '$HOUT' '$HCACHE' '$H/resources' '$H/.hugo_build.lock'" "$HUGO"
done
LOAD_END=$(loadavg)
rm -rf "$TRASH"
touch "$EMPTIED"

# --- 4. BENCHMARKS.md ------------------------------------------------------------------------
KEYS=(validate check recommendations calendar render_cold render_cold_rm render_warm render_one render_check hugo hugo_rm cat write)
if [ -n "${BASE:-}" ]; then
    KEYS=(validate validate_base check check_base recommendations recommendations_base
        calendar calendar_base
        render_cold render_cold_base render_cold_rm
        render_warm render_warm_base render_one render_one_base render_check render_check_base
        hugo hugo_rm cat write)
fi
target_of() {
    case $1 in
        validate | check | recommendations | calendar | render_warm | render_one) echo "≤ 0.3 s" ;;
        render_cold) echo "≤ 1 s" ;;
        *) echo "—" ;;
    esac
}
limit_of() { # seconds, for the verdict
    case $1 in
        validate | check | recommendations | calendar | render_warm | render_one) echo 0.3 ;;
        render_cold) echo 1 ;;
        *) echo "" ;;
    esac
}
field() { # N KEY COLUMN
    awk -F'\t' -v n="$1" -v k="$2" -v c="$3" '$1 == n && $2 == k {print $c}' "$RESULTS"
}
wall() { # mean ± sd, in s or ms
    local mean=$1 sd=$2
    if [ "$mean" = - ]; then echo "failed"; return; fi
    awk -v m="$mean" -v s="$sd" 'BEGIN {
        if (m < 1) printf "%.1f ms", m * 1000; else printf "%.2f s", m
        if (s != "-") { if (m < 1) printf " ± %.1f", s * 1000; else printf " ± %.2f", s } }'
}
has_n() { local x; for x in "${NS[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

FIRST=${NS[0]}
LAST=${NS[${#NS[@]}-1]}
GENERATED=$BENCH/measured.md
{
    echo "$BEGIN"
    echo
    echo "## Measured: $STARTED"
    echo
    echo "Generated by \`${BASE:+BASE=$BASE }bash benches/run.sh ${NS[*]}\` (seed $SEED). Wall time is hyperfine's mean ± σ"
    echo "over the timed runs (the column header gives warmup+timed runs); CPU (user+sys) and peak RSS come from one more run under"
    echo "\`/usr/bin/time -v\`. Files were in the page cache (\"cold\" means no \`out/\`, not a cold disk)."
    echo
    header="| Command | Target (at 1,000) |"
    rule="|---|---|"
    for n in "${NS[@]}"; do
        header+=" N=$n wall ($(field "$n" validate 9) runs) | CPU | RSS MiB |"
        rule+="---:|---:|---:|"
    done
    if [ "${#NS[@]}" -gt 1 ]; then
        header+=" ×($LAST/$FIRST) |"
        rule+="---:|"
    fi
    echo "$header"
    echo "$rule"
    for key in "${KEYS[@]}"; do
        label=$(field "$FIRST" "$key" 3)
        row="| $label | $(target_of "$key") |"
        for n in "${NS[@]}"; do
            row+=" $(wall "$(field "$n" "$key" 5)" "$(field "$n" "$key" 6)") | $(field "$n" "$key" 7) s | $(field "$n" "$key" 8) |"
        done
        if [ "${#NS[@]}" -gt 1 ]; then
            row+=" $(awk -v a="$(field "$LAST" "$key" 5)" -v b="$(field "$FIRST" "$key" 5)" \
                'BEGIN { if (a == "-" || b == "-" || b == 0) print "—"; else printf "%.1f×", a / b }') |"
        fi
        echo "$row"
    done
    echo
    echo "### Against the targets"
    echo
    if has_n 1000; then
        for key in validate check recommendations calendar render_cold render_warm render_one; do
            mean=$(field 1000 "$key" 5)
            limit=$(limit_of "$key")
            verdict=$(awk -v m="$mean" -v l="$limit" 'BEGIN {
                if (m == "-") print "failed"; else if (m <= l) print "met"; else print "**missed**" }')
            echo "- $(field 1000 "$key" 3) at 1,000: $(wall "$mean" "$(field 1000 "$key" 6)") (target $(target_of "$key")): $verdict"
        done
        if [ -n "${BASE:-}" ]; then
            worst=$(awk -F'\t' '$1 == 1000 && $3 != "-" { if ($3 > m) {m = $3; k = $2} } END {printf "%.2f (%s)", m, k}' "$RATIOS")
            ok=$(awk -F'\t' '$1 == 1000 && $3 != "-" { if ($3 > m) m = $3 } END {print (m <= 1.5 ? "met" : "**missed**")}' "$RATIOS")
            echo "- The slowest against the base commit at 1,000, by the median of the pairs' wall-time ratios: $worst (target ≤ 1.5): $ok"
        fi
    fi
    if has_n 10000; then
        worst=$(awk -F'\t' '$1 == 10000 && $2 ~ /^(validate|check|recommendations|calendar|render_)/ && $2 !~ /_base$/ && $8 != "-" {
            if ($8 > m) {m = $8; k = $3}} END {printf "%.1f MiB (%s)", m, k}' "$RESULTS")
        ok=$(awk -F'\t' '$1 == 10000 && $2 ~ /^(validate|check|recommendations|calendar|render_)/ && $2 !~ /_base$/ && $8 != "-" {
            if ($8 > m) m = $8} END {print (m < 300 ? "met" : "**missed**")}' "$RESULTS")
        echo "- Peak memory of respond at 10,000: $worst (target < 300 MiB): $ok"
        echo "- A cold render against Hugo at 10,000: $(awk -v r="$(field 10000 render_cold 5)" -v h="$(field 10000 hugo 5)" 'BEGIN {
            if (r == "-" || h == "-") print "—";
            else printf "Hugo takes %.1f× as long (target ≥ 2×): %s", h / r, (h / r >= 2 ? "met" : "**missed**") }')"
        if has_n 1000; then
            for key in validate check recommendations calendar render_cold render_warm render_one render_check; do
                a=$(field 10000 "$key" 5)
                b=$(field 1000 "$key" 5)
                echo "- Scaling of $(field 1000 "$key" 3): $(awk -v a="$a" -v b="$b" 'BEGIN {
                    if (a == "-" || b == "-") print "—";
                    else printf "%.1f× (target ≤ 11×): %s", a / b, (a / b <= 11 ? "met" : "**missed**") }')"
            done
        fi
    fi
    echo
    if [ -n "${BASE:-}" ]; then
        echo "### Against the base commit"
        echo
        echo "The binary under test and the base binary ran in turn (A B A B …), each run timed by"
        echo "\`/usr/bin/time\` after its own preparation; the respond rows above are the medians of"
        echo "those runs. Here is the median, over the pairs, of the test binary's figure over the"
        echo "base binary's (below 1 is better), for wall time, user+sys CPU time and peak RSS."
        echo
        header="| Command |"
        rule="|---|"
        for n in "${NS[@]}"; do
            header+=" N=$n wall | CPU | RSS |"
            rule+="---:|---:|---:|"
        done
        echo "$header"
        echo "$rule"
        for key in validate check recommendations calendar render_cold render_warm render_one render_check; do
            row="| $(field "$FIRST" "$key" 3) |"
            for n in "${NS[@]}"; do
                for c in 3 4 5; do
                    row+=" $(awk -F'\t' -v n="$n" -v k="$key" -v c="$c" \
                        '$1 == n && $2 == k { if ($c == "-") print "—"; else printf "%.2f", $c }' "$RATIOS") |"
                done
            done
            echo "$row"
        done
        echo
    fi
    echo "### Machine and versions"
    echo
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \`nproc\` = $(nproc)"
    echo "- Memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); file system of \`target/\`: $(df -T "$BENCH" | awk 'NR == 2 {print $2}')"
    echo "- Load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END"
    echo "- Kernel: $(uname -sr)"
    echo "- $(rustc -V)"
    echo "- respond: built from $BUILT (binary sha256 $BIN_SUM…)"
    [ -z "${BASE:-}" ] || echo "- base: built from $BASE_BUILT"
    echo "- $(hugo version | cut -d' ' -f1-2)"
    echo "- $(hyperfine --version)"
    echo
    echo "$END"
} > "$GENERATED"

if [ ! -f "$DOC" ]; then
    printf '# Benchmarks\n\n%s\n%s\n' "$BEGIN" "$END" > "$DOC"
fi
if ! grep -qF "$BEGIN" "$DOC" || ! grep -qF "$END" "$DOC"; then
    printf '\n%s\n%s\n' "$BEGIN" "$END" >> "$DOC"
fi
awk -v begin="$BEGIN" -v end="$END" -v file="$GENERATED" '
    $0 == begin { while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0; next }
    !skip { print }
' "$DOC" > "$DOC.tmp"
mv "$DOC.tmp" "$DOC"
echo "== wrote the measured section of $DOC"
cat "$GENERATED"
