#!/usr/bin/env bash
# The whole default test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (CMake preset "asan", build directory build-asan): unit, end-to-end and smoke
# fuzz tests. Any leak, bad memory access or undefined behaviour fails the test
# it happens in. Long runs (labels "fuzz" and "scale") are left out, as in
# scripts/test.sh. Extra arguments go to ctest (e.g. -R search).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-asan

"$root/scripts/install-deps.sh"
cmake --preset asan -S "$root" >/dev/null
cmake --build "$build" -j "$(nproc)"
if [ -f "$root/tests/browser/package.json" ]; then
  (cd "$root/tests/browser" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
# Report every problem with a stack trace and stop the program at the first one;
# the end-to-end tests run the instrumented programs with the same settings.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
ctest --output-on-failure --label-exclude 'fuzz|scale' -j "$(nproc)" "$@"
