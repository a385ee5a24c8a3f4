"""newsdesk-search on the whole Reuters-21578 index: facet counts equal the editors' labels.

The expected counts are computed here, straight from the SGML, independently
of the indexer's reader. Skipped when the distribution is absent.
"""
import collections
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

import ndtest
from ndtest import INDEX, SEARCH, index, search_json

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def slug(code):
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def labels(tag, story):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), story, re.S)
    return {slug(code) for code in re.findall(r"<D>(.*?)</D>", m.group(1) if m else "", re.S)}


def month(story):
    m = re.search(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})", story)
    return "%s-%02d" % (m.group(3), MONTHS[m.group(2)]) if m and m.group(2) in MONTHS else None


def expected_counts():
    """Per facet, code -> number of stories carrying it; and under "stories", each story's codes."""
    counts = {f: collections.Counter() for f in ("region", "actor", "topic", "date")}
    counts["stories"] = {"region": [], "actor": []}  # each story's codes
    for path in sorted(glob.glob(os.path.join(ndtest.REUTERS_DIR, "reut2-*.sgm"))):
        with open(path, encoding="latin-1") as f:
            for story in re.findall(r"<REUTERS[^>]*>(.*?)</REUTERS>", f.read(), re.S):
                counts["region"].update(labels("PLACES", story))
                counts["actor"].update(labels("PEOPLE", story) | labels("ORGS", story))
                counts["stories"]["region"].append(labels("PLACES", story))
                counts["stories"]["actor"].append(labels("PEOPLE", story) | labels("ORGS", story))
                counts["topic"].update(labels("TOPICS", story))
                if month(story):
                    counts["date"][month(story)] += 1
    return counts


DB = None


def setUpModule():
    global DB, _tmp
    if not ndtest.reuters_available():
        return
    _tmp = tempfile.mkdtemp(prefix="newsdesk-search-reuters-")
    DB = os.path.join(_tmp, "db")
    index(DB, ndtest.REUTERS_DIR, check=True, extra=("--quiet",))


def tearDownModule():
    if DB:
        shutil.rmtree(_tmp, True)


def facet_counts(result, facet):
    return {v["value"]: v["count"] for v in result["facets"][facet]}


class ReutersFacetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.expected = expected_counts() if ndtest.reuters_available() else None

    def setUp(self):
        ndtest.require_reuters(self)

    def match_all(self, *args):
        return search_json(DB, "--limit", "0", "--facets", "actor,region,topic,date", "--facet-limit", "0", *args)

    def canonical(self, facet):
        """The editors' counts under the values the database gives their codes
        (the gazetteer's ids: "usa" is "us"), each story once per value."""
        if facet in ("topic", "date"):
            return dict(self.expected[facet])
        ids = ndtest.resolved_values(DB, facet, self.expected[facet])
        counts = collections.Counter()
        for codes in self.expected["stories"][facet]:
            counts.update({ids[c] for c in codes})
        return dict(counts)

    def test_match_all_counts_equal_the_editors_labels(self):
        r = self.match_all()
        self.assertEqual(r["total"], {"estimate": 21578, "lower": 21578, "upper": 21578})
        for facet in ("region", "actor", "topic", "date"):
            got, want = facet_counts(r, facet), self.canonical(facet)
            missing = {k: v for k, v in want.items() if got.get(k) != v}
            extra = {k: v for k, v in got.items() if k not in want}
            self.assertEqual((missing, extra), ({}, {}), "%s: expected (value: count) differ; got extra" % facet)

    def test_top_region_filter_returns_exactly_its_count(self):
        top, count = collections.Counter(self.canonical("region")).most_common(1)[0]
        r = search_json(DB, "--region", top, "--limit", "0")
        self.assertEqual(r["total"], {"estimate": count, "lower": count, "upper": count})
        # Multi-select: the region facet under its own filter still counts every region.
        self.assertEqual(facet_counts(r, "region")[top], count)
        self.assertEqual(r["facets"]["region"][0]["value"], top)
        self.assertGreater(len(r["facets"]["region"]), 1)

    def test_labels_come_from_the_category_descriptions(self):
        r = search_json(DB, "--limit", "0", "--facets", "region,actor", "--facet-limit", "0")
        regions = {v["value"]: v["label"] for v in r["facets"]["region"]}
        actors = {v["value"]: v["label"] for v in r["facets"]["actor"]}
        self.assertEqual(regions["west-germany"], "West Germany")
        self.assertEqual(actors["james-baker"], "James Baker")

    def test_a_search_with_facets_runs_within_the_time_limit(self):
        r = search_json(DB, "oil", "prices", "--time-limit", "5")
        self.assertGreater(r["total"]["estimate"], 100)
        self.assertTrue(all("<mark>" in h["snippet"] for h in r["results"]))


