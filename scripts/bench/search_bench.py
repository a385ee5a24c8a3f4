#!/usr/bin/env python3
"""Query latency on Reuters-21578: newsdesk-search vs SQLite FTS5 vs Xapian's quest.

One fixed set of queries runs against all three in the same run: 1,000 by
default, drawn with a fixed seed from the words of Reuters titles (one to
three words each), then the plain-language questions of ranking_bench.py
(scripts/bench/ranking_questions.tsv), most of which no article fully
matches, so that newsdesk's relaxed matching is measured too. Reported:
p50/p95/p99 in milliseconds, newsdesk's ratios, and newsdesk's figures over
the queries it relaxed ("match": "relaxed") alone.

  newsdesk (in-process)  elapsed_ms the library reports: parse, match, top 10,
                         snippets and exact counts of three facets (actor,
                         region, date histogram)
  newsdesk (process)     wall time of a whole newsdesk-search run (start-up,
                         opening the database, JSON output)
  newsdesk (one process) elapsed_ms of the same queries run by one process
                         (newsdesk-search --queries), as a long-lived FastCGI
                         page runs them: the database stays open and warm
  FTS5                   in-process (python sqlite3): bm25 top 10 with the
                         title weighted 3x, plus three GROUP BY facet counts,
                         over the articles with any of the words (newsdesk
                         ranks those too)
  quest                  wall time of a whole quest run (top 10, no facets;
                         quest's default operator, OR)

Shards: the same query file, run by one process (elapsed_ms, each query's
fastest of --repeat runs), over one database, over the 4 shards of a
parallel build (--jobs 4 --compact shards) listed in one stub, and over
those 4 shards each served by a stock xapian-tcpsrv on loopback
(`remote 127.0.0.1:PORT` lines): what a cluster costs before the network.

Story clusters: the one-process figures are measured with collapsing (the
default: one hit per story) and with --no-collapse, runs alternating,
each query's fastest of --repeat runs counting; the ratio of the two is the
latency collapsing adds (issue target: at most 1.10).

Usage: search_bench.py [--build DIR] [--db DIR] [--queries N] [--repeat N]
With no --db, Reuters is indexed into a temporary directory first.
Build in Release for meaningful numbers.
"""
import argparse
import contextlib
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
REUTERS = os.path.join(SOURCE, "..", "shared", "corpora", "reuters21578")
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402


def reuters_db(build, db, tmp):
    """@p db, or a newsdesk index of Reuters built now under @p tmp."""
    if db:
        return db
    db = os.path.join(tmp, "db")
    print("indexing Reuters into", db, file=sys.stderr)
    subprocess.run([os.path.join(build, "indexer", "newsdesk-index"), "--quiet", "--db", db, REUTERS], check=True)
    return db


def stories():
    for a in reuters_sgml.articles(REUTERS):
        day = reuters_sgml.yyyymmdd(a["date"])
        yield {"title": a["title"], "body": a["body"],
               "month": "%s-%s" % (day[:4], day[4:6]) if day else "",
               "region": sorted(set(a["places"])),
               "actor": sorted(set(a["people"])) + sorted(set(a["orgs"]))}


def make_queries(articles, n, seed=1987):
    words = [w.lower() for a in articles for w in re.findall(r"[A-Za-z]{4,}", a["title"])]
    rng = random.Random(seed)
    return [" ".join(rng.sample(words, rng.choice((1, 1, 2, 2, 3)))) for _ in range(n)]


def questions():
    """The plain-language questions of ranking_bench.py, without punctuation."""
    with open(os.path.join(HERE, "ranking_questions.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t")[1] for line in f if line.strip() and not line.startswith("#")]
    return [" ".join(re.findall(r"[a-z0-9]+", q.lower().replace("'", ""))) for q in rows]


def build_fts5(articles):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter')")
    db.execute("CREATE TABLE facet(docid INTEGER, facet TEXT, value TEXT)")
    for i, a in enumerate(articles, 1):
        db.execute("INSERT INTO doc(rowid, title, body) VALUES (?, ?, ?)", (i, a["title"], a["body"]))
        rows = [(i, "region", v) for v in a["region"]] + [(i, "actor", v) for v in a["actor"]]
        if a["month"]:
            rows.append((i, "date", a["month"]))
        db.executemany("INSERT INTO facet VALUES (?, ?, ?)", rows)
    db.execute("CREATE INDEX facet_doc ON facet(docid, facet)")
    db.commit()
    return db


def fts5_query(db, query):
    match = " OR ".join('"%s"' % w for w in query.split())  # any word, as newsdesk ranks
    db.execute("SELECT rowid, snippet(doc, 1, '<mark>', '</mark>', '...', 30) FROM doc WHERE doc MATCH ? "
               "ORDER BY bm25(doc, 3.0, 1.0) LIMIT 10", (match,)).fetchall()
    for facet in ("actor", "region", "date"):
        db.execute("SELECT value, COUNT(*) AS n FROM facet WHERE facet = ? AND docid IN "
                   "(SELECT rowid FROM doc WHERE doc MATCH ?) GROUP BY value ORDER BY n DESC LIMIT 10",
                   (facet, match)).fetchall()


def timed(fn):
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def percentiles(samples):
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": q[94], "p99": q[98]}


