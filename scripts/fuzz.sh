#!/usr/bin/env bash
# Runs the libFuzzer targets for a given amount of CPU time each and prints
# a table of CPU time, executions per second and coverage per target.
#
# libFuzzer's -max_total_time counts wall-clock time; on a shared machine a
# target given ten minutes may get much less CPU. This script restarts a
# target (the corpus carries over) until it has used the CPU time asked for.
#
# Usage: scripts/fuzz.sh [--cpu-seconds N] [--jobs J] [TARGET...]
#   TARGET is one of reuters text jsonl feed dates cgi query (default: all).
#   Needs the fuzz build: cmake --preset fuzz && cmake --build build-fuzz
# Findings land in build-fuzz/tests/fuzz/artifacts/; the script exits 1 if any
# target stopped on one. Logs: build-fuzz/tests/fuzz/logs/<target>.log.
set -euo pipefail

cpu_seconds=600
jobs=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --cpu-seconds) cpu_seconds="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(reuters text jsonl feed dates cgi query)

source_dir=$(cd "$(dirname "$0")/.." && pwd)
fuzz_dir="$source_dir/build-fuzz/tests/fuzz"
for t in "${targets[@]}"; do
    if [ ! -x "$fuzz_dir/fuzz_$t" ]; then
        echo "fuzz.sh: $fuzz_dir/fuzz_$t is missing; build it first: cmake --preset fuzz && cmake --build build-fuzz" >&2
        exit 2
    fi
done
mkdir -p "$fuzz_dir/logs" "$fuzz_dir/artifacts"

# One target until it has used $cpu_seconds of CPU; writes logs/<t>.summary.
fuzz_one() {
    local t="$1" used=0 status=0 log="$fuzz_dir/logs/$t.log" cpu
    : > "$log"
    mkdir -p "$fuzz_dir/corpus/$t"
    while [ "$used" -lt "$cpu_seconds" ]; do
        local left=$((cpu_seconds - used))
        TIMEFORMAT='%U %S'
        cpu=$( { time nice ./fuzz_"$t" -max_total_time="$left" -print_final_stats=1 -artifact_prefix=artifacts/ \
                     "corpus/$t" "$source_dir/tests/fuzz/seeds/$t" >> "$log" 2>&1 || echo "finding" >&2; } 2>&1 )
        if [[ "$cpu" == *finding* ]]; then status=1; cpu=${cpu//finding/}; fi
        used=$(echo "$cpu" | awk -v u="$used" '{ s += $1 + $2 } END { printf "%d", u + s }')
        [ "$status" -eq 0 ] || break
    done
    local last eps cov ft runs
    last=$(grep -E "^#[0-9]+" "$log" | tail -1)
    runs=$(grep "stat::number_of_executed_units" "$log" | awk '{ s += $2 } END { print s + 0 }')
    eps=$((runs / (used > 0 ? used : 1)))
    cov=$(echo "$last" | grep -oE "cov: [0-9]+" | awk '{ print $2 }')
    ft=$(echo "$last" | grep -oE "ft: [0-9]+" | awk '{ print $2 }')
    echo "| $t | $used | $runs | $eps | ${cov:-?} | ${ft:-?} | $([ $status -eq 0 ] && echo none || echo "see $log") |" \
        > "$fuzz_dir/logs/$t.summary"
    return $status
}

cd "$fuzz_dir"
failed=0
running=0
for t in "${targets[@]}"; do
    fuzz_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n || failed=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done

echo "| target | CPU s | runs | exec/s (per CPU s) | cov | ft | finding |"
echo "|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do cat "logs/$t.summary"; done
exit $failed
