"""newsdesk-search end to end: the real binary on a database built by the real indexer."""
import json
import os
import shutil
import sys
import tempfile
import unittest

import ndtest
from ndtest import INDEX, SEARCH, index, jsonl, run, search_json

# Six articles with every facet given explicitly (so nothing is extracted).
ARTICLES = [
    {"id": "n1", "title": "Partisans sabotage rail bridge near Melitopol",
     "body": "Partisans blew up a rail bridge used to supply the occupation forces. Trains stopped.",
     "date": "2025-03-14", "source": "Wire", "actors": ["Atesh", "Armed Forces of Ukraine"],
     "regions": ["Ukraine", "Russia"], "topics": ["conflict"]},
    {"id": "n2", "title": "Central bank holds interest rates",
     "body": "The central bank kept its main rate at four percent, citing stubborn inflation.",
     "date": "2025-04-01", "source": "Wire", "actors": ["European Central Bank"],
     "regions": ["Germany"], "topics": ["economy"]},
    {"id": "n3", "title": "Pipeline talks stall again",
     "body": "Gas pipeline negotiations between the two governments stalled over transit fees.",
     "date": "2024-11-30", "source": "Monitor", "actors": [],
     "regions": ["Russia", "Germany"], "topics": ["energy"]},
    {"id": "n4", "title": "Drone strike hits refinery",
     "body": "A drone strike set fire to an oil refinery; Atesh said the attack was a rail sabotage follow-up.",
     "date": "2025-03-20", "source": "Monitor", "actors": ["Atesh"],
     "regions": ["Russia"], "topics": ["conflict", "energy"]},
    {"id": "n5", "title": "Inflation eases in the euro area",
     "body": "Consumer prices rose more slowly, giving the European Central Bank room to cut rates.",
     "date": "2025-05-02", "source": "Wire", "actors": ["European Central Bank"],
     "regions": ["Germany", "France"], "topics": ["economy"]},
    {"id": "n6", "title": "Grain corridor reopens <quietly> & ships sail",
     "body": "Ships carrying grain left Odesa after the corridor reopened <quietly> & without incident.",
     "date": "2025-03-15", "source": "Wire", "actors": [],
     "regions": ["Ukraine"], "topics": ["economy"]},
]

DB = None


def missing_programs():
    return [p for p in (INDEX, SEARCH) if not os.path.exists(p)]


def setUpModule():
    global DB, _tmp
    _tmp = tempfile.mkdtemp(prefix="newsdesk-search-e2e-")
    feed = os.path.join(_tmp, "wire.jsonl")
    with open(feed, "w") as f:
        f.write(jsonl(*ARTICLES))
    DB = os.path.join(_tmp, "db")
    index(DB, feed, check=True)


def tearDownModule():
    if DB:
        shutil.rmtree(_tmp, True)


def search(*args, fmt="json"):
    return run([SEARCH, "--db", DB, "--format", fmt, *args])


def counts(result, facet):
    return {v["value"]: v["count"] for v in result["facets"][facet]}


def ids(result):
    return [r["id"] for r in result["results"]]


