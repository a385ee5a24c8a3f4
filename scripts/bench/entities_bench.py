#!/usr/bin/env python3
"""Score entity extraction against the Reuters-21578 editors' labels.

Every article is extracted with its labels ignored (as --entities=extract
does) and compared with its PLACES (at country level) and with its PEOPLE
and ORGS. A naive country-name matcher runs in the same pass as a baseline.
Prints micro-averaged precision, recall and F1, and articles per second.

Only predictions inside the Reuters vocabularies are scored: an actor the
editors had no code for (Hamas in 1987, say) is neither right nor wrong.

usage: entities_bench.py [--reuters DIR] [--build DIR] [--gazetteer DIR] [--limit N]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reuters_sgml  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Reuters (1987) place codes whose ISO 3166-1 name differs; the others are
# slugs of an iso-codes name. States that split since map from each heir.
REUTERS_TO_ISO = {
    "antigua": ["ag"], "brunei": ["bn"], "burma": ["mm"], "cape-verde": ["cv"],
    "czechoslovakia": ["cz", "sk", "czechoslovakia"], "east-germany": ["east-germany", "dd"],
    "ivory-coast": ["ci"], "kampuchea": ["kh"], "netherlands-antilles": ["cw", "sx", "bq", "an"],
    "swaziland": ["sz"], "trinidad-tobago": ["tt"], "turkey": ["tr"], "uae": ["ae"], "uk": ["gb"],
    "us-virgin-islands": ["vi"], "usa": ["us"], "vatican": ["va"], "western-samoa": ["ws"],
    "ussr": ["ussr", "ru", "ua", "by", "kz", "uz", "ge", "az", "am", "md", "lt", "lv", "ee", "kg", "tj", "tm"],
    "west-germany": ["west-germany", "de"], "yemen-arab-republic": ["ye"], "yemen-demo-republic": [],
    "yugoslavia": ["yugoslavia", "rs", "hr", "si", "ba", "mk", "me"], "zaire": ["cd", "zaire"],
}


def slug(text):
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


def iso_countries():
    data = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    return [(c["alpha_2"].lower(), [c[k] for k in ("name", "common_name", "official_name") if k in c])
            for c in data]


def iso_to_reuters(reuters_places):
    by_name = {slug(n): code for code, names in iso_countries() for n in names}
    out = {}
    for place in reuters_places:
        for iso in REUTERS_TO_ISO.get(place, [by_name.get(place)]):
            if iso:
                out[iso] = place
    return out


# --- Reuters SGML (reuters_sgml.py) -------------------------------------------

def reuters_articles(directory, limit):
    for i, a in enumerate(reuters_sgml.articles(directory)):
        if 0 < limit <= i:
            return
        yield {"id": a["id"], "title": a["title"], "dateline": a["dateline"], "body": a["body"],
               "places": set(a["places"]), "actors": set(a["people"]) | set(a["orgs"])}


# --- scoring -------------------------------------------------------------------

class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, predicted, gold):
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def line(self, name):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return "%-28s P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)" % (name, p, r, f, self.tp, self.fp, self.fn)


def naive_matcher(iso_map):
    """The baseline: every ISO 3166-1 name and every Reuters place name
    ("west-germany" -> "west germany"), case-insensitive, on word boundaries."""
    names = {n.lower(): iso_map[code] for code, ns in iso_countries() if code in iso_map for n in ns}
    names.update({p.replace("-", " "): p for p in set(iso_map.values())})
    rx = re.compile(r"\b(%s)\b" % "|".join(sorted(map(re.escape, names), key=len, reverse=True)), re.I)
    def match(article):
        text = " ".join((article["dateline"], article["title"], article["body"]))
        return {names[m.lower()] for m in rx.findall(text)}
    return match


def actor_codes(gazetteer, vocabulary):
    """Our actor value -> Reuters PEOPLE/ORGS code, by id, label or alias."""
    out = {}
    path = os.path.join(gazetteer, "actors.tsv")
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        keys = [f[0], f[1]] + (f[3].split("|") if len(f) > 3 else [])
        for key in map(slug, keys):
            if key in vocabulary:
                out[slug(f[0])] = key
                break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuters", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--gazetteer")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print N articles' misses")
    args = ap.parse_args()
    if not os.path.isdir(args.reuters):
        print("entities_bench: no Reuters corpus at %s" % args.reuters, file=sys.stderr)
        return 77
    gazetteer = args.gazetteer or os.path.join(args.build, "gazetteer")
    tool = os.path.join(args.build, "indexer", "newsdesk-entities")

    def vocab(name):
        return {l.strip() for l in open(os.path.join(args.reuters, name)) if l.strip()}
    places = vocab("all-places-strings.lc.txt")
    people_orgs = vocab("all-people-strings.lc.txt") | vocab("all-orgs-strings.lc.txt")
    iso_map = iso_to_reuters(places)
    actors_map = actor_codes(gazetteer, people_orgs)

    articles = list(reuters_articles(args.reuters, args.limit))
    feed = "".join(json.dumps({k: a[k] for k in ("id", "title", "dateline", "body")}) + "\n" for a in articles)
    start = time.monotonic()
    run = subprocess.run([tool, gazetteer], input=feed, capture_output=True, text=True, check=True)
    wall = time.monotonic() - start
    found = [json.loads(l) for l in run.stdout.splitlines()]

    ours, naive, actors = Score(), Score(), Score()
    match = naive_matcher(iso_map)
    naive_start = time.monotonic()
    shown = 0
    for article, result in zip(articles, found):
        predicted = {iso_map[v] if v in iso_map else v for v, _ in result["regions"]} & places
        ours.add(predicted, article["places"])
        if shown < args.show and predicted != article["places"]:
            shown += 1
            print("%s %r gold=%s ours=%s" % (article["id"], article["title"][:60], sorted(article["places"]), sorted(predicted)))
        naive.add(match(article), article["places"])
        actors.add({actors_map[v] for v, _ in result["actors"] if v in actors_map}, article["actors"])
    naive_wall = time.monotonic() - naive_start

    spent = float(re.search(r"in ([0-9.e+-]+) s", run.stderr).group(1))
    print("Reuters-21578: %d articles; gazetteer %s (%d Reuters actors covered of %d)"
          % (len(articles), gazetteer, len(set(actors_map.values())), len(people_orgs)))
    print(ours.line("PLACES newsdesk"))
    print(naive.line("PLACES naive country names"))
    print(actors.line("PEOPLE+ORGS newsdesk"))
    print("newsdesk extraction: %.0f articles/s (%.2f s extracting, %.2f s with JSON I/O); naive: %.0f articles/s"
          % (len(articles) / spent, spent, wall, len(articles) / naive_wall))
    return 0


if __name__ == "__main__":
    sys.exit(main())
