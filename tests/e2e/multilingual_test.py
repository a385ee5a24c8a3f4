"""One archive in three languages: Reuters (English), the sample corpus, the
Russian Telegram channels and the German 10kGNAD articles in one database.

Reads the shared corpora (../shared/corpora); skipped, with a message, when
any of them is absent.
"""
import json
import os
import re
import shutil
import tempfile
import unittest

import ndtest
from ndtest import index, search_json

CORPORA = os.path.join(ndtest.SHARED_DIR, "corpora")
TELEGRAM = os.path.join(CORPORA, "ru-telegram-news", "raw")
GERMAN = os.path.join(CORPORA, "de-10kgnad", "test.csv")
SAMPLE = os.path.join(ndtest.SOURCE_DIR, "corpus", "sample")
GAZETTEER = os.path.join(ndtest.BUILD_DIR, "gazetteer", "regions.tsv")
DB = None


def corpora_missing():
    return [p for p in (ndtest.REUTERS_DIR, TELEGRAM, GERMAN) if not os.path.exists(p)]


def setUpModule():
    global DB, _tmp
    if corpora_missing():
        return
    _tmp = tempfile.mkdtemp(prefix="newsdesk-multilingual-")
    DB = os.path.join(_tmp, "db")
    p = index(DB, ndtest.REUTERS_DIR, SAMPLE, TELEGRAM, GERMAN, extra=("--quiet",))
    assert p.returncode in (0, 1), p.stderr  # 1: a few empty posts are rejected


def tearDownModule():
    if DB:
        shutil.rmtree(_tmp, True)


def count(*args):
    """The exact number of articles matching (counting a facet makes totals exact)."""
    total = search_json(DB, *args, "--limit", "0", "--facets", "language")["total"]
    assert total["lower"] == total["upper"], total
    return total["estimate"]


def facet(name, *args):
    r = search_json(DB, *args, "--limit", "0", "--facets", name, "--facet-limit", "0")
    return {v["value"]: v for v in r["facets"][name]}


def telegram_texts():
    """Post id (as the indexer gives it) -> text, from the exports."""
    texts = {}
    for name in os.listdir(TELEGRAM):
        with open(os.path.join(TELEGRAM, name), encoding="utf-8") as f:
            for m in json.load(f):
                text = m.get("text", "")
                if isinstance(text, list):
                    text = "".join(t if isinstance(t, str) else t.get("text", "") for t in text)
                texts[str(m.get("message_id"))] = texts.get(str(m.get("message_id")), "") + "\n" + text
    return texts


class MultilingualArchiveTest(unittest.TestCase):
    def setUp(self):
        missing = corpora_missing()
        if missing:
            self.skipTest("shared corpora not found (%s); skipping" % ", ".join(missing))

    def test_each_article_has_the_language_the_detector_gave(self):
        languages = facet("language")
        self.assertGreaterEqual(languages["ru"]["count"], 0.99 * 22099)
        self.assertGreaterEqual(languages["de"]["count"], 1028)
        self.assertGreaterEqual(languages["en"]["count"], 21578)
        self.assertEqual(languages["ru"]["label"], "Russian")
        # The facet, the query field and the filter count the same articles.
        self.assertEqual(count("lang:ru"), languages["ru"]["count"])
        self.assertEqual(count("language:Russian"), languages["ru"]["count"])
        self.assertEqual(count("--language", "ru"), languages["ru"]["count"])

    def test_a_russian_query_finds_the_words_inflected_forms(self):
        # Путина (genitive) and Путин (nominative) are one stem: each finds the other.
        inflected, nominative = count("Путина", "--language", "ru"), count("Путин", "--language", "ru")
        exact = count('"путина"', "--language", "ru")
        self.assertGreater(exact, 0)
        self.assertGreater(inflected, exact, "only the form typed was found")
        self.assertEqual(inflected, nominative)
        self.assertGreater(count("украине"), count('"украине"'))
        # German, too: Gewerkschaften (plural) finds Gewerkschaft.
        self.assertGreater(count("Gewerkschaften"), count('"gewerkschaften"'))

    def test_ukraine_is_one_region_in_every_language(self):
        languages = facet("language", "--region", "ua")
        for code in ("en", "ru", "de"):
            self.assertGreater(languages.get(code, {"count": 0})["count"], 0, "no %s story about Ukraine" % code)
        self.assertEqual(count("--region", "Ukraine"), count("--region", "ua"))

    def test_russian_posts_name_no_us_city_they_do_not_mention(self):
        names = {}
        with open(GAZETTEER, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 5 and not line.startswith("#"):
                    names[fields[0].replace(":", "-")] = fields[4].split("|")
        texts = telegram_texts()
        regions = facet("region", "--language", "ru")
        us_places = [v for v in regions.values() if v["parent"] == "us"]
        for place in us_places:
            hits = search_json(DB, "--language", "ru", "--region", place["value"], "--limit", "20", "--facets", "")
            # A name's words less their last two letters: Russian inflects them
            # ("Северной Каролине" names "Северная Каролина").
            stems = [[w[:max(2, len(w) - 2)] for w in n.lower().split()]
                     for n in names.get(place["value"], [place["label"]])]
            for hit in hits["results"]:
                number = re.sub(r"^.*-", "", hit["id"])
                text = texts.get(number, "").lower()
                self.assertTrue(any(all(w in text for w in words) for words in stems),
                                "%s (%s) in a post that names none of %s: %s" % (place["label"], place["value"],
                                                                               stems[:6], text[:200]))


if __name__ == "__main__":
    ndtest.main()