class MatchingTest(unittest.TestCase):
    """--match, stopwords and --explain through the real program."""

    def test_a_question_finds_its_best_partial_matches(self):
        # No article says every word ("why", "did" and "the" are common words and left out).
        r = search_json(DB, "why did the partisans sabotage the pipeline")
        self.assertEqual(r["match"], "relaxed")
        self.assertEqual(ids(r)[0], "n1")  # partisans and sabotage
        self.assertIn("n3", ids(r))         # pipeline alone
        self.assertEqual(r["total"]["estimate"], len(ids(r)))

    def test_each_mode_counts_what_it_says(self):
        every = search_json(DB, "--match", "all", "rail", "sabotage")
        self.assertEqual((every["match"], set(ids(every))), ("all", {"n1", "n4"}))
        anyw = search_json(DB, "--match", "any", "rail", "inflation")
        self.assertEqual(anyw["match"], "any")
        self.assertEqual(set(ids(anyw)), {"n1", "n4", "n2", "n5"})
        auto = search_json(DB, "rail", "inflation")
        self.assertEqual((auto["match"], auto["total"]["estimate"]), ("relaxed", 4))
        nothing = search_json(DB, "--match", "all", "rail", "inflation")
        self.assertEqual(nothing["total"]["estimate"], 0)

    def test_auto_counts_the_articles_with_every_word_and_lists_the_rest_after(self):
        r = search_json(DB, "rail", "refinery")  # n4 has both; n1 only rail
        self.assertEqual((r["match"], r["total"]["estimate"]), ("all", 1))
        self.assertEqual(ids(r), ["n4", "n1"])
        self.assertEqual(r["ranked"], 2)
        self.assertEqual(sum(v["count"] for v in r["facets"]["actor"] if v["value"] == "atesh"), 1)

    def test_operators_keep_their_meaning(self):
        self.assertEqual(search_json(DB, "rail AND inflation")["total"]["estimate"], 0)
        self.assertEqual(ids(search_json(DB, "+refinery", "rail")), ["n4"])
        self.assertEqual(ids(search_json(DB, "--", "rail -refinery")), ["n1"])
        self.assertEqual(ids(search_json(DB, '"the corridor reopened"')), ["n6"])
        self.assertEqual(search_json(DB, '"the bridge reopened"')["total"]["estimate"], 0)

    def test_an_unknown_mode_is_a_usage_error(self):
        p = run([SEARCH, "--db", DB, "--match", "some", "rail"])
        self.assertEqual(p.returncode, 2)
        self.assertIn("auto, all or any", p.stderr)

    def test_explain_breaks_the_score_down_by_term(self):
        r = search_json(DB, "--explain", "rail", "sabotage")
        for hit in r["results"]:
            e = hit["explain"]
            self.assertEqual(e["match"], r["match"])
            self.assertAlmostEqual(sum(t["weight"] for t in e["terms"]), hit["score"], places=6)
            words = [t for t in e["terms"] if t["role"] == "query"]
            self.assertEqual({t["term"] for t in words}, {"Zrail", "Zsabotag"})
            self.assertTrue(all(t["wdf"] > 0 for t in words))
            # The two words stand together in n1's title: the proximity bonus says so.
            if hit["id"] == "n1":
                self.assertIn(("rail", "proximity"), {(t["term"], t["role"]) for t in e["terms"]})
        self.assertNotIn("explain", search_json(DB, "rail")["results"][0])
        text = run([SEARCH, "--db", DB, "--explain", "rail"], check=True).stdout
        self.assertIn("Zrail: wdf", text)

    def test_the_text_format_says_when_no_article_has_every_word(self):
        text = run([SEARCH, "--db", DB, "rail", "inflation"], check=True).stdout
        self.assertIn("No article has every word; showing those with most of them.", text)
        text = run([SEARCH, "--db", DB, "rail", "sabotage"], check=True).stdout
        self.assertNotIn("No article has every word", text)


class ContractTest(unittest.TestCase):
    def test_json_has_the_contract_names(self):
        r = search_json(DB, "rail")
        self.assertEqual(set(r), {"query", "parsed", "total", "offset", "limit", "corrected", "elapsed_ms",
                                  "results", "facets", "match", "ranked", "filters", "now", "date_range", "partial"})
        self.assertIsNone(r["partial"])  # every shard answered: a local database has no other
        self.assertEqual(set(r["total"]), {"estimate", "lower", "upper"})
        self.assertEqual(r["query"], "rail")
        self.assertEqual((r["offset"], r["limit"]), (0, 10))
        hit = r["results"][0]
        self.assertEqual(set(hit), {"rank", "id", "score", "title", "date", "source", "url", "section", "language",
                                    "actors", "regions", "topics", "snippet", "related", "similar"})
        self.assertEqual(hit["rank"], 1)
        self.assertEqual(set(r["facets"]), {"actor", "region", "date"})  # the default facets

    def test_hit_fields_and_labels(self):
        r = search_json(DB, "Melitopol")
        self.assertEqual(ids(r), ["n1"])
        hit = r["results"][0]
        self.assertEqual(hit["date"], "2025-03-14")
        self.assertEqual(hit["source"], "Wire")
        self.assertIn({"value": "armed-forces-of-ukraine", "label": "Armed Forces of Ukraine", "parent": None},
                      hit["actors"])
        self.assertIn({"value": "ru", "label": "Russia", "parent": None}, hit["regions"])

    def test_empty_query_matches_everything(self):
        r = search_json(DB)
        self.assertEqual(r["total"], {"estimate": 6, "lower": 6, "upper": 6})

    def test_no_results_is_success(self):
        p = search("zanzibarish")
        self.assertEqual(p.returncode, 0, p.stderr)


