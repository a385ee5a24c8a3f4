#!/usr/bin/env python3
"""Story clusters' precision, judged by reading: Reuters-21578 and the Telegram channels.

newsdesk-index puts near-duplicate articles (the same story re-sent,
corrected, expanded or syndicated) in one story cluster, and the searcher
shows each cluster as one hit with the others "similar". What a reader sees
is each article listed under its cluster's first one, so the pairs judged are
(an article, the first article of its cluster by id): 200 of them per
corpus, drawn at random with a fixed seed.

Each pair was read and judged "same" (one story, told again) or "different"
(another story, however alike); the verdicts are in
cluster_judgments.tsv (corpus, id, id of the cluster's first article,
verdict; ids only). Precision is the share of "same" among the judged
pairs that the current build still clusters. Pairs sampled but not judged
yet (after a change to the clustering) are listed with --show, with their
texts, for reading; add their verdicts to the file.

Usage: scripts/bench/cluster_bench.py [--build DIR] [--reuters DIR] [--telegram DIR]
                                      [--pairs 200] [--show FILE]
"""
import argparse
import collections
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.join(ROOT, "..", "shared", "corpora")
JUDGMENTS = os.path.join(HERE, "cluster_judgments.tsv")
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402


def reuters_texts(directory):
    return {a["id"]: (a["date"], a["title"] + "\n" + a["body"]) for a in reuters_sgml.articles(directory)}


def telegram_texts(directory):
    """Posts by newsdesk's id for them: the export file's number, '-', the message id."""
    texts = {}
    for path in sorted(glob.glob(os.path.join(directory, "raw", "*.json"))):
        channel = os.path.basename(path).split("_")[0]
        with open(path, encoding="utf-8") as f:
            for m in json.load(f):
                text = m.get("text") or ""
                if isinstance(text, list):
                    text = "".join(t if isinstance(t, str) else t.get("text", "") for t in text)
                texts["%s-%s" % (channel, m["message_id"])] = (m.get("date", ""), text)
    return texts


def clusters(search, db):
    """Cluster key -> its articles' ids, from every article listed uncollapsed."""
    members = collections.defaultdict(list)
    offset = 0
    while True:
        out = subprocess.run([search, "--db", db, "--format", "tsv", "--no-collapse", "--facets", "", "--limit", "10000",
                              "--offset", str(offset), ""], check=True, capture_output=True, text=True).stdout
        rows = out.splitlines()
        header = rows[0].split("\t")
        for row in rows[1:]:
            fields = dict(zip(header, row.split("\t")))
            if fields.get("cluster"):
                members[fields["cluster"]].append(fields["id"])
        if len(rows) - 1 < 10000:
            return members
        offset += 10000


def sample_pairs(members, n, seed):
    """(article, its cluster's first article) pairs, @p n of them at random."""
    pairs = []
    for ids in members.values():
        ids = sorted(ids)
        pairs += [(other, ids[0]) for other in ids[1:]]
    pairs.sort()
    return random.Random(seed).sample(pairs, min(n, len(pairs)))


def load_judgments():
    verdicts = {}
    if os.path.exists(JUDGMENTS):
        with open(JUDGMENTS, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                corpus, a, b, verdict = line.rstrip("\n").split("\t")[:4]
                verdicts[(corpus, a, b)] = verdict
    return verdicts


def measure(name, corpus_dir, texts_of, args, tmp, show):
    if not os.path.isdir(corpus_dir):
        print("%s: not found at %s; skipped" % (name, corpus_dir))
        return None
    index = os.path.join(args.build, "indexer", "newsdesk-index")
    search = os.path.join(args.build, "searcher", "newsdesk-search")
    db = os.path.join(tmp, name)
    subprocess.run([index, "--db", db, "--quiet", corpus_dir], check=True, stdout=subprocess.DEVNULL)
    members = clusters(search, db)
    pairs = sample_pairs(members, args.pairs, seed=1987)
    verdicts = load_judgments()
    judged = [verdicts[(name, a, b)] for a, b in pairs if (name, a, b) in verdicts]
    unjudged = [(a, b) for a, b in pairs if (name, a, b) not in verdicts]
    sizes = collections.Counter(len(ids) for ids in members.values())
    same = judged.count("same")
    print("%s: %d clusters holding %d articles (sizes: %s)" % (
        name, len(members), sum(len(ids) for ids in members.values()),
        ", ".join("%d x%d" % (n, k) for k, n in sorted(sizes.items()))))
    if judged:
        print("  precision %.3f: %d of %d judged pairs are the same story (%d sampled, %d not judged)" % (
            same / len(judged), same, len(judged), len(pairs), len(unjudged)))
    if unjudged and show:
        texts = texts_of(corpus_dir)
        for a, b in unjudged:
            show.write("%s\t%s\t%s\n" % (name, a, b))
            for i in (a, b):
                date, text = texts.get(i, ("?", "(not found)"))
                show.write("  [%s %s] %s\n" % (i, date, " ".join(text.split())[:1500]))
            show.write("\n")
    return same, len(judged)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reuters", default=os.path.join(SHARED, "reuters21578"))
    ap.add_argument("--telegram", default=os.path.join(SHARED, "ru-telegram-news"))
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--show", help="write the sampled pairs not judged yet, with their texts, to this file")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="newsdesk-clusters-")
    show = open(args.show, "w", encoding="utf-8") if args.show else None
    try:
        measure("reuters", args.reuters, reuters_texts, args, tmp, show)
        measure("telegram", args.telegram, telegram_texts, args, tmp, show)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if show:
            show.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
