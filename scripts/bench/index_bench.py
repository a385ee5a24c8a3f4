#!/usr/bin/env python3
"""Time a full Reuters-21578 index by newsdesk-index against Omega's scriptindex.

Both index the same 21,578 articles in the same run, on the same machine
(scriptindex from its dump file, converted beforehand and not timed), the
peer with the minimal script of issue 16 (title, body with positions, id,
date, two boolean label fields, no spelling data); newsdesk-index with its
default writers (--jobs: one per core) and with one. Also
times a rerun of newsdesk-index over the unchanged corpus (incremental: the
issue's target is at most 10% of the first run), and a run extracting actors
and regions from the text (--entities=extract; target: at most 25% more time).

Then the Russian Telegram channels (22,099 posts, ../shared/corpora/ru-telegram-news),
whose language is detected post by post, for articles/s beside Reuters'
(language_bench.py measures detection itself).

Usage: scripts/bench/index_bench.py [--build DIR] [--reuters DIR] [--telegram DIR] [--repeat N]
Prints absolute times and ratios (newsdesk / scriptindex; target <= 0.5).
scriptindex with spelling data, as newsdesk-index builds it, is timed too.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import scriptindex_peer  # noqa: E402


def timed(args, **kw):
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reuters", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    ap.add_argument("--telegram", default=os.path.join(ROOT, "..", "shared", "corpora", "ru-telegram-news"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.reuters, "reut2-000.sgm")):
        print("index_bench: Reuters-21578 not found at %s; nothing to measure" % args.reuters)
        return 0
    index = os.path.join(args.build, "indexer", "newsdesk-index")
    tmp = tempfile.mkdtemp(prefix="newsdesk-bench-")
    try:
        dump, script = os.path.join(tmp, "reuters.dump"), os.path.join(tmp, "reuters.script")
        n = scriptindex_peer.write_dump(args.reuters, dump)
        spelled = os.path.join(tmp, "reuters-spelling.script")
        with open(script, "w") as f:
            f.write(scriptindex_peer.MINIMAL_INDEX_SCRIPT)
        with open(spelled, "w") as f:
            f.write(scriptindex_peer.INDEX_SCRIPT)
        ours, one, peer, peer_spelled, rerun, extract = [], [], [], [], [], []
        for i in range(args.repeat):
            db, peer_db = os.path.join(tmp, "nd%d" % i), os.path.join(tmp, "si%d" % i)
            peer.append(timed(["scriptindex", peer_db, script, dump]))
            shutil.rmtree(peer_db)
            peer_spelled.append(timed(["scriptindex", peer_db, spelled, dump]))
            shutil.rmtree(peer_db)
            ours.append(timed([index, "--db", db, "--quiet", args.reuters]))
            rerun.append(timed([index, "--db", db, "--quiet", args.reuters]))
            shutil.rmtree(db)
            one.append(timed([index, "--db", db, "--quiet", "--jobs", "1", args.reuters]))
            shutil.rmtree(db)
            extract.append(timed([index, "--db", db, "--quiet", "--entities=extract", args.reuters]))
            shutil.rmtree(db)
        o, p, r = statistics.median(ours), statistics.median(peer), statistics.median(rerun)
        e, o1, ps = statistics.median(extract), statistics.median(one), statistics.median(peer_spelled)
        print("Reuters-21578 full index, %d articles, median of %d runs, %d cores" % (n, args.repeat, os.cpu_count()))
        print("  newsdesk-index           %7.2f s  (%6.0f articles/s)" % (o, n / o))
        print("  newsdesk-index --jobs 1  %7.2f s  (%6.0f articles/s)" % (o1, n / o1))
        print("  scriptindex, minimal     %7.2f s  (%6.0f articles/s)" % (p, n / p))
        print("  scriptindex, spelling    %7.2f s  (%6.0f articles/s)" % (ps, n / ps))
        print("  ratio newsdesk/scriptindex = %.2f  (target <= 0.50); --jobs 1: %.2f; against "
              "scriptindex with spelling: %.2f" % (o / p, o1 / p, o / ps))
        print("  with --entities=extract %6.2f s: extraction adds %.0f%%  (target <= 25%%)" % (e, 100 * (e - o) / o))
        print("  incremental rerun %6.3f s = %.1f%% of the first run  (target <= 10%%)" % (r, 100 * r / o))
        if os.path.isdir(args.telegram):
            runs = []
            for i in range(args.repeat):
                db = os.path.join(tmp, "ru%d" % i)
                runs.append(timed([index, "--db", db, "--quiet", args.telegram]))
                shutil.rmtree(db)
            t = statistics.median(runs)
            print("Russian Telegram channels, 22,099 posts (language detected, extraction on)")
            print("  newsdesk-index  %7.2f s  (%6.0f articles/s; Reuters %6.0f articles/s)" % (t, 22099 / t, n / o))
        else:
            print("Russian Telegram channels not found at %s; skipped" % args.telegram)
    finally:
        shutil.rmtree(tmp, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
