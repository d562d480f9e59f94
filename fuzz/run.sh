#!/usr/bin/env bash
# Runs the fuzz targets one after the other, each until it reaches RUNS executions or SECONDS
# seconds, on one core at the lowest priority, with the limits and dictionaries of README.md.
# The seed corpora are made first when fuzz/corpus/ does not exist. libFuzzer's output of
# each target goes to logs/<target>.log; its final lines are printed.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (default: 900 s each, every target)
#   RUNS=1000000 fuzz/run.sh 60 json       (a short run of one target)
set -euo pipefail
cd "$(dirname "$0")"

secs=${1:-900}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(json csv_table csv_bundle ogp_sheet xlsx roundtrip)
fi
runs=${RUNS:-10000000}

# The longest input each target is given: a little over its largest seed, except csv_bundle
# (the biggest generated bundles are cut, as libFuzzer does) and xlsx (workbook parts).
declare -A max_len=(
    [json]=100000 [roundtrip]=100000 [csv_table]=16384 [csv_bundle]=65536
    [ogp_sheet]=16384 [xlsx]=200000
)
declare -A dict=(
    [json]=json [roundtrip]=json [csv_table]=csv [csv_bundle]=csv [ogp_sheet]=csv [xlsx]=xlsx
)

if [ ! -d corpus ]; then
    cargo run --release --example seed
fi
mkdir -p logs artifacts
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    rm -f fuzz-0.log
    # -jobs=1 -workers=1: one fuzzing process, whose output libFuzzer writes to fuzz-0.log.
    status=0
    nice -n 19 cargo +nightly fuzz run --sanitizer none "$t" -- \
        -runs="$runs" -max_total_time="$secs" -max_len="${max_len[$t]}" \
        -dict="dict/${dict[$t]}.dict" -jobs=1 -workers=1 -rss_limit_mb=4096 -timeout=10 \
        -print_final_stats=1 >"logs/$t.driver.log" 2>&1 || status=$?
    if [ -f fuzz-0.log ]; then mv fuzz-0.log "logs/$t.log"; fi
    echo "== $t (exit $status)"
    grep -E '^#[0-9]+ +(INITED|DONE)|^stat::|^Done |ERROR|panicked|^artifact_prefix|Test unit written' \
        "logs/$t.log" || true
done
