"""newsdesk-index on the real Reuters-21578 distribution (skipped when absent)."""
import os
import random
import re
import sys

import ndtest
from ndtest import doc_count, index

sys.path.insert(0, os.path.join(ndtest.SOURCE_DIR, "scripts", "bench"))
import reuters_sgml  # noqa: E402


def slug(code):
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


class ReutersIndexTest(ndtest.TempDirTestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = None
        if ndtest.reuters_available():
            import tempfile
            cls.dir = tempfile.mkdtemp(prefix="newsdesk-reuters-")
            cls.db = os.path.join(cls.dir, "db")
            cls.first = index(cls.db, ndtest.REUTERS_DIR, check=True)

    @classmethod
    def tearDownClass(cls):
        if cls.db:
            import shutil
            shutil.rmtree(cls.dir, True)

    def setUp(self):
        super().setUp()
        ndtest.require_reuters(self)

    def test_every_story_is_indexed_once(self):
        self.assertEqual(doc_count(self.db), 21578)
        self.assertIn("21578 added", self.first.stdout)
        self.assertIn(" 0 rejected", self.first.stdout)

    def test_rerun_reads_nothing_and_changes_nothing(self):
        p = index(self.db, ndtest.REUTERS_DIR, check=True)
        self.assertIn("0 added, 0 updated, 21578 unchanged, 0 deleted, 0 rejected", p.stdout)
        self.assertEqual(doc_count(self.db), 21578)

    def resolved(self, facet, code):
        """The value the database gives the editors' code: the gazetteer's id."""
        result = ndtest.search_json(self.db, "--" + facet, code, "--facets", "", "--limit", "0")
        return result["filters"][facet][0]

    def test_facet_terms_equal_the_editors_labels(self):
        stories = list(reuters_sgml.articles(ndtest.REUTERS_DIR))
        ids = {}
        for story in random.Random(21578).sample(stories, 150):
            docids = ndtest.postings(self.db, "Q" + story["id"])
            self.assertEqual(len(docids), 1, story["id"])
            terms = ndtest.terms(self.db, docids[0])
            for prefix, facet, codes in (("XR", "region", story["places"]),
                                         ("XA", "actor", story["people"] + story["orgs"]),
                                         ("XT", "topic", story["topics"])):
                for c in codes:
                    if (facet, c) not in ids:
                        ids[facet, c] = self.resolved(facet, c)
                want = {prefix + ids[facet, c] for c in codes}
                got = {t for t in terms if t.startswith(prefix) and not t.startswith("XSEC")}
                self.assertEqual(got, want, "%s %s" % (story["id"], prefix))
        # Codes of 1987 become the ids today's articles get; topics keep theirs.
        self.assertEqual(ids.get(("region", "usa"), "us"), "us")
        self.assertEqual(ids.get(("region", "uk"), "gb"), "gb")
        self.assertTrue(all(ids[f, c] == slug(c) for f, c in ids if f == "topic"))

    def test_labels_are_named_from_cat_descriptions_or_the_gazetteer(self):
        def label(facet, typed):
            # As the search shows it: the facet counts of the articles filtered
            # on the value name it with the label from the facet's dictionary.
            result = ndtest.search_json(self.db, "--" + facet, typed, "--facets", facet, "--facet-limit", "0",
                                        "--limit", "0")
            value = result["filters"][facet][0]
            named = [v["label"] for v in result["facets"][facet] if v["value"] == value]
            self.assertEqual(len(named), 1, result["facets"][facet])
            return value, named[0]

        self.assertEqual(label("actor", "james-baker"), ("james-baker", "James Baker"))
        self.assertEqual(label("region", "west-germany"), ("west-germany", "West Germany"))
        self.assertEqual(label("region", "usa"), ("us", "United States"))
        self.assertEqual(label("topic", "money-fx"), ("money-fx", "Money/Foreign Exchange"))

    def test_dates_become_day_month_year_terms(self):
        terms = ndtest.terms(self.db, ndtest.postings(self.db, "Qreuters-1")[0])
        for t in ("D19870226", "M198702", "Y1987"):
            self.assertIn(t, terms)


if __name__ == "__main__":
    ndtest.main()
