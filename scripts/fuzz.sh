#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang with ASan and UBSan) into ./build-fuzz (or
# $FUZZ_BUILD_DIR) and runs them from the seed corpus in fuzz/corpus/<harness>.
#   scripts/fuzz.sh                  every harness for 30 s (what CI runs)
#   scripts/fuzz.sh --runs 1000000   every harness for a million executions, with figures
#   scripts/fuzz.sh --time 300 cpf   one harness, five minutes
# Prints one line per harness: executions, executions per second, corpus size, coverage.
# A crash stops with the input saved in the build tree; make it a regression test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
limit=(-max_total_time=30)
while [ $# -gt 0 ]; do
    case "$1" in
    --time) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --build-only) limit=(); shift ;;
    *) break ;;
    esac
done
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(json_messages cpf config_ini escpos voice_line http_framing)

if [ -z "${FUZZ_SKIP_BUILD:-}" ]; then # ctest builds once, then runs the harnesses in parallel
    cmake -S "$root/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
    cmake --build "$build" --parallel "$(nproc)" >/dev/null
fi
[ ${#limit[@]} -gt 0 ] || exit 0

export QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
status=0
for h in "${harnesses[@]}"; do
    work="$build/corpus/$h"  # grows from the committed seeds; the repository is never written
    mkdir -p "$work" "$build/crashes/$h"
    log="$build/$h.log"
    if "$build/fuzz_$h" "${limit[@]}" -print_final_stats=1 -artifact_prefix="$build/crashes/$h/" \
        "$work" "$root/fuzz/corpus/$h" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        printf '%-14s %10s runs  %8s exec/s  %s  corpus %s files\n' "$h" "$runs" "$secs" "$cov" \
            "$(find "$work" -type f | wc -l)"
    else
        echo "$h: CRASH (input in $build/crashes/$h/); last lines of $log:"
        tail -30 "$log"
        status=1
    fi
done
exit $status