class ArchiveOfThenAndNowTest(unittest.TestCase):
    """Reuters of 1987 beside the sample's articles of today: one region is one
    value, whichever id space its articles came from (Reuters "usa", feeds'
    "United States", extraction's "us")."""

    @classmethod
    def setUpClass(cls):
        if not ndtest.reuters_available():
            return
        cls.tmp = tempfile.mkdtemp(prefix="newsdesk-then-and-now-")
        cls.both = os.path.join(cls.tmp, "both")
        cls.sample = os.path.join(cls.tmp, "sample")
        corpus = os.path.join(ndtest.SOURCE_DIR, "corpus", "sample")
        index(cls.both, corpus, ndtest.REUTERS_DIR, check=True, extra=("--quiet",))
        index(cls.sample, corpus, check=True, extra=("--quiet",))

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, True)

    def setUp(self):
        ndtest.require_reuters(self)

    @staticmethod
    def count(db, *args):
        return search_json(db, *args, "--limit", "0", "--facets", "")["total"]["estimate"]

    def test_us_counts_reuters_usa_and_todays_united_states(self):
        reuters_usa = expected_counts()["region"]["usa"]
        sample_us = self.count(self.sample, "--region", "us")
        self.assertGreater(sample_us, 0)
        want = reuters_usa + sample_us
        self.assertEqual(self.count(self.both, "--region", "us"), want)
        self.assertEqual(self.count(self.both, "--region", "United States"), want)
        self.assertEqual(self.count(self.both, "region:usa"), want)
        self.assertEqual(self.count(self.both, "--region", "usa"), want)

    def test_the_region_facet_names_each_country_once(self):
        r = search_json(self.both, "--limit", "0", "--facets", "region", "--facet-limit", "0")
        labels = [v["label"] for v in r["facets"]["region"]]
        self.assertEqual(len(labels), len(set(labels)), sorted(labels))
        values = {v["value"] for v in r["facets"]["region"]}
        for old, new in (("usa", "us"), ("uk", "gb"), ("russia", "ru"), ("japan", "jp")):
            self.assertNotIn(old, values)
            self.assertIn(new, values)


class ReutersFreshTest(unittest.TestCase):
    """--sort fresh on Reuters "as of" 20 October 1987, its last day: relevance
    times 0.5^(age / half-life), exact, explained."""

    AS_OF = ("--now", "1987-10-20", "--facets", "")

    def setUp(self):
        ndtest.require_reuters(self)

    def test_newer_matching_stories_move_up(self):
        for query in ("oil prices", "trade deficit", "gold"):
            relevance = search_json(DB, *self.AS_OF, query)
            fresh = search_json(DB, *self.AS_OF, "--sort", "fresh", "--explain", query)
            self.assertEqual(fresh["total"], relevance["total"], query)  # the same matches, ordered otherwise
            median = lambda hits: sorted(h["date"] for h in hits)[len(hits) // 2]
            self.assertGreater(median(fresh["results"]), median(relevance["results"]), query)
            self.assertTrue(all(h["date"] >= "1987-10-01" for h in fresh["results"]),
                            "%s: %s" % (query, [h["date"] for h in fresh["results"]]))
            scores = [h["score"] for h in fresh["results"]]
            self.assertEqual(scores, sorted(scores, reverse=True), query)
            for hit in fresh["results"]:
                decay = hit["explain"]["decay"]
                self.assertAlmostEqual(decay["factor"], 0.5 ** (decay["age_days"] / 7), places=12)
                self.assertAlmostEqual(hit["score"], hit["explain"]["score"] * decay["factor"], places=9)

    def test_a_page_is_exactly_the_top_of_every_match_re_ranked(self):
        # A deep enough page re-ranks every match: the first ten must be the same.
        for query, half_life in (("oil prices", "7d"), ("trade deficit", "30d"), ("gold", "1y"), ("japan", "12h")):
            args = (*self.AS_OF, "--sort", "fresh", "--half-life", half_life, query)
            everything = search_json(DB, *args, "--limit", "10000")
            self.assertLess(everything["ranked"], 10000 * 3, query)
            top = search_json(DB, *args)
            self.assertEqual([h["id"] for h in top["results"]], [h["id"] for h in everything["results"][:10]],
                             "%s, half-life %s" % (query, half_life))
            second = search_json(DB, *args, "--offset", "10")
            self.assertEqual([h["id"] for h in second["results"]], [h["id"] for h in everything["results"][10:20]])

    def test_a_long_half_life_is_relevance(self):
        relevance = search_json(DB, *self.AS_OF, "grain exports")
        fresh = search_json(DB, *self.AS_OF, "--sort", "fresh", "--half-life", "100y", "grain exports")
        self.assertEqual([h["id"] for h in fresh["results"]], [h["id"] for h in relevance["results"]])

    def test_relative_dates_as_of_then(self):
        # Counted (a facet asked for), so the totals are exact.
        as_of = ("--now", "1987-10-20", "--facets", "date", "--limit", "0")
        week = search_json(DB, *as_of, "--from", "-7d")
        self.assertEqual(week["date_range"]["from"], "1987-10-13T00:00:00")
        in_query = search_json(DB, *as_of, "date:7d")
        self.assertEqual(in_query["total"], week["total"])
        self.assertGreater(week["total"]["estimate"], 0)
        october = search_json(DB, *as_of, "date:this-month")["total"]["estimate"]
        self.assertEqual(october, expected_counts()["date"]["1987-10"])


QUESTIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "bench",
                         "ranking_questions.tsv")


