"""newsdesk.cgi under a real web server (lighttpd), as CGI and as FastCGI.

Status codes, security headers, hostile parameters (nothing executable is
echoed, no 5xx), and a missing database (503).
"""
import html
import html.parser
import json
import os
import re
import unittest

import ndtest
import webserver

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")

HOSTILE = [
    "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/?q=oil&actor=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/?q=oil&region=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "/?region=%27%20onmouseover%3D%27alert(1)",
    "/?topic=%3Csvg%20onload%3Dalert(1)%3E&from=%3Cb%3E",
    "/?q=javascript:alert(1)&id=%22%3E%3Cscript%3E",
    "/?q=%zz", "/?q=%", "/?q=%E2%82", "/?q=%ff%fe", "/?actor=%00", "/?q=a%0", "/?region=%C0%AF",
    "/?q=" + "A" * 5000,
    "/?q=" + "%41" * 1500,
    "/?region=" + "x" * 100000,
    "/?page=99999999999", "/?page=-1", "/?page=0", "/?page=1e9", "/?page=abc", "/?page=1001",
    "/?sort=%3Cscript%3E", "/?format=%3Cscript%3E", "/?match=%3Cscript%3E", "/?explain=%3Cb%3E",
    "/?from=99999-99-99", "/?from=2025&to=2024", "/?to=%3Cscript%3E",
    "/?q=title%3A", "/?q=((((", "/?q=AND%20OR", "/?q=%22unterminated",
    "/?q=a*&q=b*", "/?" + "&".join("actor=a%d" % i for i in range(40)),
    "/?id=%3Cscript%3E", "/?q=oil&format=json&region=%3Cscript%3E",
]

EXECUTABLE_TAGS = {"script", "img", "iframe", "object", "embed", "link", "base", "frame", "video", "audio",
                   "source", "math", "foreignobject", "use", "image", "animate", "set", "template"}


