#!/usr/bin/env python3
"""Index throughput and growth: newsdesk against SQLite FTS5 on N copies of Reuters-21578.

For each scale N (default 10 and 50: 215,770 and 1,078,850 articles) one
archive is written, a single JSON Lines file holding N copies of the 21,577
Reuters articles that have a title or a body (the 21,578th has neither, and
JSON Lines rejects it). Every copy is a distinct article:

  copy k (k = 0 .. N-1)  id    "reuters-<NEWID>-<k>"
                         date  the Reuters date with its year moved back k
                               years (1987 - k; 1987 has no 29 February,
                               so every shifted day exists), as ISO 8601
  text, title, labels    unchanged: the vocabulary stays that of Reuters,
                         and every term's document frequency grows N-fold
                         (a real archive of that size would have more words)

Measured on each archive, in the same run and on the same machine:

  index       newsdesk-index over the file (--format jsonl, labels as the
              actor and region facets), and FTS5 (python's sqlite3,
              fts5(title, body, tokenize='porter'), its plain documented
              configuration, every row inserted in one transaction into a
              database file). Each runs as a child process: wall time,
              articles/s, size on disk (allocated blocks, as du counts) and
              peak RSS (ru_maxrss of that child alone, from os.wait4; the
              FTS5 child is this script run with --fts5-build)
  rerun       newsdesk-index again over the unchanged file: its time, as a
              share of the first run's too, and its peak RSS
  queries     --queries N (default 200) of each class, the same at every scale:
                narrow     two or three rarer words (in at most 20 of the
                           21,577 titles) from a random article's title
                broad      one very common word (said, pct, year, ...)
                match-all  the empty query
              newsdesk: one newsdesk-search process per query (--format
              json, top 10 with snippets, exact counts of three facets:
              actor, region, date); "engine" is the elapsed_ms it reports
              (parse, match, top 10, snippets, facets), "process" the wall
              time of the whole run (start-up, opening the database, JSON).
              FTS5, in this process, timed in Python: bm25 top 10 (ORDER BY
              rank) of the articles with any of the words (newsdesk ranks
              those too), and for match-all a count plus the first 10 by
              rowid; no facets, no snippets: FTS5 does less work.
              p50 and p99 in milliseconds.

Targets (issue 16, "Index throughput and growth"): at 10x (216k articles)
index in at most 60 s and answer with an engine p99 of at most 10 ms; at any
scale an unchanged rerun in at most 1% of the first run's time, and a peak
RSS of newsdesk-index of at most 512 MiB (this script's bound: an archive's
size should not decide the indexer's memory, nor the number of writers:
newsdesk-index runs with its default --jobs, one writer per core).

Prints one Markdown table per scale, then a summary of every scale with the
ratios newsdesk/FTS5, how each figure grows from one scale to the next, and
the targets. Build in Release (the default) first. Scale 50 needs about
10 GB of temporary disk (a 1 GB archive, the newsdesk index twice while it
is compacted, the FTS5 file) and, at 1,400 articles/s, about 15 minutes of
indexing; run it under nice on a shared machine.

Usage: scale_bench.py [--build DIR] [--reuters DIR] [--scales 10,50] [--queries N] [--keep]
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402
from search_bench import percentiles, timed as timed_ms  # noqa: E402

BROAD_WORDS = ("said", "pct", "year", "market", "mln", "dlrs", "company", "billion")
RARE_TITLE_DF = 20  # a narrow query's words are in at most this many Reuters titles
FACETS = "actor,region,date"
CLASSES = ("narrow", "broad", "match-all")
RSS_BOUND_MIB = 512
TARGET_SCALE, TARGET_INDEX_S, TARGET_P99_MS, TARGET_RERUN_PCT = 10, 60.0, 10.0, 1.0


# --- the archives -------------------------------------------------------------

def iso_date(reuters_date, years_back):
    """Reuters' '26-FEB-1987 15:01:01.79' as ISO 8601, @p years_back earlier.

    Written out ISO rather than copied: a few Reuters dates carry debris
    ('...&#5;&#5;E RM', '605:12:19') that the indexer would reject as a whole,
    losing the article's date; the day alone is kept when the time is bad.
    """
    day = reuters_sgml.yyyymmdd(reuters_date)
    if not day:
        return ""
    date = "%04d-%s-%s" % (int(day[:4]) - years_back, day[4:6], day[6:8])
    clock = re.search(r"\s([01]\d|2[0-3]):([0-5]\d):([0-5]\d)", reuters_date)
    return date + ("T%s:%s:%s" % clock.groups() if clock else "")


def reuters_articles(directory):
    # JSON Lines rejects a record with neither title nor body; one Reuters story has neither.
    return [a for a in reuters_sgml.articles(directory) if a["title"] or a["body"]]


def write_archive(articles, copies, path):
    """N copies of @p articles as JSON Lines, each copy with its own ids and dates."""
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for a in articles:
                f.write(json.dumps({
                    "id": "%s-%d" % (a["id"], k), "title": a["title"], "body": a["body"],
                    "dateline": a["dateline"], "date": iso_date(a["date"], k), "source": "Reuters",
                    # Present even when empty, as the Reuters reader has them: labelled
                    # articles skip extraction, so the facets are the editors' labels.
                    "regions": a["places"], "actors": a["people"] + a["orgs"], "topics": a["topics"],
                }, ensure_ascii=False) + "\n")
    return copies * len(articles)


# --- queries ------------------------------------------------------------------

def title_words(title):
    return re.findall(r"[a-z]{4,}", title.lower())


def make_queries(articles, n, seed=1987):
    """@p n queries of each class, drawn once so that every scale answers the same ones."""
    rng = random.Random(seed)
    df = collections.Counter(w for a in articles for w in set(title_words(a["title"])))
    rare = [sorted({w for w in title_words(a["title"]) if df[w] <= RARE_TITLE_DF}) for a in articles]
    candidates = [words for words in rare if len(words) >= 2]
    narrow = []
    for _ in range(n):
        words = rng.choice(candidates)
        narrow.append(" ".join(rng.sample(words, min(len(words), rng.choice((2, 3))))))
    broad = [BROAD_WORDS[i % len(BROAD_WORDS)] for i in range(n)]
    return {"narrow": narrow, "broad": broad, "match-all": [""] * n}


# --- measuring child processes ------------------------------------------------

def run_measured(args, log):
    """Wall seconds and peak RSS (bytes) of the child running @p args.

    os.wait4 gives the rusage of that child alone; RUSAGE_CHILDREN would report
    the largest child this process ever had, which the FTS5 child or an
    earlier, larger scale could be.
    """
    start = time.perf_counter()
    with open(log, "wb") as out:
        child = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if child.returncode != 0:
        with open(log, errors="replace") as f:
            sys.stderr.write(f.read()[-4000:])
        raise subprocess.CalledProcessError(child.returncode, args)
    return seconds, usage.ru_maxrss * 1024  # Linux counts ru_maxrss in KiB


def disk_bytes(path):
    """Allocated size of a file or directory tree, as du counts it."""
    if os.path.isfile(path):
        return os.stat(path).st_blocks * 512
    return sum(os.stat(os.path.join(d, f)).st_blocks * 512 for d, _, files in os.walk(path) for f in files)


def index_summary(log):
    """newsdesk-index's summary counts ({'added': n, 'unchanged': n, ...}) from its output."""
    with open(log, errors="replace") as f:
        m = re.search(r"(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) deleted, (\d+) rejected", f.read())
    return dict(zip(("added", "updated", "unchanged", "deleted", "rejected"), map(int, m.groups()))) if m else {}