def one_process(search, db, query_file, repeat):
    """elapsed_ms of each query run by one newsdesk-search process, with
    collapsing and without, runs alternating; each query's fastest counts."""
    runs = {True: [], False: []}
    for _ in range(repeat):
        for collapse in (True, False):
            extra = [] if collapse else ["--no-collapse"]
            batch = subprocess.run([search, "--db", db, "--queries", query_file] + extra,
                                   capture_output=True, check=True, text=True)
            runs[collapse].append([json.loads(line)["elapsed_ms"] for line in batch.stdout.splitlines()])
    return [min(times) for times in zip(*runs[True])], [min(times) for times in zip(*runs[False])]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fastest(search, db, query_file, repeat):
    """elapsed_ms of each query run by one newsdesk-search process, the fastest of @p repeat runs."""
    runs = []
    for _ in range(repeat):
        batch = subprocess.run([search, "--db", db, "--queries", query_file], capture_output=True, check=True, text=True)
        runs.append([json.loads(line)["elapsed_ms"] for line in batch.stdout.splitlines()])
    return [min(times) for times in zip(*runs)]


@contextlib.contextmanager
def served_layouts(build, tmp):
    """Reuters as one database, as the 4 shards of a parallel build listed in
    one stub, and, when xapian-tcpsrv is installed, as those 4 shards each
    served by a stock xapian-tcpsrv on loopback: {layout name: database}."""
    index = os.path.join(build, "indexer", "newsdesk-index")
    one, four = os.path.join(tmp, "one"), os.path.join(tmp, "four")
    subprocess.run([index, "--quiet", "--jobs", "4", "--db", one, REUTERS], check=True)
    subprocess.run([index, "--quiet", "--jobs", "4", "--compact", "shards", "--db", four, REUTERS], check=True)
    layouts = {"one database": one, "4 local shards": four}
    servers = []
    tcpsrv = shutil.which("xapian-tcpsrv")
    try:
        if tcpsrv:
            remote = os.path.join(tmp, "remote")
            os.makedirs(remote)
            with open(os.path.join(four, "XAPIANDB")) as f:
                shards = [line.split()[1] for line in f if line.startswith("auto ")]
            with open(os.path.join(remote, "XAPIANDB"), "w") as stub:
                for shard in shards:
                    port = free_port()
                    servers.append(subprocess.Popen([tcpsrv, "--interface", "127.0.0.1", "--port", str(port),
                                                     os.path.join(four, shard)],
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                    stub.write("remote 127.0.0.1:%d\n" % port)
            time.sleep(1)
            layouts["4 remote shards (loopback)"] = remote
        else:
            print("xapian-tcpsrv not found (Debian package xapian-tools): no remote shards measured", file=sys.stderr)
        yield layouts
    finally:
        for server in servers:
            server.kill()


def shard_layouts(build, search, query_file, tmp, repeat):
    """One-process latency over one database, 4 local shards and 4 remote shards."""
    with served_layouts(build, tmp) as layouts:
        return {name: fastest(search, db, query_file, repeat) for name, db in layouts.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(SOURCE, "build"))
    ap.add_argument("--db", help="an existing newsdesk Reuters database (default: index one now)")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the query file with and without collapsing")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(REUTERS, "reut2-000.sgm")):
        sys.exit("Reuters-21578 not found at " + REUTERS)
    search = os.path.join(args.build, "searcher", "newsdesk-search")
    tmp = tempfile.mkdtemp(prefix="newsdesk-search-bench-")
    try:
        db = reuters_db(args.build, args.db, tmp)
        articles = list(stories())
        queries = make_queries(articles, args.queries) + questions()
        fts = build_fts5(articles)
        load_before = os.getloadavg()[0]
        results = {"newsdesk (in-process)": [], "newsdesk (process)": [], "newsdesk (one process)": [],
                   "FTS5 (in-process)": [], "quest (process)": []}
        relaxed = []
        for q in queries:
            out = []
            results["newsdesk (process)"].append(timed(lambda: out.append(subprocess.run(
                [search, "--db", db, "--format", "json", "--", q], capture_output=True, check=True).stdout)))
            answer = json.loads(out[0])
            results["newsdesk (in-process)"].append(answer["elapsed_ms"])
            if answer["match"] == "relaxed":
                relaxed.append(answer["elapsed_ms"])
            results["FTS5 (in-process)"].append(timed(lambda: fts5_query(fts, q)))
            results["quest (process)"].append(timed(lambda: subprocess.run(
                ["quest", "-d", db, "-m", "10", q], capture_output=True, check=True)))
        query_file = os.path.join(tmp, "queries.txt")
        with open(query_file, "w") as f:
            f.write("".join(q + "\n" for q in queries))
        collapsed, every = one_process(search, db, query_file, args.repeat)
        results["newsdesk (one process)"] = collapsed
        results["newsdesk (one process, --no-collapse)"] = every
        results["newsdesk, relaxed only"] = relaxed
        layouts = shard_layouts(args.build, search, query_file, tmp, args.repeat)
        results.update(layouts)
        stats = {name: percentiles(s) for name, s in results.items() if len(s) > 1}
        print("%d queries (%d relaxed: no article had every word) on %d Reuters articles; milliseconds; "
              "load average %.1f before, %.1f after"
              % (len(queries), len(relaxed), len(articles), load_before, os.getloadavg()[0]))
        print("%-38s %8s %8s %8s %9s" % ("", "p50", "p95", "p99", "total"))
        for name, p in stats.items():
            print("%-38s %8.2f %8.2f %8.2f %9.0f" % (name, p["p50"], p["p95"], p["p99"], sum(results[name])))
        for ours, peer in (("newsdesk (in-process)", "FTS5 (in-process)"), ("newsdesk (one process)", "FTS5 (in-process)"),
                           ("newsdesk (process)", "quest (process)"),
                           ("newsdesk (one process)", "newsdesk (one process, --no-collapse)")) + tuple(
                               (name, "one database") for name in layouts if name != "one database"):
            print("%s / %s: %s" % (ours, peer, "  ".join(
                "%s %.2fx" % (k, stats[ours][k] / stats[peer][k]) for k in ("p50", "p95", "p99"))))
    finally:
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
