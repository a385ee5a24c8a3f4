#!/usr/bin/env python3
"""Language detection measured on corpora of known language.

English (Reuters-21578, its stories written out as JSON Lines without a
language), Russian (the Telegram channels' exports) and German (10kGNAD) are
indexed by newsdesk-index, which detects each article's language, and the
language facet says what it found. Two ways:
  per file     each corpus as it is stored (a file's prevailing language is
               CLD2's hint for its short posts: what indexing an archive gives)
  per article  a sample of articles, each in a file of its own (CLD2 alone)
Prints, per corpus, the share detected as the expected language and what
the rest went to, and the cost of detection (Reuters indexed with and
without a "language" field).

Usage: scripts/bench/language_bench.py [--build DIR] [--shared DIR] [--sample N]
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import reuters_sgml  # noqa: E402


def reuters_files(reuters, directory, with_language=False):
    """Reuters as JSON Lines, 1,000 stories a file as in the distribution."""
    os.makedirs(directory)
    stories = [s for s in reuters_sgml.articles(reuters) if s["title"] or s["body"]]
    for start in range(0, len(stories), 1000):
        with open(os.path.join(directory, "reut-%03d.jsonl" % (start // 1000)), "w") as f:
            for s in stories[start:start + 1000]:
                record = {"id": s["id"], "title": s["title"], "body": s["body"]}
                if with_language:
                    record["language"] = "en"
                f.write(json.dumps(record) + "\n")
    return stories


def languages(build, db):
    out = subprocess.run([os.path.join(build, "searcher", "newsdesk-search"), "--db", db, "--format", "json",
                          "--limit", "0", "--facets", "language", "--facet-limit", "0"],
                         check=True, capture_output=True, text=True).stdout
    return {v["value"]: v["count"] for v in json.loads(out)["facets"]["language"]}


def index(build, db, inputs):
    """Seconds to index @p inputs; exit 1 (a record rejected) is no failure here."""
    start = time.perf_counter()
    p = subprocess.run([os.path.join(build, "indexer", "newsdesk-index"), "--db", db, "--quiet", "--entities=labels",
                        *inputs], stdout=subprocess.DEVNULL)
    if p.returncode not in (0, 1):
        raise SystemExit("language_bench: newsdesk-index failed on %s" % " ".join(inputs))
    return time.perf_counter() - start


def one_file_each(records, directory):
    """Each record as a JSON Lines file of its own: no file-level hint."""
    os.makedirs(directory)
    for i, r in enumerate(records):
        with open(os.path.join(directory, "a%05d.jsonl" % i), "w") as f:
            f.write(json.dumps(r) + "\n")


def report(name, expected, counts):
    total = sum(counts.values())
    right = counts.get(expected, 0)
    others = ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1]) if k != expected)
    print("  %-28s %6d articles  %5.1f%% %s  (others: %s)" % (name, total, 100.0 * right / max(total, 1), expected,
                                                               others or "none"))


def telegram_records(directory):
    records = []
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            data = json.load(f)
        for m in data if isinstance(data, list) else data.get("messages", []):
            text = m.get("text", "")
            if isinstance(text, list):
                text = "".join(t if isinstance(t, str) else t.get("text", "") for t in text)
            if text.strip():
                records.append({"id": "%s-%s" % (name, m.get("message_id")), "body": text})
    return records


def gnad_records(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            label, _, text = line.partition(";")
            if text.strip():
                records.append({"id": "gnad-%d" % i, "body": text.strip().strip("'")})
    return records


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "corpora"))
    ap.add_argument("--sample", type=int, default=2000)
    args = ap.parse_args()
    reuters = os.path.join(args.shared, "reuters21578")
    telegram = os.path.join(args.shared, "ru-telegram-news", "raw")
    gnad = os.path.join(args.shared, "de-10kgnad", "test.csv")
    missing = [p for p in (reuters, telegram, gnad) if not os.path.exists(p)]
    if missing:
        print("language_bench: corpora not found (%s); nothing to measure" % ", ".join(missing))
        return 0
    tmp = tempfile.mkdtemp(prefix="newsdesk-language-bench-")
    rng = random.Random(1987)
    try:
        stories = reuters_files(reuters, os.path.join(tmp, "en"))
        reuters_files(reuters, os.path.join(tmp, "en-labelled"), with_language=True)
        detecting = index(args.build, os.path.join(tmp, "db-en"), [os.path.join(tmp, "en")])
        labelled = index(args.build, os.path.join(tmp, "db-en-labelled"), [os.path.join(tmp, "en-labelled")])
        index(args.build, os.path.join(tmp, "db-ru"), [telegram])
        index(args.build, os.path.join(tmp, "db-de"), [gnad])
        print("Language detection (CLD2), per file: each corpus as stored")
        report("Reuters-21578 (English)", "en", languages(args.build, os.path.join(tmp, "db-en")))
        report("Telegram channels (Russian)", "ru", languages(args.build, os.path.join(tmp, "db-ru")))
        report("10kGNAD (German)", "de", languages(args.build, os.path.join(tmp, "db-de")))

        print("Per article: %d of each, one file each (CLD2 alone)" % args.sample)
        samples = {
            "en": [{"id": s["id"], "title": s["title"], "body": s["body"]}
                   for s in rng.sample(stories, min(args.sample, len(stories)))],
            "ru": rng.sample(telegram_records(telegram), args.sample),
            "de": rng.sample(gnad_records(gnad), min(args.sample, 1028)),
        }
        for code, name in (("en", "Reuters-21578 (English)"), ("ru", "Telegram channels (Russian)"),
                           ("de", "10kGNAD (German)")):
            one_file_each(samples[code], os.path.join(tmp, "single-" + code))
            index(args.build, os.path.join(tmp, "db-single-" + code), [os.path.join(tmp, "single-" + code)])
            report(name, code, languages(args.build, os.path.join(tmp, "db-single-" + code)))

        n = len(stories)
        print("Cost: Reuters indexed detecting %.2f s, with a language field %.2f s: detection adds %.1f%%"
              " (%.0f us an article)" % (detecting, labelled, 100 * (detecting - labelled) / labelled,
                                         1e6 * (detecting - labelled) / n))
    finally:
        shutil.rmtree(tmp, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