class ReutersStoryTest(unittest.TestCase):
    """Story clusters on Reuters: stories the wire sent again collapse into
    one hit; stories on the same topic, or the same report on another day, do not."""

    # (query, the two articles): a re-send hours later, a corrected version,
    # a fuller take, an overnight repeat.
    REPEATS = (("deaver indicted perjury", "reuters-6950", "reuters-7044"),
               ("bankamerica negotiating sale units", "reuters-505", "reuters-550"),
               ("first chicago wood gundy stake", "reuters-19597", "reuters-19605"),
               ("india world bank loan assam", "reuters-4600", "reuters-4604"))
    # Alike, but other stories: another bank's identical cut the same morning,
    # next week's identical statement.
    APART = (("prime rate cut 9.25", "reuters-20145", "reuters-20153"),
             ("bank of france leaves intervention rate unchanged", "reuters-12501", "reuters-15550"))

    def setUp(self):
        ndtest.require_reuters(self)

    def hits(self, query, *args):
        return {h["id"]: h for h in search_json(DB, "--facets", "", "--limit", "50", *args, query)["results"]}

    def test_known_repeats_collapse_into_one_hit(self):
        for query, a, b in self.REPEATS:
            every = self.hits(query, "--no-collapse")
            self.assertIn(a, every, query)
            self.assertIn(b, every, query)
            self.assertTrue(every[a].get("cluster"), query)
            self.assertEqual(every[a]["cluster"], every[b]["cluster"], query)
            collapsed = self.hits(query)
            shown = [i for i in (a, b) if i in collapsed]
            self.assertEqual(len(shown), 1, "%s: %s" % (query, shown))
            self.assertGreaterEqual(collapsed[shown[0]]["similar"], 1, query)
            story = self.hits("cluster:" + every[a]["cluster"], "--no-collapse")
            self.assertLessEqual({a, b}, set(story), query)
            self.assertEqual(len(story), collapsed[shown[0]]["similar"] + 1, query)

    def test_stories_on_the_same_topic_stay_apart(self):
        for query, a, b in self.APART:
            collapsed = self.hits(query)
            self.assertIn(a, collapsed, query)
            self.assertIn(b, collapsed, query)
            self.assertNotEqual(collapsed[a].get("cluster", a), collapsed[b].get("cluster", b), query)

    def test_totals_and_facets_count_articles(self):
        for query in ("deaver", "oil prices", ""):
            collapsed = search_json(DB, "--facets", "region,date", query)
            every = search_json(DB, "--facets", "region,date", "--no-collapse", query)
            self.assertEqual(collapsed["total"], every["total"], query)
            self.assertEqual(collapsed["facets"], every["facets"], query)


class ReutersQuestionTest(unittest.TestCase):
    """Questions typed as people type them find articles (issue: relevance)."""

    def setUp(self):
        ndtest.require_reuters(self)

    def test_the_questions_users_asked_find_relevant_articles(self):
        for question, word in (("what did opec ministers decide about crude oil output quotas", "opec"),
                               ("why did the dollar fall against the yen in march", "yen"),
                               ("talks between brazil and its creditor banks on the foreign debt", "brazil")):
            r = search_json(DB, question)
            self.assertGreater(r["total"]["estimate"], 0, question)
            self.assertIn(r["match"], ("all", "relaxed"))
            top = r["results"][0]
            self.assertIn(word, (top["title"] + " " + top["snippet"]).lower(), question)

    def test_every_benchmark_question_returns_results(self):
        questions = [line.rstrip("\n").split("\t")[1] for line in open(QUESTIONS, encoding="utf-8")
                     if line.strip() and not line.startswith("#")]
        path = os.path.join(_tmp, "questions.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(questions) + "\n")
        p = ndtest.run([SEARCH, "--db", DB, "--queries", path, "--facets", "", "--limit", "1"], check=True)
        answers = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual(len(answers), len(questions))
        empty = [a["query"] for a in answers if not a["results"]]
        self.assertEqual(empty, [])


if __name__ == "__main__":
    missing = [p for p in (INDEX, SEARCH) if not os.path.exists(p)]
    if missing:
        print("skipped: %s not built yet" % ", ".join(missing))
        sys.exit(ndtest.SKIP)
    ndtest.main()