# --- newsdesk -----------------------------------------------------------------

def newsdesk_index(index, archive, db, work, n):
    # Warnings (e.g. a date it cannot read) go to the log; a rejected record fails the run.
    first, rss = run_measured([index, "--db", db, "--format", "jsonl", archive], os.path.join(work, "index.log"))
    counts = index_summary(os.path.join(work, "index.log"))
    if counts.get("added") != n:
        print("warning: newsdesk-index added %s of %d articles" % (counts.get("added"), n), file=sys.stderr)
    rerun, rerun_rss = run_measured([index, "--db", db, "--format", "jsonl", archive], os.path.join(work, "rerun.log"))
    counts = index_summary(os.path.join(work, "rerun.log"))
    if counts.get("unchanged") != n or counts.get("added") or counts.get("updated"):
        print("warning: the unchanged rerun reported %s" % counts, file=sys.stderr)
    return {"index_s": first, "rate": n / first, "size_mib": disk_bytes(db) / 2**20, "rss_mib": rss / 2**20,
            "rerun_s": rerun, "rerun_pct": 100 * rerun / first, "rerun_rss_mib": rerun_rss / 2**20}


def newsdesk_queries(search, db, queries):
    """Engine and whole-process milliseconds of one newsdesk-search process per query."""
    engine, process = [], []
    for q in queries:
        out = []
        process.append(timed_ms(lambda: out.append(subprocess.run(
            [search, "--db", db, "--format", "json", "--facets", FACETS, "--", q],
            capture_output=True, check=True).stdout)))
        engine.append(json.loads(out[0])["elapsed_ms"])
    return engine, process