class FacetTest(unittest.TestCase):
    def test_multi_valued_counts_are_exact(self):
        r = search_json(DB, "--facets", "actor,region,topic")
        self.assertEqual(counts(r, "region"), {"ru": 3, "de": 3, "ua": 2, "fr": 1})
        self.assertEqual(counts(r, "actor"), {"atesh": 2, "ecb": 2, "armed-forces-of-ukraine": 1})
        self.assertEqual(counts(r, "topic"), {"economy": 3, "conflict": 2, "energy": 2})
        labels = {v["value"]: v["label"] for v in r["facets"]["actor"]}
        self.assertEqual(labels["ecb"], "European Central Bank")

    def test_filtered_facet_keeps_counting_its_other_values(self):
        r = search_json(DB, "--region", "ukraine", "--facets", "region,topic")
        self.assertEqual(sorted(ids(r)), ["n1", "n6"])
        self.assertEqual(counts(r, "region"), {"ru": 3, "de": 3, "ua": 2, "fr": 1})
        self.assertEqual(counts(r, "topic"), {"conflict": 1, "economy": 1})

    def test_filters_take_names_aliases_and_codes_in_any_case(self):
        # One region, however it is typed, on the command line or in the query.
        for typed in ("ua", "UA", "Ukraine", "UKRAINE", "ukraine"):
            r = search_json(DB, "--region", typed)
            self.assertEqual(sorted(ids(r)), ["n1", "n6"], typed)
            self.assertEqual(r["filters"], {"region": ["ua"]}, typed)
        for query in ('region:Ukraine', 'region:"Russian Federation"', "region:RU"):
            self.assertEqual(len(ids(search_json(DB, query))), 3 if "ussia" in query or "RU" in query else 2, query)
        r = search_json(DB, "--region", "Atlantis")  # unknown: matches nothing, as an unknown word does
        self.assertEqual((r["total"]["estimate"], r["filters"]), (0, {"region": ["atlantis"]}))

    def test_facet_values_name_their_parent(self):
        crimea = dict(ARTICLES[0], id="c1", regions=["Crimea"], actors=[])
        feed = os.path.join(_tmp, "crimea.jsonl")
        with open(feed, "w") as f:
            f.write(jsonl(crimea))
        db = os.path.join(_tmp, "crimea-db")
        index(db, feed, check=True)
        r = search_json(db, "--facets", "region")
        self.assertEqual({v["value"]: v["parent"] for v in r["facets"]["region"]}, {"ua-43": "ua", "ua": None})
        self.assertEqual({v["value"]: v["label"] for v in r["facets"]["region"]}, {"ua-43": "Crimea", "ua": "Ukraine"})

    def test_same_facet_ored_different_facets_anded(self):
        r = search_json(DB, "--region", "ukraine", "--region", "france")
        self.assertEqual(sorted(ids(r)), ["n1", "n5", "n6"])
        r = search_json(DB, "--region", "russia", "--topic", "energy")
        self.assertEqual(sorted(ids(r)), ["n3", "n4"])
        r = search_json(DB, "--region", "russia", "--actor", "atesh", "--topic", "energy")
        self.assertEqual(ids(r), ["n4"])

    def test_date_filter_and_histogram(self):
        r = search_json(DB, "--from", "2025-03", "--to", "2025-03", "--facets", "date", "--sort", "oldest")
        self.assertEqual(ids(r), ["n1", "n6", "n4"])
        self.assertEqual([(v["value"], v["label"], v["count"]) for v in r["facets"]["date"]],
                         [("2025-03-14", "14 March 2025", 1), ("2025-03-15", "15 March 2025", 1),
                          ("2025-03-20", "20 March 2025", 1)])
        r = search_json(DB, "--facets", "date")  # 2024-11 .. 2025-05: by month
        self.assertEqual(counts(r, "date"), {"2024-11": 1, "2025-03": 3, "2025-04": 1, "2025-05": 1})

    def test_facet_limit(self):
        r = search_json(DB, "--facets", "region", "--facet-limit", "2")
        self.assertEqual(len(r["facets"]["region"]), 2)

    def test_limit_zero_gives_totals_and_facets_only(self):
        r = search_json(DB, "--limit", "0")
        self.assertEqual(r["results"], [])
        self.assertEqual(r["total"]["estimate"], 6)
        self.assertTrue(r["facets"]["region"])


