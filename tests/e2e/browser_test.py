"""The search page in a real browser: lighttpd serves newsdesk.cgi, and
tests/browser/search.spec.mjs drives Debian's headless Chromium through it
with playwright-core (installed by scripts/test.sh: npm install in tests/browser).
Screenshots are saved in the build directory (browser-screenshots/).
"""
import os
import shutil

import ndtest
import webserver

BROWSER_DIR = os.path.join(ndtest.SOURCE_DIR, "tests", "browser")
CHROMIUM = "/usr/bin/chromium"


class BrowserTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        webserver.require_server(self)
        if not os.access(CHROMIUM, os.X_OK):
            self.skipTest("Chromium is not installed at %s (scripts/install-deps.sh); skipping" % CHROMIUM)
        if not shutil.which("node"):
            self.skipTest("node is not installed; skipping")
        if not os.path.isdir(os.path.join(BROWSER_DIR, "node_modules", "playwright-core")):
            self.skipTest("playwright-core is not installed: run npm install in %s; skipping" % BROWSER_DIR)

    def test_search_facet_histogram_chip_and_paging(self):
        db = webserver.build_fixture_db(self, self.tmp)
        # A fixed "now" for relative dates: the page's past day/week/month/year links give known counts.
        server = webserver.Lighttpd(self.path("server"), db, env={"NEWSDESK_DB": db, "NEWSDESK_NOW": "2025-06-20"})
        os.makedirs(server.dir)
        server.start()
        self.addCleanup(server.stop)
        # The demo's database (scripts/demo.sh indexes the sample corpus so).
        demo_db = self.path("demo-db")
        ndtest.index(demo_db, os.path.join(ndtest.SOURCE_DIR, "corpus", "sample"), check=True, extra=("--quiet",))
        demo = webserver.Lighttpd(self.path("demo-server"), demo_db)
        os.makedirs(demo.dir)
        demo.start()
        self.addCleanup(demo.stop)
        screenshots = os.path.join(ndtest.BUILD_DIR, "browser-screenshots")
        os.makedirs(screenshots, exist_ok=True)
        p = ndtest.run(["node", os.path.join(BROWSER_DIR, "search.spec.mjs"), server.url, screenshots, demo.url],
                       timeout=120, cwd=BROWSER_DIR, env=dict(os.environ, HOME=self.tmp))
        print(p.stdout)
        self.assertEqual(p.returncode, 0, "browser test failed:\n%s\n%s\nserver log:\n%s"
                         % (p.stdout, p.stderr, server.log()))
        self.assertTrue(os.path.getsize(os.path.join(screenshots, "search-page.png")) > 10000)


if __name__ == "__main__":
    ndtest.main()