# --- SQLite FTS5 --------------------------------------------------------------

def fts5_build(archive, path):
    """The FTS5 child: the archive into a new database file, in one transaction."""
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter')")
    with open(archive, encoding="utf-8") as f:  # a line at a time: the child's RSS is SQLite's
        rows = ((i, r["title"], r["body"]) for i, r in enumerate(map(json.loads, f), 1))
        with db:
            db.executemany("INSERT INTO doc(rowid, title, body) VALUES (?, ?, ?)", rows)
    db.close()


def fts5_index(archive, path, work, n):
    seconds, rss = run_measured([sys.executable, os.path.abspath(__file__), "--fts5-build", archive, path],
                                os.path.join(work, "fts5.log"))
    return {"index_s": seconds, "rate": n / seconds, "size_mib": disk_bytes(path) / 2**20, "rss_mib": rss / 2**20}


def fts5_query(db, query):
    if not query:  # match-all: nothing to rank
        db.execute("SELECT count(*) FROM doc").fetchone()
        db.execute("SELECT rowid, title FROM doc ORDER BY rowid LIMIT 10").fetchall()
        return
    match = " OR ".join('"%s"' % w for w in query.split())  # any word, as newsdesk ranks
    db.execute("SELECT rowid, title FROM doc WHERE doc MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()


# --- one scale ----------------------------------------------------------------

def measure_scale(args, articles, queries, scale, tmp):
    work = os.path.join(tmp, "x%d" % scale)
    os.mkdir(work)
    archive = os.path.join(work, "reuters-x%d.jsonl" % scale)
    n = write_archive(articles, scale, archive)
    print("%dx: %d articles, %.0f MiB of JSON Lines in %s" % (scale, n, os.path.getsize(archive) / 2**20, archive),
          file=sys.stderr)
    nd_db, fts_db = os.path.join(work, "newsdesk"), os.path.join(work, "fts5.db")
    load = [os.getloadavg()[0]]
    nd, fts = newsdesk_index(args.index, archive, nd_db, work, n), fts5_index(archive, fts_db, work, n)
    peer = sqlite3.connect(fts_db)
    newsdesk_queries(args.search, nd_db, ["warm up"])  # neither side pays for the first read of its files
    fts5_query(peer, "warm up")
    for cls in CLASSES:
        engine, process = newsdesk_queries(args.search, nd_db, queries[cls])
        in_process = [timed_ms(lambda: fts5_query(peer, q)) for q in queries[cls]]
        for name, samples in (("engine", engine), ("process", process)):
            for p, v in percentiles(samples).items():
                nd["%s %s %s" % (cls, p, name)] = v
        for p, v in percentiles(in_process).items():
            fts["%s %s engine" % (cls, p)] = v
    peer.close()
    load.append(os.getloadavg()[0])
    if not args.keep:
        shutil.rmtree(work, True)  # 50x takes gigabytes: free them before the next scale
    return {"scale": scale, "articles": n, "load": load, "newsdesk": nd, "fts5": fts}


# --- tables -------------------------------------------------------------------

def metrics():
    """(key, label, format, FTS5 has it) of every figure, in table order."""
    rows = [("index_s", "index time (s)", "%.1f", True), ("rate", "articles/s", "{:,.0f}", True),
            ("size_mib", "size on disk (MiB)", "%.1f", True), ("rss_mib", "peak RSS (MiB)", "%.0f", True),
            ("rerun_s", "unchanged rerun (s)", "%.3f", False), ("rerun_pct", "rerun / first run (%)", "%.2f", False),
            ("rerun_rss_mib", "rerun peak RSS (MiB)", "%.0f", False)]
    for cls in CLASSES:
        for p in ("p50", "p99"):
            rows.append(("%s %s engine" % (cls, p), "%s %s (ms), engine" % (cls, p), "%.2f", True))
            rows.append(("%s %s process" % (cls, p), "%s %s (ms), whole process" % (cls, p), "%.2f", False))
    return rows


def fmt(form, value):
    if value is None:
        return "-"
    return form.format(value) if "{" in form else form % value


def ratio(a, b):
    return "%.2fx" % (a / b) if a is not None and b else "-"


def scale_table(r):
    print("\n### %dx Reuters-21578: %s articles (load average %.1f before, %.1f after)\n"
          % (r["scale"], "{:,}".format(r["articles"]), r["load"][0], r["load"][1]))
    print("| figure | newsdesk | FTS5 | newsdesk/FTS5 |\n|---|---:|---:|---:|")
    for key, label, form, peered in metrics():
        ours, theirs = r["newsdesk"].get(key), r["fts5"].get(key) if peered else None
        print("| %s | %s | %s | %s |" % (label, fmt(form, ours), fmt(form, theirs), ratio(ours, theirs)))


def summary_table(results):
    print("\n### Summary: newsdesk and FTS5 at every scale\n")
    head = " | ".join("%dx newsdesk | %dx FTS5 | %dx ratio" % ((r["scale"],) * 3) for r in results)
    print("| figure | %s |\n|---|%s" % (head, "---:|" * 3 * len(results)))
    print("| articles | %s |" % " | ".join("{0:,} | {0:,} | -".format(r["articles"]) for r in results))
    for key, label, form, peered in metrics():
        cells = []
        for r in results:
            ours, theirs = r["newsdesk"].get(key), r["fts5"].get(key) if peered else None
            cells += [fmt(form, ours), fmt(form, theirs), ratio(ours, theirs)]
        print("| %s | %s |" % (label, " | ".join(cells)))


def growth_table(results):
    """Each figure at one scale over the same figure at the scale before."""
    if len(results) < 2:
        return
    pairs = list(zip(results, results[1:]))
    print("\n### Growth from one scale to the next (figure at the larger scale / at the smaller)\n")
    head = " | ".join("%dx->%dx newsdesk | %dx->%dx FTS5" % (a["scale"], b["scale"], a["scale"], b["scale"])
                      for a, b in pairs)
    print("| figure | %s |\n|---|%s" % (head, "---:|" * 2 * len(pairs)))
    print("| articles | %s |" % " | ".join("%.2fx | %.2fx" % ((b["articles"] / a["articles"],) * 2) for a, b in pairs))
    for key, label, _, peered in metrics():
        cells = []
        for a, b in pairs:
            cells.append(ratio(b["newsdesk"].get(key), a["newsdesk"].get(key)))
            cells.append(ratio(b["fts5"].get(key), a["fts5"].get(key)) if peered else "-")
        print("| %s | %s |" % (label, " | ".join(cells)))


def targets(results):
    print("\n### Targets\n")
    for r in results:
        nd, s = r["newsdesk"], r["scale"]
        p99 = max(nd["%s p99 engine" % cls] for cls in CLASSES)
        lines = ["peak RSS %.0f MiB (target <= %d MiB: %s)" % (nd["rss_mib"], RSS_BOUND_MIB,
                                                                "met" if nd["rss_mib"] <= RSS_BOUND_MIB else "MISSED"),
                 "unchanged rerun %.2f%% of the first run (target <= %.0f%%: %s)" % (
                     nd["rerun_pct"], TARGET_RERUN_PCT, "met" if nd["rerun_pct"] <= TARGET_RERUN_PCT else "MISSED")]
        if s == TARGET_SCALE:
            lines.append("index %.1f s (target <= %.0f s: %s)" % (
                nd["index_s"], TARGET_INDEX_S, "met" if nd["index_s"] <= TARGET_INDEX_S else "MISSED"))
            lines.append("worst engine p99 %.2f ms (target <= %.0f ms: %s)" % (
                p99, TARGET_P99_MS, "met" if p99 <= TARGET_P99_MS else "MISSED"))
        else:
            lines.append("index %.1f s, worst engine p99 %.2f ms (their targets apply at %dx)" % (
                nd["index_s"], p99, TARGET_SCALE))
        print("- %dx: %s" % (s, "; ".join(lines)))


# --- main ---------------------------------------------------------------------

def parse_scales(text):
    scales = sorted({int(s) for s in text.split(",") if s.strip()})
    if not scales or scales[0] < 1:
        raise argparse.ArgumentTypeError("scales are positive whole numbers, e.g. 10,50")
    return scales


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reuters", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    ap.add_argument("--scales", type=parse_scales, default=[10, 50], help="copies of Reuters, e.g. 10,50 (1,2: quick)")
    ap.add_argument("--queries", type=int, default=200, help="queries of each class (default 200)")
    ap.add_argument("--keep", action="store_true", help="keep the archives and databases")
    ap.add_argument("--fts5-build", nargs=2, metavar=("ARCHIVE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fts5_build:
        fts5_build(*args.fts5_build)
        return 0
    if not os.path.exists(os.path.join(args.reuters, "reut2-000.sgm")):
        print("scale_bench: Reuters-21578 not found at %s; nothing to measure" % args.reuters)
        return 0
    if args.queries < 2:
        ap.error("--queries needs at least 2 (for percentiles)")
    args.index = os.path.join(args.build, "indexer", "newsdesk-index")
    args.search = os.path.join(args.build, "searcher", "newsdesk-search")
    for program in (args.index, args.search):
        if not os.access(program, os.X_OK):
            ap.error("%s not found: build newsdesk first (or give --build)" % program)
    articles = reuters_articles(args.reuters)
    queries = make_queries(articles, args.queries)
    tmp = tempfile.mkdtemp(prefix="newsdesk-scale-bench-")
    results = []
    try:
        print("# newsdesk vs SQLite FTS5 at %s copies of Reuters-21578, %s; %d queries of each class"
              % (", ".join(map(str, args.scales)), time.strftime("%Y-%m-%d %H:%M"), args.queries))
        for scale in args.scales:
            results.append(measure_scale(args, articles, queries, scale, tmp))
            scale_table(results[-1])
            sys.stdout.flush()
        summary_table(results)
        growth_table(results)
        targets(results)
    finally:
        if args.keep:
            print("\nkept the archives and databases in", tmp)
        else:
            shutil.rmtree(tmp, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
