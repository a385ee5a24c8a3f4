#!/usr/bin/env python3
"""Ranking quality on Reuters-21578: three evaluations, three systems.

Reuters has no query set with relevance judgements, so three are made here:
  (a) topics      every topic with at least 10 stories is a query (the words
                  of its name in cat-descriptions_120396.txt, "Money/Foreign
                  Exchange (MONEY-FX)" -> money foreign exchange), judged by
                  the editors' TOPICS labels: about 70 queries.
  (b) questions   natural questions and requests, as an analyst types them
                  ("why did the dollar fall against the yen"), from
                  ranking_questions.tsv; each is judged by one topic's stories.
  (c) known item  500 stories drawn at random (random.Random(1987)) among
                  those whose body has at least 40 words; the query is 4 to 8
                  words of the story's own body (a random contiguous stretch,
                  keeping alphabetic words of 3+ letters that are neither
                  stopwords nor title words); the one relevant document is
                  that story.

The same three systems, built once per run over the same articles (title and
body), answer every evaluation:
  newsdesk   newsdesk-index + newsdesk-search, given the words as a user types
             them, separated by spaces (its own --match decides what to do
             with a long query); --newsdesk-arg adds options, for ablations
  Xapian     stock Xapian: scriptindex index (Omega's defaults, Xapian's own
             English stemmer) searched with quest, default settings (its
             default operator is OR), given the same words
  FTS5       SQLite FTS5, porter tokenizer, ORDER BY bm25(), given the words
             quoted and ORed (FTS5's implicit AND would find nothing for a
             question; OR is its plain way to take free text)
Every query's words are lowercased with punctuation ('?', apostrophes, dots)
stripped the same way for all three. Ranking depth is 100; a query that
returns nothing scores 0.

Reported per evaluation and system: MAP@100, nDCG@10, P@10, MRR (and
success@10 for (c)), the queries that returned nothing, newsdesk's ratio to
each peer on MAP and nDCG@10, and whether newsdesk beats both peers on both.

Usage: ranking_bench.py [--build DIR] [--reuters DIR] [--only a,b,c]
                        [--json FILE] [--newsdesk-arg=ARG ...]
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402
import scriptindex_peer  # noqa: E402

DEPTH = 100
MIN_STORIES = 10
QUESTIONS = os.path.join(HERE, "ranking_questions.tsv")
EVALUATIONS = {"a": "topic queries, judged by the editors' TOPICS",
               "b": "questions in plain language, judged by one topic each",
               "c": "known-item search, words from the story's own body"}
# Words of topic names that are not worth a query word.
NAME_STOP = {"and", "of", "the", "for", "in", "other", "excluding", "a", "to", "on", "n", "e", "c"}
# Known-item queries: a small English stopword list, plus Reuters' sign-off.
STOPWORDS = set("""a about after all also an and any are as at be been but by can could did do
does for from had has have he her his how i if in into is it its last more most new not of on
one or other our out over said say says she so some than that the their them then there these
they this those to two up was we were what when which while who will with would year you
reuter""".split())
KNOWN_ITEMS, KNOWN_SEED, KNOWN_MIN_WORDS, KNOWN_K = 500, 1987, 40, (4, 8)
PEERS = ("Xapian (quest)", "FTS5")


def query_words(text):
    """The words of a typed query: lowercase, apostrophes and dots dropped
    (china's -> chinas, u.s. -> us), any other punctuation a separator."""
    text = re.sub(r"['\u2019.]", "", text.lower())
    return re.findall(r"[a-z0-9]+", text)


def topic_counts(stories):
    counts = {}
    for s in stories:
        for t in s["topics"]:
            counts[t] = counts.get(t, 0) + 1
    return counts


def topic_queries(reuters_dir, counts):
    """(a): code -> query words, for topics with at least MIN_STORIES stories."""
    text = open(os.path.join(reuters_dir, "cat-descriptions_120396.txt"), encoding="latin-1").read()
    text = text.split("@heading[Organization Codes")[0]
    queries = {}
    for m in re.finditer(r"^(.+?)\s*\(([A-Z0-9.-]+)\)\s*$", text, re.M):
        code = m.group(2).lower()
        words = [w for w in query_words(m.group(1)) if w not in NAME_STOP]
        if counts.get(code, 0) >= MIN_STORIES and words:
            queries[code] = words
    # Commodity codes are listed bare ("COCONUT-OIL"): the code's words are the query.
    for m in re.finditer(r"^([A-Z][A-Z0-9-]+)\s*$", text.split("**Commodity Codes")[-1], re.M):
        code = m.group(1).lower()
        if counts.get(code, 0) >= MIN_STORIES:
            queries[code] = [w for w in code.split("-") if w not in NAME_STOP]
    return queries


def topic_evaluation(reuters_dir, stories, counts):
    queries = topic_queries(reuters_dir, counts)
    return [(code, queries[code], labelled(stories, code)) for code in sorted(queries)]


def labelled(stories, topic):
    return {s["id"] for s in stories if topic in s["topics"]}


def question_evaluation(path, stories, counts):
    """(b): one query per line of @p path (topic<TAB>question)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            topic, question = line.rstrip("\n").split("\t")
            if counts.get(topic, 0) < MIN_STORIES:
                sys.exit("%s:%d: topic '%s' has fewer than %d stories" % (path, n, topic, MIN_STORIES))
            out.append((question, query_words(question), labelled(stories, topic)))
    return out


def known_item_words(story, rng):
    """k words of the story's body, from a random contiguous stretch of it."""
    k = rng.randint(*KNOWN_K)
    tokens = story["body"].split()
    start = rng.randrange(len(tokens))
    title = set(query_words(story["title"]))
    usable = []  # (position, word) of the body's words a query may take
    for i, token in enumerate(tokens):
        w = token.strip(string.punctuation).lower()
        if w.isascii() and w.isalpha() and len(w) >= 3 and w not in STOPWORDS and w not in title:
            usable.append((i, w))
    first = next((j for j, (i, _) in enumerate(usable) if i >= start), len(usable))
    # Take k distinct words from the start on; short of k near the end, the
    # stretch slides back towards the beginning of the body.
    while True:
        words = list(dict.fromkeys(w for _, w in usable[first:]))[:k]
        if len(words) >= k or first == 0:
            return words
        first -= 1


def known_item_evaluation(stories):
    """(c): KNOWN_ITEMS stories, each to be found by words of its own body."""
    rng = random.Random(KNOWN_SEED)
    pool = [s for s in stories if len(s["body"].split()) >= KNOWN_MIN_WORDS]
    return [(s["id"], known_item_words(s, rng), {s["id"]}) for s in rng.sample(pool, KNOWN_ITEMS)]


class Failures:
    """Queries a command-line system rejected: scored as empty, but counted."""

    def __init__(self):
        self.count, self.first = 0, ""

    def note(self, proc, query):
        if proc.returncode not in (0, 2):  # 2 is a rejected query; anything else is broken
            raise RuntimeError("%s failed (%d): %s" % (proc.args[0], proc.returncode, proc.stderr.strip()))
        self.count += 1
        self.first = self.first or "%r: %s" % (query, proc.stderr.strip())


def run_newsdesk(search, db, extra, words, failures):
    query = " ".join(words)
    p = subprocess.run([search, "--db", db, "--format", "jsonl", "--limit", str(DEPTH), "--facets", ""]
                       + extra + ["--", query], capture_output=True, text=True)
    if p.returncode != 0:
        failures.note(p, query)
        return []
    return [json.loads(line)["id"] for line in p.stdout.splitlines()]


def check_newsdesk(search, db, extra):
    """Stop at once if newsdesk-search refuses the options (say, an unknown
    --newsdesk-arg), rather than score every query 0."""
    p = subprocess.run([search, "--db", db, "--format", "jsonl", "--limit", "1", "--facets", ""] + extra
                       + ["--", "oil"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("ranking_bench: newsdesk-search %s fails: %s" % (" ".join(extra), p.stderr.strip()))


def run_quest(db, words, failures):
    query = " ".join(words)
    p = subprocess.run(["quest", "-d", db, "-m", str(DEPTH), query], capture_output=True, text=True)
    if p.returncode != 0:
        failures.note(p, query)
        return []
    return re.findall(r"^id=(\S+)$", p.stdout, re.M)


def build_fts5(stories):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, tokenize='porter')")
    db.executemany("INSERT INTO a VALUES (?, ?, ?)", ((s["id"], s["title"], s["body"]) for s in stories))
    return db


def run_fts5(db, words):
    if not words:
        return []
    q = " OR ".join('"%s"' % w for w in words)
    return [r[0] for r in db.execute("SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT ?", (q, DEPTH))]


def missing_tools(build):
    tools = [os.path.join(build, "indexer", "newsdesk-index"), os.path.join(build, "searcher", "newsdesk-search")]
    return [t for t in tools if not os.access(t, os.X_OK)] + [t for t in ("scriptindex", "quest")
                                                              if not shutil.which(t)]


def build_systems(args, stories, tmp):
    """Index the corpus for the three systems; name -> (words -> ranked ids)."""
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
    check_newsdesk(search, ours, args.newsdesk_arg)
    failures = {"newsdesk": Failures(), "Xapian (quest)": Failures()}
    systems = {"newsdesk": lambda w: run_newsdesk(search, ours, args.newsdesk_arg, w, failures["newsdesk"]),
               "Xapian (quest)": lambda w: run_quest(xdb, w, failures["Xapian (quest)"]),
               "FTS5": lambda w: run_fts5(fts, w)}
    return systems, failures


def scores(ranked, relevant):
    """P@10, AP@100, nDCG@10, reciprocal rank and success@10 of one ranking."""
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
    rr = 1.0 / (hits.index(1) + 1) if 1 in hits else 0.0
    return {"p10": p10, "map": ap, "ndcg10": dcg / ideal, "mrr": rr, "success10": 1.0 if 1 in hits[:10] else 0.0}


def evaluate(run, queries):
    """Mean figures of one system over (label, words, relevant) queries."""
    total = dict.fromkeys(("map", "ndcg10", "p10", "mrr", "success10"), 0.0)
    empty = 0
    for _, words, relevant in queries:
        ranked = run(words) if words else []
        empty += not ranked
        for key, value in scores(ranked, relevant).items():
            total[key] += value
    means = {key: value / len(queries) for key, value in total.items()}
    means["empty"] = empty
    return means


def ratio(ours, peer):
    return ours / peer if peer else None


def compare(results):
    """newsdesk's ratios to each peer, and whether it beats both on MAP and nDCG@10."""
    ours = results["newsdesk"]
    ratios = {peer: {m: ratio(ours[m], results[peer][m]) for m in ("map", "ndcg10")} for peer in PEERS}
    beats = all(ours[m] > results[peer][m] for peer in PEERS for m in ("map", "ndcg10"))
    return ratios, beats


def report(key, queries, results, ratios, beats):
    print("(%s) %s: %d queries, depth %d" % (key, EVALUATIONS[key], len(queries), DEPTH))
    extra = key == "c"
    print("  %-16s %8s %8s %6s %6s%s %6s" % ("system", "MAP@100", "nDCG@10", "P@10", "MRR",
                                             " %6s" % "S@10" if extra else "", "empty"))
    for name, r in results.items():
        print("  %-16s %8.3f %8.3f %6.3f %6.3f%s %6d" % (name, r["map"], r["ndcg10"], r["p10"], r["mrr"],
                                                         " %6.3f" % r["success10"] if extra else "", r["empty"]))
    fmt = lambda x: "%.2fx" % x if x is not None else "n/a"  # noqa: E731
    for peer in PEERS:
        print("  newsdesk / %-14s MAP %s  nDCG@10 %s" % (peer, fmt(ratios[peer]["map"]), fmt(ratios[peer]["ndcg10"])))
    print("  newsdesk beats both peers on MAP and nDCG@10: %s" % ("yes" if beats else "no"))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reuters", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    ap.add_argument("--only", default="a,b,c", help="evaluations to run, comma-separated from a,b,c")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    ap.add_argument("--newsdesk-arg", metavar="ARG", action="append", default=[],
                    help="pass ARG to every newsdesk-search call (repeatable; --newsdesk-arg=--match=any)")
    args = ap.parse_args()
    args.only = [k for k in args.only.split(",") if k]
    if not args.only or any(k not in EVALUATIONS for k in args.only):
        ap.error("--only takes a comma-separated list from a,b,c")
    return args


def main():
    args = parse_args()
    if not os.path.exists(os.path.join(args.reuters, "reut2-000.sgm")):
        print("ranking_bench: Reuters-21578 not found at %s; nothing to measure" % args.reuters)
        return 0
    missing = missing_tools(args.build)
    if missing:
        sys.exit("ranking_bench: missing %s (build newsdesk; install xapian-omega and xapian-tools)"
                 % ", ".join(missing))
    stories = list(reuters_sgml.articles(args.reuters))
    counts = topic_counts(stories)
    makers = {"a": lambda: topic_evaluation(args.reuters, stories, counts),
              "b": lambda: question_evaluation(QUESTIONS, stories, counts),
              "c": lambda: known_item_evaluation(stories)}
    evaluations = {key: makers[key]() for key in sorted(args.only)}
    tmp = tempfile.mkdtemp(prefix="newsdesk-ranking-")
    figures = {"depth": DEPTH, "newsdesk_args": args.newsdesk_arg, "evaluations": {}}
    try:
        systems, failures = build_systems(args, stories, tmp)
        print("Ranking on Reuters-21578 (%d articles)%s" % (
            len(stories), "; newsdesk-search " + " ".join(args.newsdesk_arg) if args.newsdesk_arg else ""))
        for key, queries in evaluations.items():
            results = {name: evaluate(run, queries) for name, run in systems.items()}
            ratios, beats = compare(results)
            report(key, queries, results, ratios, beats)
            figures["evaluations"][key] = {"name": EVALUATIONS[key], "queries": len(queries), "systems": results,
                                           "newsdesk_ratio": ratios, "newsdesk_beats_both": beats}
        for name, f in failures.items():
            if f.count:
                print("  %s rejected %d queries (scored 0), first %s" % (name, f.count, f.first))
        figures["rejected"] = {name: f.count for name, f in failures.items()}
    finally:
        shutil.rmtree(tmp, True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
