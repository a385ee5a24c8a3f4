#!/usr/bin/env python3
"""Ranking quality on Reuters-21578, with the editors' TOPICS as judgements.

Reuters has no query set with relevance judgements, but every story carries
the topics editors assigned it, and cat-descriptions_120396.txt names each
topic ("Money/Foreign Exchange (MONEY-FX)"). Each topic with at least 10
stories becomes a query (the words of its name) whose relevant documents are
the stories labelled with it: a judged collection of about 100 queries.

All systems get the same words, ORed, over the same articles (title and body):
  newsdesk   newsdesk-search (BM25, title weighted x3, libstemmer English)
  Xapian     stock Xapian: scriptindex index (Omega's defaults, Xapian's own
             English stemmer) searched with quest
  FTS5       SQLite FTS5, porter tokenizer, bm25() with default weights
Reported: mean P@10, MAP@100 and nDCG@10 per system, and newsdesk's ratios.

Usage: ranking_bench.py [--build DIR] [--reuters DIR]
"""
import argparse
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402
import scriptindex_peer  # noqa: E402

STOP = {"and", "of", "the", "for", "in", "other", "excluding", "a", "to", "on", "n", "e", "c"}
DEPTH = 100


def topic_queries(reuters_dir, stories):
    """code -> query words, for topics with at least 10 labelled stories."""
    text = open(os.path.join(reuters_dir, "cat-descriptions_120396.txt"), encoding="latin-1").read()
    text = text.split("@heading[Organization Codes")[0]
    counts = {}
    for s in stories:
        for t in s["topics"]:
            counts[t] = counts.get(t, 0) + 1
    queries = {}
    for m in re.finditer(r"^(.+?)\s*\(([A-Z0-9.-]+)\)\s*$", text, re.M):
        code = m.group(2).lower()
        words = [w for w in re.findall(r"[a-z]+", m.group(1).lower()) if w not in STOP]
        if counts.get(code, 0) >= 10 and words:
            queries[code] = words
    # Commodity codes are listed bare ("COCONUT-OIL"): the code's words are the query.
    for m in re.finditer(r"^([A-Z][A-Z0-9-]+)\s*$", text.split("**Commodity Codes")[-1], re.M):
        code = m.group(1).lower()
        if counts.get(code, 0) >= 10:
            queries[code] = [w for w in code.split("-") if w not in STOP]
    return queries


def run_newsdesk(search, db, words):
    p = subprocess.run([search, "--db", db, "--format", "jsonl", "--limit", str(DEPTH), "--facets", "",
                        "--", " OR ".join(words)], capture_output=True, text=True, check=True)
    return [json.loads(line)["id"] for line in p.stdout.splitlines()]


def run_quest(db, words):
    p = subprocess.run(["quest", "-d", db, "-m", str(DEPTH), "-s", "english", " OR ".join(words)],
                       capture_output=True, text=True, check=True)
    return re.findall(r"^id=(\S+)$", p.stdout, re.M)


def build_fts5(stories):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, tokenize='porter')")
    db.executemany("INSERT INTO a VALUES (?, ?, ?)", ((s["id"], s["title"], s["body"]) for s in stories))
    return db


def run_fts5(db, words):
    q = " OR ".join('"%s"' % w for w in words)
    return [r[0] for r in db.execute("SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT ?", (q, DEPTH))]


def scores(ranked, relevant):
    hits = [1 if d in relevant else 0 for d in ranked[:DEPTH]]
    p10 = sum(hits[:10]) / 10.0
    found, ap = 0, 0.0
    for i, h in enumerate(hits):
        if h:
            found += 1
            ap += found / (i + 1.0)
    ap /= min(len(relevant), DEPTH)
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits[:10]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return p10, ap, dcg / ideal


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reuters", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.reuters, "reut2-000.sgm")):
        print("ranking_bench: Reuters-21578 not found at %s; nothing to measure" % args.reuters)
        return 0
    stories = list(reuters_sgml.articles(args.reuters))
    queries = topic_queries(args.reuters, stories)
    relevant = {code: {s["id"] for s in stories if code in s["topics"]} for code in queries}
    tmp = tempfile.mkdtemp(prefix="newsdesk-ranking-")
    try:
        ours = os.path.join(tmp, "newsdesk")
        subprocess.run([os.path.join(args.build, "indexer", "newsdesk-index"), "--db", ours, "--quiet",
                        args.reuters], check=True)
        dump, script, xdb = (os.path.join(tmp, n) for n in ("dump", "script", "xapian"))
        scriptindex_peer.write_dump(args.reuters, dump)
        with open(script, "w") as f:
            f.write(scriptindex_peer.INDEX_SCRIPT)
        subprocess.run(["scriptindex", xdb, script, dump], check=True, stdout=subprocess.DEVNULL)
        fts = build_fts5(stories)
        search = os.path.join(args.build, "searcher", "newsdesk-search")
        systems = {"newsdesk": lambda w: run_newsdesk(search, ours, w),
                   "Xapian (quest)": lambda w: run_quest(xdb, w),
                   "FTS5": lambda w: run_fts5(fts, w)}
        results = {}
        for name, run in systems.items():
            per = [scores(run(queries[c]), relevant[c]) for c in sorted(queries)]
            results[name] = [sum(x[i] for x in per) / len(per) for i in range(3)]
        print("Ranking on Reuters-21578: %d topic queries, judgements = editors' TOPICS" % len(queries))
        print("  %-16s %7s %9s %9s" % ("system", "P@10", "MAP@100", "nDCG@10"))
        for name, (p10, mapv, ndcg) in results.items():
            print("  %-16s %7.3f %9.3f %9.3f" % (name, p10, mapv, ndcg))
        ours_r = results["newsdesk"]
        for peer in ("Xapian (quest)", "FTS5"):
            print("  newsdesk / %-14s P@10 %.2fx  MAP %.2fx  nDCG %.2fx" % (
                peer, ours_r[0] / results[peer][0], ours_r[1] / results[peer][1], ours_r[2] / results[peer][2]))
    finally:
        shutil.rmtree(tmp, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
