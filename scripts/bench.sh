#!/usr/bin/env bash
# The benchmark: loclint against the floor (the same files read and parsed by pulldown-cmark
# only, on the same number of threads), rumdl and markdownlint-cli2, on the shared corpus and on
# a 10x copy of it. Wall time and peak memory of each: the median of a few runs (five for loclint
# and the floor on the corpus, taken in turns) after a warm-up. The last line is name=value
# pairs.
#
#   scripts/bench.sh                 # corpus from ../shared, 2 threads
#   THREADS=1 SKIP_TEN=1 SKIP_OTHERS=1 scripts/bench.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

archive=${CORPUS:-../shared/corpus/alchemy-insights.tar.zst}
threads=${THREADS:-2}
[ -f "$archive" ] || { echo "no corpus at $archive (set CORPUS=)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin loclint --example floor
loclint=$PWD/target/release/loclint
floor=$PWD/target/release/examples/floor

echo "extracting the corpus into $work"
tar --zstd -xf "$archive" -C "$work"
one=$work/alchemy-insights
# Written out before anything is timed: a run must not share the disk with the kernel's
# writing back of the files just made.
sync

# measure NAME [-n K] COMMAND...: runs it K times (default 1) and records the median wall seconds
# and the median peak RSS in MB; the spread of the runs is printed beside them. One run of a
# command on a shared machine can be off by a fifth; the median of a few is not.
declare -A wall rss changed_findings
# run_once NAME COMMAND...: one timed run, its wall seconds and peak RSS appended to NAME's runs.
run_once() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time" >>"$work/runs.$name"
}
# summarize NAME: the median wall seconds and median peak RSS in MB of NAME's runs, with their
# spread printed beside them.
summarize() {
    local name=$1 runs=$work/runs.$1
    median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    wall[$name]=$(cut -d' ' -f1 "$runs" | median)
    rss[$name]=$(($(cut -d' ' -f2 "$runs" | median) / 1024))
    local spread
    spread=$(cut -d' ' -f1 "$runs" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }')
    printf '%-28s %8.2f s %6d MB  (%d run(s), %s s)\n' "$name" "${wall[$name]}" "${rss[$name]}" "$(wc -l <"$runs")" "$spread"
}
# measure NAME [-n K] COMMAND...: runs it K times (default 1) and records the median. One run
# of a command on a shared machine can be off by a fifth; the median of a few is not.
measure() {
    local name=$1
    shift
    local runs=1
    if [ "$1" = -n ]; then
        runs=$2
        shift 2
    fi
    : >"$work/runs.$name"
    for _ in $(seq "$runs"); do
        run_once "$name" "$@"
    done
    summarize "$name"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "machine: $(nproc) cores; loclint and the floor on $threads threads"
"$floor" "$one" "$threads" >/dev/null # warm the page cache
"$loclint" check "$one" --format json --threads "$threads" >/dev/null || true
# The two whose ratio is the point run in turns, so that both meet the machine as it is from
# one minute to the next.
: >"$work/runs.floor"
: >"$work/runs.loclint"
for _ in 1 2 3 4 5; do
    run_once floor "$floor" "$one" "$threads"
    run_once loclint "$loclint" check "$one" --format json --threads "$threads"
done
summarize floor
summarize loclint

# commit_one_change DIR FILE: DIR as a git repository whose last commit breaks a link in FILE.
commit_one_change() {
    (
        cd "$1"
        git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm base
        sed -i 's/\](http/] (http/' "$2"
        git -c user.name=bench -c user.email=bench@localhost commit -qam change
    )
}

if [ -z "${SKIP_GIT:-}" ]; then
    echo "laying out a copy of the corpus as a git repository with one changed article"
    cp -r "$one" "$work/onegit"
    commit_one_change "$work/onegit" "$(cd "$work/onegit" && find de-DE -name '*.md' | sort | sed -n 100p)"
    "$loclint" check "$work/onegit" --changed-since HEAD~1 >/dev/null 2>&1 || true
    measure changed_1x -n 3 "$loclint" check "$work/onegit" --changed-since HEAD~1 --threads "$threads"
    rm -rf "$work/onegit"
fi

if [ -z "${SKIP_TEN:-}" ]; then
    echo "building the 10x corpus (10 renamed trees, each with its own ms.openlocfilehash values)"
    mkdir "$work/ten"
    for n in 0 1 2 3 4 5 6 7 8 9; do
        cp -r "$one" "$work/ten/copy$n"
        find "$work/ten/copy$n" -name '*.md' -print0 |
            xargs -0 -P "$(nproc)" -n 2000 sed -i "s/^ms.openlocfilehash: ./ms.openlocfilehash: $n/"
    done
    sync
    "$floor" "$work/ten" "$threads" >/dev/null
    measure floor_10x -n 3 "$floor" "$work/ten" "$threads"
    measure loclint_10x -n 3 "$loclint" check "$work/ten" --format json --threads "$threads"
    if [ -z "${SKIP_GIT:-}" ]; then
        echo "laying out the 10x corpus as a git repository with one changed article"
        commit_one_change "$work/ten" "$(cd "$work/ten" && find copy3/de-DE -name '*.md' | sort | sed -n 100p)"
        "$loclint" check "$work/ten" --changed-since HEAD~1 >/dev/null 2>&1 || true
        measure changed_10x -n 3 "$loclint" check "$work/ten" --changed-since HEAD~1 --threads "$threads"
        # The commit range: what CI asks when its checkout is the commit (no work-tree look).
        measure changed_range_10x -n 3 "$loclint" check "$work/ten" --changed-since HEAD~1..HEAD --threads "$threads"
        # What the two answered: the same findings, all in the changed file.
        for spec in HEAD~1 HEAD~1..HEAD; do
            "$loclint" check "$work/ten" --changed-since "$spec" --format concise >"$work/answer" 2>/dev/null || true
            changed_findings[$spec]=$(grep -c ':[0-9]*:[0-9]*: ' "$work/answer" || true)
            echo "--changed-since $spec: ${changed_findings[$spec]} findings, $(cut -d: -f1 "$work/answer" | sort -u | wc -l) file(s)"
        done
        # git alone: the two listings loclint runs side by side (what differs from the ref, and
        # the untracked files).
        measure changed_git_10x -n 3 bash -c "cd '$work/ten' && { git diff --name-status -z -M HEAD~1 -- >/dev/null &
            git ls-files --others --exclude-standard -z >/dev/null & wait; }"
    fi