class Inspector(html.parser.HTMLParser):
    """Every tag and attribute of a page, to find anything a browser would run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag == "link" and self.is_feed_link(dict(attrs)):
            return
        if tag in EXECUTABLE_TAGS:
            self.problems.append("<%s> element" % tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "formaction", "style"):
                self.problems.append("%s attribute on <%s>" % (name, tag))
            if name in ("href", "action") and value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append("%s=%r on <%s>" % (name, value, tag))


    @staticmethod
    def is_feed_link(attrs):
        """The page's link to its own search's Atom feed: nothing a browser loads or runs."""
        return (set(attrs) == {"rel", "type", "title", "href"} and attrs["rel"] == "alternate"
                and attrs["type"] == "application/atom+xml" and attrs["href"].startswith("?"))


def executable_parts(body):
    inspector = Inspector()
    inspector.feed(body)
    inspector.close()
    return inspector.problems


class CgiServerTest(ndtest.TempDirTestCase):
    fastcgi = False

    def setUp(self):
        super().setUp()
        webserver.require_server(self)
        self.db = webserver.build_fixture_db(self, self.tmp)
        self.server = webserver.Lighttpd(self.path("server"), self.db, fastcgi=self.fastcgi)
        os.makedirs(self.server.dir)
        self.server.start()
        self.addCleanup(self.server.stop)

    def get(self, target, method="GET"):
        status, headers, body = self.server.get(target, method)
        self.assertLess(status, 500, "%s gave %d\n%s\nserver log:\n%s" % (target[:200], status, body[:2000], self.server.log()))
        return status, headers, body

    def test_search_page_with_security_headers(self):
        status, headers, body = self.get("/?q=oil")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-security-policy"], CSP)
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        self.assertIn("referrer-policy", headers)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn("16 articles", body)
        self.assertIn("Oil output report", body)
        self.assertIn("<mark>", body)
        self.assertIn("Page 1 of 2", body)
        self.assertIn('<h2 id="facet-region">Region</h2>', body)
        self.assertIn("<svg", body)
        self.assertEqual(executable_parts(body), [])

    def test_filters_sort_and_pages(self):
        status, _, body = self.get("/?q=oil&region=norway&sort=newest")
        self.assertEqual(status, 200)
        self.assertIn("4 articles", body)
        self.assertNotIn("from Brazil", body)
        self.assertIn("Region: Norway", body)  # the active filter's chip
        status, _, body = self.get("/?q=oil&page=2")
        self.assertEqual(status, 200)
        self.assertIn('<ol class="results" start="11">', body)
        status, _, body = self.get("/?q=oil&from=2024&to=2024")
        self.assertIn("8 articles", body)

    def test_a_query_no_article_fully_matches_shows_the_closest(self):
        # "oil" and "wheat" are never in one article: the page says so and lists both kinds.
        status, _, body = self.get("/?q=what+about+oil+and+wheat")
        self.assertEqual(status, 200)
        self.assertIn("No article has every word; showing those with most of them.", body)
        self.assertIn("24 articles", body)
        status, _, body = self.get("/?q=oil+wheat&match=all")
        self.assertIn("No articles match", body)
        self.assertNotIn("No article has every word", body)
        status, _, body = self.get("/?q=oil+pipeline")
        self.assertIn("16 articles", body)
        self.assertNotIn("No article has every word", body)

    def test_json_explains_scores_on_request(self):
        status, _, body = self.get("/?q=oil+wheat&format=json&explain=1")
        result = json.loads(body)
        self.assertEqual(result["match"], "relaxed")
        for hit in result["results"]:
            self.assertAlmostEqual(sum(t["weight"] for t in hit["explain"]["terms"]), hit["score"], places=6)
        status, _, body = self.get("/?q=oil&format=json")
        self.assertNotIn("explain", json.loads(body)["results"][0])

    def test_json_is_the_searcher_contract(self):
        status, headers, body = self.get("/?q=oil&region=brazil&format=json")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["content-security-policy"], CSP)
        result = json.loads(body)
        self.assertEqual(result["total"]["estimate"], 4)
        self.assertEqual(result["limit"], 10)
        # "brazil", as typed, is the region the database calls "br".
        self.assertEqual(result["filters"], {"region": ["br"]})
        self.assertTrue(all(r["regions"][0]["value"] == "br" for r in result["results"]))
        self.assertIn("region", result["facets"])

    def test_article_view(self):
        status, _, body = self.get("/?q=oil&id=oil-00")
        self.assertEqual(status, 200)
        self.assertIn("Oil output report 0 from Norway", body)
        self.assertIn("Back to the results", body)
        self.assertEqual(self.get("/?id=no-such-article")[0], 404)

    def test_hostile_parameters_are_never_executable_nor_5xx(self):
        for target in HOSTILE:
            with self.subTest(target=target[:80]):
                status, headers, body = self.get(target)
                self.assertIn(status, (200, 400, 404, 414, 431), target[:80])
                if status in (414, 431):  # refused by lighttpd itself, before the CGI
                    continue
                self.assertEqual(headers.get("content-security-policy"), CSP)
                self.assertNotIn("<script", body.lower())
                self.assertNotIn("<img", body.lower())
                if headers["content-type"].startswith("text/html"):
                    self.assertEqual(executable_parts(body), [])

    def test_malformed_input_gets_a_friendly_400(self):
        for target, message in [("/?q=%zz", "malformed %-escape"),
                                ("/?q=%ff%fe", "not valid UTF-8"),
                                ("/?page=99999999999", "page must be a whole number from 1 to 1000"),
                                ("/?q=" + "a" * 501, "too long"),
                                ("/?from=notadate", "is not a date"),
                                ("/?q=title%3A", "malformed query")]:
            with self.subTest(target=target[:40]):
                status, _, body = self.get(target)
                self.assertEqual(status, 400)
                self.assertIn("That search could not be run", body)
                self.assertIn(message, body)

    def test_only_get_and_head(self):
        status, headers, body = self.get("/?q=oil", method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertEqual(self.get("/?q=oil", method="POST")[0], 405)


class FastCgiServerTest(CgiServerTest):
    """The same page as one long-lived FastCGI process."""
    fastcgi = True

    def test_many_requests_one_process(self):
        for i in range(30):
            self.assertEqual(self.get("/?q=oil&page=%d" % (1 + i % 2))[0], 200)
        self.assertEqual(self.get("/?q=%zz")[0], 400)
        self.assertEqual(self.get("/?q=oil")[0], 200)


class OtherLanguageTest(ndtest.TempDirTestCase):
    """An index in a language whose stemmer is not linked into newsdesk.cgi
    (only english and porter are, by default): the page loads it from the
    shared libstemmer and stems the query as the indexer stemmed the text."""

    def test_french_query_finds_another_form_of_the_word(self):
        webserver.require_server(self)
        articles = self.write("fr.jsonl", ndtest.jsonl(
            {"id": "fr1", "title": "Course hippique", "body": "Le cheval gagne la course.", "date": "2025-05-01"},
            {"id": "fr2", "title": "Marché du blé", "body": "Les prix du blé montent.", "date": "2025-05-02"}))
        db = self.path("db")
        ndtest.index(db, articles, "--language", "french", check=True)
        server = webserver.Lighttpd(self.path("server"), db)
        os.makedirs(server.dir)
        server.start()
        self.addCleanup(server.stop)
        status, _, body = server.get("/?q=chevaux&format=json")  # English stemming leaves "chevaux" as it is
        self.assertEqual(status, 200, body[:2000])
        self.assertEqual([r["id"] for r in json.loads(body)["results"]], ["fr1"])


class StoryPageTest(ndtest.TempDirTestCase):
    """A story sent twice is one result saying "1 similar story", whose link
    lists both articles; collapse=0 lists every article."""

    STORY = ("The central bank of Ruritania raised its key interest rate by half a point to 7.5 percent on Tuesday, "
             "citing inflation that has run above its target for six months, and said it was ready to act again.")

    def test_a_story_sent_twice_is_one_result_linking_to_both(self):
        webserver.require_server(self)
        articles = self.write("wire.jsonl", ndtest.jsonl(
            {"id": "take1", "title": "Ruritania raises rates", "body": self.STORY, "date": "2025-05-06T09:00:00"},
            {"id": "take2", "title": "Ruritania raises rates", "body": self.STORY + " Adds detail.",
             "date": "2025-05-06T10:30:00"},
            {"id": "other", "title": "Ruritania bank shares fall", "body": "Bank shares fell after the central bank "
             "said it would not rule out further rises.", "date": "2025-05-06T12:00:00"}))
        db = self.path("db")
        ndtest.index(db, articles, check=True)
        server = webserver.Lighttpd(self.path("server"), db)
        os.makedirs(server.dir)
        server.start()
        self.addCleanup(server.stop)

        status, _, body = server.get("/?q=central+bank&format=json")
        self.assertEqual(status, 200, body[:2000])
        result = json.loads(body)
        self.assertEqual(result["total"]["estimate"], 3)  # totals count articles
        by_id = {r["id"]: r for r in result["results"]}
        self.assertEqual(len(by_id), 2)
        story = [r for r in result["results"] if r["id"] in ("take1", "take2")]
        self.assertEqual([r["similar"] for r in story], [1])
        self.assertEqual(by_id["other"]["similar"], 0)

        status, _, page = server.get("/?q=central+bank")
        self.assertEqual(status, 200)
        link = re.search(r'<p class="meta similar"><a href="([^"]+)">1 similar story</a>', page)
        self.assertIsNotNone(link, page)
        status, _, cluster = server.get("/" + html.unescape(link.group(1)) + "&format=json")
        self.assertEqual(status, 200, cluster[:2000])
        self.assertEqual([r["id"] for r in json.loads(cluster)["results"]], ["take1", "take2"])  # oldest first

        status, _, every = server.get("/?q=central+bank&format=json&collapse=0")
        self.assertEqual(sorted(r["id"] for r in json.loads(every)["results"]), ["other", "take1", "take2"])


class MissingDatabaseTest(ndtest.TempDirTestCase):
    def test_missing_database_is_503(self):
        webserver.require_server(self)
        server = webserver.Lighttpd(self.tmp, self.path("no-such-db")).start()
        self.addCleanup(server.stop)
        status, headers, body = server.get("/?q=oil")
        self.assertEqual(status, 503)
        self.assertEqual(headers["content-security-policy"], CSP)
        self.assertIn("Search is unavailable", body)
        self.assertIn("no newsdesk database at", body)
        self.assertEqual(executable_parts(body), [])


if __name__ == "__main__":
    ndtest.main()
