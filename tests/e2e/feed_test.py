"""The search page's Atom feed (format=atom) under lighttpd, as a feed reader fetches it.

Every feed must pass an XML parser (xml.etree), RELAX NG validation against
RFC 4287's grammar (tests/e2e/atom.rnc, with Debian's jing) and the RFC's
rules a grammar cannot state (checked here). Skipped with a message when
lighttpd or jing is missing (scripts/install-deps.sh installs both).
"""
import html.parser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import ndtest
import webserver

JING = shutil.which("jing")
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "atom.rnc")
ATOM = "{http://www.w3.org/2005/Atom}"
NS = {"a": "http://www.w3.org/2005/Atom"}
# RFC 3339 date-time, with its zone (xsd:dateTime, which jing checks, leaves the zone out).
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# Fixed "now" for the server: the fixture's newest article is 2025-12-08.
NOW = "2025-12-10"


class MarkOnly(html.parser.HTMLParser):
    """The tags of a snippet's HTML: <mark> is the only markup it may hold."""

    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


class FeedTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        webserver.require_server(self)
        if not JING:
            self.skipTest("jing (Debian's RELAX NG validator) is not installed (scripts/install-deps.sh); skipping")
        self.db = webserver.build_fixture_db(self, self.tmp)
        self.server = webserver.Lighttpd(self.path("server"), self.db, env={"NEWSDESK_DB": self.db, "NEWSDESK_NOW": NOW})
        os.makedirs(self.server.dir)
        self.server.start()
        self.addCleanup(self.server.stop)

    def fetch(self, target):
        status, headers, body = self.server.get(target)
        self.assertEqual(status, 200, "%s\n%s\n%s" % (target, body[:2000], self.server.log()))
        self.assertEqual(headers["content-type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(headers["cache-control"], "no-store")  # a reader always gets the latest
        return body

    def validate(self, body):
        """Parse @p body and check it against RFC 4287; returns the feed element."""
        feed = ET.fromstring(body.encode("utf-8"))
        path = self.write("feed.xml", body)
        p = ndtest.run([JING, "-c", SCHEMA, path])
        self.assertEqual(p.returncode, 0, "jing: the feed is not valid Atom:\n%s\n%s" % (p.stdout, body[:3000]))
        self.assertEqual(feed.tag, ATOM + "feed")
        for name in ("id", "title", "updated"):
            self.assertEqual(len(feed.findall("a:" + name, NS)), 1, name)
        self.assertRegex(feed.find("a:id", NS).text, ABSOLUTE_IRI)
        self.assertRegex(feed.find("a:updated", NS).text, RFC3339)
        self.assertTrue(feed.findall("a:author/a:name", NS), "a feed needs an author (RFC 4287 4.1.1)")
        self.assertEqual(len(feed.findall("a:link[@rel='self']", NS)), 1)
        entries = feed.findall("a:entry", NS)
        ids = [e.find("a:id", NS).text for e in entries]
        self.assertEqual(len(ids), len(set(ids)), "entry ids must be unique")
        for entry in entries:
            for name in ("id", "title", "updated"):
                self.assertEqual(len(entry.findall("a:" + name, NS)), 1, name)
            self.assertRegex(entry.find("a:id", NS).text, ABSOLUTE_IRI)
            self.assertRegex(entry.find("a:updated", NS).text, RFC3339)
            alternates = entry.findall("a:link[@rel='alternate']", NS)
            self.assertLessEqual(len(alternates), 1)
            self.assertTrue(alternates or entry.find("a:content", NS) is not None,
                            "an entry needs a link or its content (RFC 4287 4.1.2)")
            for part in entry.findall("a:summary", NS) + entry.findall("a:content", NS):
                self.assertEqual(part.get("type"), "html")
                tags = MarkOnly()
                tags.feed(part.text or "")
                self.assertLessEqual(tags.tags, {"mark"}, part.text)
        times = [e.find("a:updated", NS).text for e in entries]
        self.assertEqual(times, sorted(times, reverse=True), "newest first")
        if entries:
            self.assertEqual(feed.find("a:updated", NS).text, times[0])
        return feed

    def test_a_search_as_a_valid_feed_newest_first(self):
        feed = self.validate(self.fetch("/?q=oil&region=norway&sort=relevance&page=2&format=atom"))
        self.assertEqual(feed.find("a:id", NS).text, "tag:newsdesk,2026:search?q=oil&region=no")  # the value the name resolves to
        entries = feed.findall("a:entry", NS)
        self.assertEqual([e.find("a:id", NS).text for e in entries],
                         ["tag:newsdesk,2026:article:oil-%02d" % i for i in (4, 8, 12, 0)])
        self.assertEqual(feed.find("a:updated", NS).text, "2024-09-05T09:00:00Z")
        self_link = feed.find("a:link[@rel='self']", NS).get("href")
        self.assertTrue(self_link.startswith(self.server.url), self_link)
        self.assertTrue(self_link.endswith("?q=oil&region=no&format=atom"), self_link)
        page = feed.find("a:link[@rel='alternate']", NS).get("href")
        self.assertEqual(page, self_link[:-len("&format=atom")])
        # An article without a URL of its own links to the page's view of it.
        links = [e.find("a:link[@rel='alternate']", NS).get("href") for e in entries]
        self.assertEqual(links[1], "https://news.example.org/oil/8")
        self.assertTrue(links[2].startswith(self.server.url) and links[2].endswith("?id=oil-12"), links[2])
        self.assertIn("<mark>", entries[0].find("a:summary", NS).text)

    def test_the_page_links_to_its_feed(self):
        status, _, page = self.server.get("/?q=oil&region=nigeria&from=-6m&sort=oldest&page=1")
        self.assertEqual(status, 200)
        m = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)">', page)
        self.assertTrue(m, page[:1500])
        href = m.group(1).replace("&amp;", "&")
        self.assertEqual(href, "?q=oil&region=ng&from=-6m&format=atom")
        feed = self.validate(self.fetch("/" + href))
        # As of 2025-12-10, the last six months of Nigeria's oil stories (from 10 June), newest first.
        self.assertEqual([e.find("a:id", NS).text for e in feed.findall("a:entry", NS)],
                         ["tag:newsdesk,2026:article:oil-09", "tag:newsdesk,2026:article:oil-13"])

    def test_hostile_text_stays_text_and_every_feed_validates(self):
        for target in ("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&format=atom",
                       "/?q=oil&actor=%22%3E%3Cimg%20src%3Dx%3E&format=atom",
                       "/?format=atom", "/?q=harvest&format=atom", "/?q=nothingmatches&format=atom"):
            with self.subTest(target=target):
                body = self.fetch(target)
                self.assertNotIn("<script", body)
                self.assertNotIn("<img", body)
                self.validate(body)

    def test_a_reader_sees_new_articles_after_a_reindex(self):
        before = self.validate(self.fetch("/?q=oil&region=norway&format=atom"))
        story = self.write("new.jsonl", ndtest.jsonl({
            "id": "oil-new", "title": "Oil field <opens> & flows", "body": "A new oil field opened in Norway.",
            "date": "2025-12-09T07:30:00Z", "source": "Fixture Wire", "regions": ["Norway"], "topics": ["energy"]}))
        ndtest.index(self.db, story, check=True)
        after = self.validate(self.fetch("/?q=oil&region=norway&format=atom"))
        first = after.find("a:entry", NS)
        self.assertEqual(first.find("a:id", NS).text, "tag:newsdesk,2026:article:oil-new")
        self.assertEqual(first.find("a:title", NS).text, "Oil field <opens> & flows")
        self.assertEqual(after.find("a:updated", NS).text, "2025-12-09T07:30:00Z")
        self.assertGreater(after.find("a:updated", NS).text, before.find("a:updated", NS).text)
        # The ids of the entries seen before are the same: a reader marks only the new one unread.
        old = {e.find("a:id", NS).text for e in before.findall("a:entry", NS)}
        self.assertLessEqual(old, {e.find("a:id", NS).text for e in after.findall("a:entry", NS)})

    def test_a_validator_would_catch_a_broken_feed(self):
        # The checks above are only worth having if they fail: a feed without its id is refused.
        body = self.fetch("/?q=oil&format=atom")
        broken = re.sub(r"<id>tag:newsdesk,2026:search\?[^<]*</id>", "", body, count=1)
        path = self.write("broken.xml", broken)
        self.assertNotEqual(ndtest.run([JING, "-c", SCHEMA, path]).returncode, 0)


if __name__ == "__main__":
    ndtest.main()
