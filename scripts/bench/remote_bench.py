#!/usr/bin/env python3
"""Remote shards against one database, on the queries of issue 17's target.

The target ("Beyond one machine"): the 200 queries with filters and facets
of tests/e2e/remote_shards_test.py take at most 3x as long over 4 remote
shards on loopback as on the local database. This runs exactly those:
the test's 200 queries (words, pairs, phrases, negations and fields) under
each of its five filter sets, with its facets (actor, region, topic and
the date histogram).

Reuters is indexed once as one database and once as the 4 shards of a
parallel build (--jobs 4 --compact shards), each shard served by a stock
xapian-tcpsrv on 127.0.0.1. For each filter set, one newsdesk-search
process runs the 200 queries (--queries, as a long-lived FastCGI page
runs them) on each layout; the layouts alternate, --repeat times, and
each query's fastest elapsed_ms counts. Reported: each filter set's total
on both layouts and their ratio, then the totals of all 1,000 searches.

Usage: remote_bench.py [--build DIR] [--repeat N]
Build in Release for meaningful numbers.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e"))
import remote_shards_test  # noqa: E402  (the target's queries, filters and facets)
import search_bench  # noqa: E402

LOCAL, REMOTE = "one database", "4 remote shards (loopback)"


def run_queries(search, db, query_file, filters):
    """elapsed_ms of each query of @p query_file, run by one process under @p filters."""
    batch = subprocess.run([search, "--db", db, "--queries", query_file, *remote_shards_test.FACETS, *filters],
                           capture_output=True, check=True, text=True)
    return [json.loads(line)["elapsed_ms"] for line in batch.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(SOURCE, "build"))
    ap.add_argument("--repeat", type=int, default=3, help="runs of each filter set on each layout")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(search_bench.REUTERS, "reut2-000.sgm")):
        sys.exit("Reuters-21578 not found at " + search_bench.REUTERS)
    if not shutil.which("xapian-tcpsrv"):
        sys.exit("xapian-tcpsrv not found: install the Debian package xapian-tools")
    search = os.path.join(args.build, "searcher", "newsdesk-search")
    tmp = tempfile.mkdtemp(prefix="newsdesk-remote-bench-")
    try:
        query_file = os.path.join(tmp, "queries.txt")
        queries = remote_shards_test.queries(200)
        with open(query_file, "w") as f:
            f.write("".join(q + "\n" for q in queries))
        load_before = os.getloadavg()[0]
        totals = {LOCAL: 0.0, REMOTE: 0.0}
        with search_bench.served_layouts(args.build, tmp) as layouts:
            print("%d queries per filter set, facets %s; milliseconds, each query's fastest of %d runs"
                  % (len(queries), remote_shards_test.FACETS[1], args.repeat))
            print("%-40s %10s %10s %7s" % ("filters", "local", "remote", "ratio"))
            for filters in remote_shards_test.FILTERS:
                runs = {LOCAL: [], REMOTE: []}
                for _ in range(args.repeat):
                    for name in runs:
                        runs[name].append(run_queries(search, layouts[name], query_file, filters))
                fastest = {name: sum(min(times) for times in zip(*r)) for name, r in runs.items()}
                for name in totals:
                    totals[name] += fastest[name]
                print("%-40s %10.0f %10.0f %6.2fx" % (" ".join(filters) or "(none)", fastest[LOCAL],
                                                      fastest[REMOTE], fastest[REMOTE] / fastest[LOCAL]))
        print("%-40s %10.0f %10.0f %6.2fx   (target: at most 3x)" % (
            "all %d searches" % (len(queries) * len(remote_shards_test.FILTERS)), totals[LOCAL], totals[REMOTE],
            totals[REMOTE] / totals[LOCAL]))
        print("load average %.1f before, %.1f after" % (load_before, os.getloadavg()[0]))
    finally:
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