class ResultsTest(unittest.TestCase):
    def test_sort_newest_and_oldest(self):
        self.assertEqual(ids(search_json(DB, "--sort", "newest")), ["n5", "n2", "n4", "n6", "n1", "n3"])
        self.assertEqual(ids(search_json(DB, "--sort", "oldest")), ["n3", "n1", "n6", "n4", "n2", "n5"])

    def test_paging(self):
        r = search_json(DB, "--sort", "oldest", "--limit", "2", "--offset", "2")
        self.assertEqual(ids(r), ["n6", "n4"])
        self.assertEqual([h["rank"] for h in r["results"]], [3, 4])
        self.assertEqual((r["offset"], r["limit"]), (2, 2))

    def test_relevance_puts_title_matches_first(self):
        self.assertEqual(ids(search_json(DB, "sabotage"))[0], "n1")

    def test_snippet_highlights_and_escapes(self):
        r = search_json(DB, "corridor")
        snippet = r["results"][0]["snippet"]
        self.assertIn("<mark>corridor</mark>", snippet)
        self.assertIn("&lt;quietly&gt; &amp;", snippet)
        self.assertNotIn("<quietly>", snippet)

    def test_spelling_suggestion(self):
        r = search_json(DB, "pipelnie")
        self.assertEqual(r["total"]["estimate"], 0)
        self.assertEqual(r["corrected"], "pipeline")
        self.assertIsNone(search_json(DB, "pipeline")["corrected"])

    def test_query_language(self):
        self.assertEqual(sorted(ids(search_json(DB, "rail", "AND", "NOT", "bridge"))), ["n4"])
        self.assertEqual(ids(search_json(DB, '"rail bridge"')), ["n1"])
        self.assertEqual(sorted(ids(search_json(DB, "region:france"))), ["n5"])
        self.assertEqual(sorted(ids(search_json(DB, "title:rates"))), ["n2"])
        self.assertEqual(sorted(ids(search_json(DB, "date:2024"))), ["n3"])
        self.assertEqual(sorted(ids(search_json(DB, "refin*"))), ["n4"])


class FormatTest(unittest.TestCase):
    def test_text_is_readable(self):
        p = search("sabotage", fmt="text")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("2 results for \"sabotage\"", p.stdout)
        self.assertIn("Partisans sabotage rail bridge near Melitopol", p.stdout)
        self.assertIn("*sabotage*", p.stdout)  # matches starred when not on a terminal
        self.assertNotIn("<mark>", p.stdout)
        self.assertIn("Region: Russia (2)", p.stdout)

    def test_jsonl_is_one_result_per_line(self):
        p = search("--sort", "oldest", fmt="jsonl")
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 6)
        self.assertEqual([json.loads(line)["id"] for line in lines], ["n3", "n1", "n6", "n4", "n2", "n5"])
        self.assertEqual(search("zanzibarish", fmt="jsonl").stdout, "")

    def test_queries_file_gives_one_json_line_per_query(self):
        queries = os.path.join(_tmp, "queries.txt")
        with open(queries, "w") as f:
            f.write("sabotage\nzanzibarish\n\n")
        p = search("--queries", queries, "--region", "russia")
        self.assertEqual(p.returncode, 0, p.stderr)
        results = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([r["query"] for r in results], ["sabotage", "zanzibarish", ""])
        self.assertEqual(ids(results[0]), ["n1", "n4"])
        self.assertEqual(results[1]["total"]["estimate"], 0)
        self.assertEqual(results[2]["total"]["estimate"], 3)  # the empty line matches every article of the filter
        self.assertEqual(counts(results[2], "region")["de"], 3)  # multi-select, as for one query
        self.assertEqual(search("--queries", queries, "oil").returncode, 2)

    def test_tsv_has_a_header_and_a_row_per_result(self):
        p = search("--sort", "oldest", "--limit", "3", fmt="tsv")
        rows = [line.split("\t") for line in p.stdout.splitlines()]
        self.assertEqual(rows[0][:5], ["rank", "id", "score", "date", "title"])
        self.assertEqual(len(rows), 4)
        self.assertTrue(all(len(row) == len(rows[0]) for row in rows))
        self.assertEqual(rows[1][1], "n3")
        self.assertEqual(rows[1][8], "ru;de")


