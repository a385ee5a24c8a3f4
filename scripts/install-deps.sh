#!/usr/bin/env bash
# Install everything newsdesk needs to build, test and benchmark, from Debian's
# packages (and playwright-core from npm for the browser test). Idempotent:
# when every package is already there it installs nothing and needs no network.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  libxapian-dev libstemmer-dev libboost-program-options-dev
  nlohmann-json3-dev libexpat1-dev libxxhash-dev libfcgi-dev zlib1g-dev
  liblingua-stopwords-perl libcld2-dev libjemalloc-dev
  googletest libgtest-dev
  # run and check
  xapian-tools util-linux bsdutils
  # gazetteer sources (issue: extracted actor and region facets)
  iso-codes libgweather-4-common
  # end-to-end tests, benchmarks, the local web server and the browser test
  python3 lighttpd xapian-omega sqlite3 chromium
  # the feed test's validator (RELAX NG, with RFC 4287's grammar)
  jing
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another Debian-format repository that bundles npm:
# only ask for Debian's packages when the commands are absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "install-deps: run this script as root (or with sudo) to install them." >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