fi

if [ -z "${SKIP_OTHERS:-}" ]; then
    if command -v rumdl >/dev/null 2>&1 || pip install --quiet rumdl >/dev/null 2>&1; then
        measure rumdl -n 3 rumdl check --no-cache "$one"
    else
        echo "rumdl: cannot be installed here; skipped"
    fi
    if command -v npm >/dev/null 2>&1 &&
        npm install --silent --no-audit --no-fund --prefix "$work/mdl" markdownlint-cli2 >/dev/null 2>&1; then
        measure markdownlint_cli2 bash -c "cd '$one' && exec '$work/mdl/node_modules/.bin/markdownlint-cli2' '**/*.md'"
    else
        echo "markdownlint-cli2: cannot be installed here; skipped"
    fi
fi

line="cores=$(nproc) threads=$threads loclint_s=${wall[loclint]} loclint_mb=${rss[loclint]}"
line+=" floor_s=${wall[floor]} floor_mb=${rss[floor]} loclint_over_floor=$(ratio "${wall[loclint]}" "${wall[floor]}")"
if [ -n "${wall[loclint_10x]:-}" ]; then
    line+=" loclint_10x_s=${wall[loclint_10x]} loclint_10x_mb=${rss[loclint_10x]} floor_10x_s=${wall[floor_10x]}"
    line+=" wall_10x_over_1x=$(ratio "${wall[loclint_10x]}" "${wall[loclint]}") rss_10x_over_1x=$(ratio "${rss[loclint_10x]}" "${rss[loclint]}")"
fi
[ -n "${wall[changed_1x]:-}" ] && line+=" changed_since_1x_s=${wall[changed_1x]} changed_since_1x_over_full=$(ratio "${wall[changed_1x]}" "${wall[loclint]}")"
[ -n "${wall[changed_10x]:-}" ] && line+=" changed_since_10x_s=${wall[changed_10x]} changed_since_git_10x_s=${wall[changed_git_10x]} changed_since_range_10x_s=${wall[changed_range_10x]} changed_since_10x_findings=${changed_findings[HEAD~1]} changed_since_range_10x_findings=${changed_findings[HEAD~1..HEAD]}"
[ -n "${wall[rumdl]:-}" ] && line+=" rumdl_s=${wall[rumdl]} rumdl_over_loclint=$(ratio "${wall[rumdl]}" "${wall[loclint]}")"
[ -n "${wall[markdownlint_cli2]:-}" ] && line+=" markdownlint_cli2_s=${wall[markdownlint_cli2]} markdownlint_cli2_over_loclint=$(ratio "${wall[markdownlint_cli2]}" "${wall[loclint]}")"
echo "$line"