class NewsAwareTest(unittest.TestCase):
    """Relative dates, --sort fresh and --format atom, as of a fixed day (--now or NEWSDESK_NOW)."""

    def test_relative_dates_count_from_now(self):
        as_of = ("--now", "2025-03-20", "--facets", "")
        r = search_json(DB, *as_of, "--from", "-7d", "--to", "today")
        self.assertEqual(sorted(ids(r)), ["n1", "n4", "n6"])
        self.assertEqual(r["now"], "2025-03-20T23:59:59")
        self.assertEqual(r["date_range"], {"from": "2025-03-13T00:00:00", "to": "2025-03-20T23:59:59"})
        self.assertEqual(sorted(ids(search_json(DB, *as_of, "date:this-month"))), ["n1", "n4", "n6"])
        self.assertEqual(ids(search_json(DB, *as_of, "date:last-year")), ["n3"])
        self.assertEqual(ids(search_json(DB, *as_of, "date:-6d")), ["n1"])
        self.assertEqual(ids(search_json(DB, *as_of, "date:yesterday")), [])
        self.assertEqual(sorted(ids(search_json(DB, *as_of, "rail", "date:7d"))), ["n1", "n4"])
        # An open range keeps what is dated after now.
        self.assertEqual(sorted(ids(search_json(DB, *as_of, "--from", "-7d"))), ["n1", "n2", "n4", "n5", "n6"])

    def test_newsdesk_now_sets_now_and_the_option_wins(self):
        env = dict(os.environ, NEWSDESK_NOW="2025-05-02")
        p = run([SEARCH, "--db", DB, "--format", "json", "--facets", "", "--from", "-1d"], env=env, check=True)
        self.assertEqual(ids(json.loads(p.stdout)), ["n5"])
        p = run([SEARCH, "--db", DB, "--format", "json", "--facets", "", "--from", "-1d", "--now", "2025-04-01"],
                env=env, check=True)
        self.assertEqual(sorted(ids(json.loads(p.stdout))), ["n2", "n5"])
        p = run([SEARCH, "--db", DB, "oil"], env=dict(os.environ, NEWSDESK_NOW="soon"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("NEWSDESK_NOW 'soon': not a date", p.stderr)

    def test_fresh_multiplies_relevance_by_the_decay_and_explains_it(self):
        relevance = search_json(DB, "--now", "2025-03-20", "rail", "sabotage")
        self.assertEqual(ids(relevance), ["n1", "n4"])  # n1 has both words in its title
        fresh = search_json(DB, "--now", "2025-03-20", "--sort", "fresh", "--explain", "rail", "sabotage")
        self.assertEqual(ids(fresh), ["n4", "n1"])  # n4 is the day's, n1 six days old
        for hit in fresh["results"]:
            decay = hit["explain"]["decay"]
            self.assertEqual(decay["half_life_days"], 7)
            self.assertAlmostEqual(decay["factor"], 0.5 ** (decay["age_days"] / 7))
            self.assertAlmostEqual(hit["score"], hit["explain"]["score"] * decay["factor"])
        self.assertAlmostEqual(fresh["results"][1]["explain"]["decay"]["age_days"], 6 + 86399 / 86400)
        long = search_json(DB, "--now", "2025-03-20", "--sort", "fresh", "--half-life", "100y", "rail", "sabotage")
        self.assertEqual(ids(long), ["n1", "n4"])
        self.assertNotIn("explain", relevance["results"][0])
        text = run([SEARCH, "--db", DB, "--now", "2025-03-20", "--sort", "fresh", "--explain", "rail"], check=True).stdout
        self.assertIn("Decay 0.9057", text)  # dated the start of the day: a day old at its end
        self.assertIn("half-life 7 days) -> fresh score", text)

    def test_atom_feed_is_newest_first_and_well_formed(self):
        import xml.etree.ElementTree as ET
        ns = {"a": "http://www.w3.org/2005/Atom"}
        p = run([SEARCH, "--db", DB, "--format", "atom", "--sort", "relevance", "--region", "Ukraine",
                 "--feed-url", "https://news.example.org/feeds/ua.xml?x=1&y=2"], check=True)
        feed = ET.fromstring(p.stdout)
        self.assertEqual(feed.tag, "{http://www.w3.org/2005/Atom}feed")
        self.assertEqual(feed.find("a:id", ns).text, "tag:newsdesk,2026:search?region=Ukraine")
        self.assertEqual(feed.find("a:link[@rel='self']", ns).get("href"), "https://news.example.org/feeds/ua.xml?x=1&y=2")
        entries = feed.findall("a:entry", ns)
        self.assertEqual([e.find("a:id", ns).text for e in entries],
                         ["tag:newsdesk,2026:article:n6", "tag:newsdesk,2026:article:n1"])
        self.assertEqual(feed.find("a:updated", ns).text, entries[0].find("a:updated", ns).text)
        self.assertEqual(entries[0].find("a:updated", ns).text, "2025-03-15T00:00:00Z")
        # Markup in a title arrives as text.
        self.assertEqual(entries[0].find("a:title", ns).text, "Grain corridor reopens <quietly> & ships sail")
        self.assertIn("<mark>", run([SEARCH, "--db", DB, "--format", "atom", "grain"], check=True).stdout
                      .replace("&lt;", "<").replace("&gt;", ">"))

class ErrorTest(unittest.TestCase):
    def assert_fails(self, status, args, *fragments):
        p = run([SEARCH, *args])
        self.assertEqual(p.returncode, status, "%s\nstdout: %s\nstderr: %s" % (args, p.stdout, p.stderr))
        self.assertEqual(p.stdout, "")
        for fragment in fragments:
            self.assertIn(fragment, p.stderr)
        return p

    def test_malformed_queries_get_one_line_and_status_2(self):
        for query, fragment in [("title:", "'title:' needs a value"), ("((((", "4 '(' without a matching ')'"),
                                ("AND OR", "'AND' needs a word"), ("date:soon", "date:soon: not a date")]:
            p = self.assert_fails(2, ["--db", DB, "--", query], "malformed query", fragment)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)

    def test_missing_database_is_66_and_says_what_to_do(self):
        missing = os.path.join(os.path.dirname(DB), "no-such-db")
        self.assert_fails(66, ["--db", missing, "oil"], missing, "newsdesk-index --db " + missing)

    def test_not_a_database_is_66(self):
        self.assert_fails(66, ["--db", os.path.dirname(DB), "oil"], "cannot open the database")

    def test_bad_numbers_name_the_option(self):
        for option, value in [("--limit", "-1"), ("--limit", "99999999999"), ("--offset", "x"),
                              ("--facet-limit", "-5"), ("--time-limit", "0"), ("--time-limit", "abc")]:
            self.assert_fails(2, ["--db", DB, option, value], option)

    def test_bad_choices(self):
        self.assert_fails(2, ["--db", DB, "--format", "xml"], "unknown output format 'xml'")
        self.assert_fails(2, ["--db", DB, "--sort", "random"], "unknown sort order 'random'")
        self.assert_fails(2, ["--db", DB, "--facets", "colour"], "unknown facet 'colour'")
        self.assert_fails(2, ["--db", DB, "--from", "someday"], "--from 'someday': not a date (use YYYY, YYYY-MM")
        self.assert_fails(2, ["--db", DB, "--from", "-3x"], "--from '-3x': not a date (use YYYY, YYYY-MM, YYYY-MM-DD, "
                                                            "or a date relative to today: today, yesterday, -30d, 7d")
        self.assert_fails(2, ["--db", DB, "--to", "next-week"], "--to 'next-week': not a date")
        self.assert_fails(2, ["--db", DB, "--half-life", "0d"], "--half-life '0d': not a half-life (a number and a unit")
        self.assert_fails(2, ["--db", DB, "--now", "yesterday"], "--now 'yesterday': not a date")
        self.assert_fails(2, ["--db", DB, "--sort", "recent"], "(choose relevance, newest, oldest or fresh)")
        self.assert_fails(2, ["--db", DB, "--format", "rss"], "(choose text, json, jsonl, tsv or atom)")
        self.assert_fails(2, ["--db", DB, "date:lastweek"], "date:lastweek: not a date")
        self.assert_fails(2, ["oil"], "--db")

    def test_help_documents_exit_codes_and_formats(self):
        p = run([SEARCH, "--help"])
        self.assertEqual(p.returncode, 0)
        for fragment in ("--db DIR", "--facet-limit", "66", "70", "jsonl", "one line per result"):
            self.assertIn(fragment, p.stdout)
        for fragment in ("--now DATE", "--half-life SPAN", "--feed-url URL", "atom", "fresh", "last-7-days",
                         "this-week", "NEWSDESK_NOW"):
            self.assertIn(fragment, p.stdout)


if __name__ == "__main__":
    if missing_programs():
        print("skipped: %s not built yet" % ", ".join(missing_programs()))
        sys.exit(ndtest.SKIP)
    ndtest.main()
