"""lighttpd serving newsdesk.cgi on a free loopback port, for the web tests.

Shared by cgi_server_test.py and browser_test.py. The fixture is a small set
of JSON Lines articles, indexed with the real newsdesk-index.
"""
import http.client
import os
import socket
import subprocess
import time

import ndtest

LIGHTTPD = "/usr/sbin/lighttpd"

REGIONS = ["Norway", "Nigeria", "Brazil", "Saudi Arabia"]


def fixture_articles():
    """24 articles: 16 on oil (more than a page), over 2024 and 2025, in four regions."""
    articles = []
    for i in range(16):
        region = REGIONS[i % 4]
        year = 2024 + (i % 2)
        month = 1 + (i * 5) % 12
        articles.append({
            "id": "oil-%02d" % i,
            "title": "Oil output report %d from %s" % (i, region),
            "body": "Crude oil production in %s changed this month. Analysts expect "
                    "prices to follow the pipeline news. Story number %d." % (region, i),
            "date": "%d-%02d-%02dT09:00:00Z" % (year, month, 1 + i),
            "source": "Fixture Wire",
            "url": "https://news.example.org/oil/%d" % i if i % 3 else "",
            "actors": ["OPEC"] if i % 2 else ["Equinor"],
            "regions": [region],
            "topics": ["energy"],
        })
    for i in range(8):
        articles.append({
            "id": "farm-%02d" % i,
            "title": "Harvest update %d" % i,
            "body": "Wheat and maize harvests were reported in %s." % REGIONS[i % 4],
            "date": "2025-%02d-10" % (1 + i),
            "source": "Fixture Wire",
            "actors": [],
            "regions": [REGIONS[i % 4]],
            "topics": ["agriculture"],
        })
    return articles


def build_fixture_db(test, directory):
    """Index the fixture into @p directory/db; skips @p test when the indexer is not built."""
    if not os.access(ndtest.INDEX, os.X_OK):
        test.skipTest("newsdesk-index is not built at %s; skipping" % ndtest.INDEX)
    source = os.path.join(directory, "fixture.jsonl")
    with open(source, "w") as f:
        f.write(ndtest.jsonl(*fixture_articles()))
    db = os.path.join(directory, "db")
    ndtest.index(db, source, check=True)
    return db


def require_server(test):
    if not os.access(ndtest.CGI, os.X_OK):
        test.skipTest("newsdesk.cgi is not built at %s; skipping" % ndtest.CGI)
    if not os.access(LIGHTTPD, os.X_OK):
        test.skipTest("lighttpd is not installed (scripts/install-deps.sh); skipping")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quote(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


class Lighttpd:
    """lighttpd running newsdesk.cgi against @p db (which may be missing).

    @p program and @p env run another CGI program instead (the benchmark's Omega).
    """

    def __init__(self, directory, db, fastcgi=False, program=None, env=None):
        self.dir = directory
        self.db = db
        self.fastcgi = fastcgi
        self.program = program or ndtest.CGI
        self.env = env if env is not None else {"NEWSDESK_DB": db}
        self.port = None
        self.process = None

    def config(self):
        www = os.path.join(self.dir, "www")
        os.makedirs(www, exist_ok=True)
        name = os.path.basename(self.program).removesuffix(".cgi") + ".cgi"
        link = os.path.join(www, name)
        if not os.path.exists(link):
            os.symlink(os.path.abspath(self.program), link)
        env = ", ".join("%s => %s" % (quote(k), quote(v)) for k, v in self.env.items())
        lines = [
            'server.bind = "127.0.0.1"',
            "server.port = %d" % self.port,
            "server.document-root = " + quote(www),
            "server.errorlog = " + quote(os.path.join(self.dir, "error.log")),
            # Hand the query string to the CGI exactly as the client sent it
            # (as Apache does), so the CGI's own decoding is what is tested.
            'server.http-parseopts = ( "url-normalize" => "disable" )',
        ]
        if self.fastcgi:
            lines += [
                'server.modules = ( "mod_fastcgi" )',
                'fastcgi.server = ( "/" => (( "bin-path" => %s, "socket" => %s, "max-procs" => 1,'
                ' "check-local" => "disable", "bin-environment" => ( %s ) )) )'
                % (quote(link), quote(os.path.join(self.dir, "fcgi.sock")), env),
            ]
        else:
            lines += [
                'server.modules = ( "mod_cgi", "mod_setenv" )',
                "index-file.names = ( %s )" % quote(name),
                'cgi.assign = ( ".cgi" => "" )',
                "setenv.add-environment = ( %s )" % env,
            ]
        path = os.path.join(self.dir, "lighttpd.conf")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def start(self):
        for _ in range(5):  # another process may take the free port first
            self.port = free_port()
            self.process = subprocess.Popen([LIGHTTPD, "-D", "-f", self.config()],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT)
            if self.wait_until_listening():
                return self
            self.stop()
        raise AssertionError("lighttpd did not start; its log:\n" + self.log())

    def wait_until_listening(self, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def log(self):
        try:
            with open(os.path.join(self.dir, "error.log")) as f:
                return f.read()
        except OSError:
            return "(no error.log)"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()

    @property
    def url(self):
        return "http://127.0.0.1:%d/" % self.port

    def get(self, target, method="GET"):
        """(status, headers as a dict with lower-case names, body text) for raw @p target ("/?q=x")."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            if method == "POST":
                conn.putheader("Content-Type", "application/x-www-form-urlencoded")
                conn.putheader("Content-Length", "5")
                conn.endheaders(b"q=oil")
            else:
                conn.endheaders()
            r = conn.getresponse()
            body = r.read().decode("utf-8", "replace")
            return r.status, {k.lower(): v for k, v in r.getheaders()}, body
        finally:
            conn.close()
