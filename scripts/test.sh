#!/usr/bin/env bash
# Install what is missing, build newsdesk with its tests, and run the whole
# default test suite: unit tests, end-to-end tests on the real programs, the
# web server and browser tests. Long runs (labels "fuzz" and "scale") are left
# out; run them with: ctest --test-dir build -L fuzz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DNEWSDESK_BUILD_TESTS=ON
if [ -f "$root/tests/browser/package.json" ]; then
  (cd "$root/tests/browser" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
cd "$build"
ctest --output-on-failure --label-exclude 'fuzz|scale' -j "$(nproc)" "$@"
