#!/usr/bin/env bash
# The main job on the embedded sample corpus: install what is missing, build,
# index corpus/ into a database and run a sample faceted search on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
db=${NEWSDESK_DB:-$build/sample-db}

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
# --rebuild: the sample is small, and a database left by an older newsdesk
# (another schema version) is replaced rather than refused.
"$build/indexer/newsdesk-index" --rebuild --db "$db" "$root/corpus/sample"
echo
echo "newsdesk-search --db $db --facets actor,region,date sabotage"
"$build/searcher/newsdesk-search" --db "$db" --facets actor,region,date sabotage
