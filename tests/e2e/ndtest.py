"""Shared helpers for newsdesk's end-to-end tests.

Each test script under tests/e2e is a Python unittest run by CTest against the
real programs. CTest passes the paths in NEWSDESK_BUILD_DIR, NEWSDESK_SOURCE_DIR
and NEWSDESK_SHARED_DIR; a script run by hand falls back to ./build and ../shared.
Exit status 77 tells CTest a test was skipped (e.g. Reuters-21578 is absent).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ.get("NEWSDESK_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD_DIR = os.environ.get("NEWSDESK_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
SHARED_DIR = os.environ.get("NEWSDESK_SHARED_DIR", os.path.join(SOURCE_DIR, "..", "shared"))

INDEX = os.path.join(BUILD_DIR, "indexer", "newsdesk-index")
SEARCH = os.path.join(BUILD_DIR, "searcher", "newsdesk-search")
CGI = os.path.join(BUILD_DIR, "searcher", "newsdesk.cgi")
REUTERS_DIR = os.path.join(SHARED_DIR, "corpora", "reuters21578")
SEED_FILE = os.path.join(SHARED_DIR, "seed", "000_50661339712cdf9b.txt")
SAMPLE_CORPUS = os.path.join(SOURCE_DIR, "corpus", "sample")

SKIP = 77

# The programs under test are built with AddressSanitizer and UBSan (CTest sets
# this for the sanitizer build): they run 3-10 times slower, so every time limit
# on them is multiplied, as CTest multiplies each test's own.
SANITIZED = os.environ.get("NEWSDESK_SANITIZED") == "1"
SLOWDOWN = 6 if SANITIZED else 1


def reuters_available():
    return os.path.exists(os.path.join(REUTERS_DIR, "reut2-000.sgm"))


def require_reuters(test):
    """Skip @p test (a TestCase) with a message when Reuters-21578 is absent."""
    if not reuters_available():
        test.skipTest("Reuters-21578 not found at %s; skipping" % REUTERS_DIR)


def run(args, check=False, timeout=600, **kw):
    """Run a program; returns CompletedProcess with text stdout/stderr. @p timeout
    is in seconds of an uninstrumented build (see SLOWDOWN)."""
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout * SLOWDOWN,
                       stdin=subprocess.DEVNULL, **kw)
    if check and p.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s"
                             % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def index(db, *inputs, check=False, extra=(), **kw):
    return run([INDEX, "--db", db, *extra, *inputs], check=check, **kw)


def search_json(db, *args, check=True, **kw):
    p = run([SEARCH, "--db", db, "--format", "json", *args], check=check, **kw)
    return json.loads(p.stdout) if p.returncode == 0 else p


def resolved_values(db, facet, names):
    """name -> the value @db gives it (as --region NAME resolves it: "usa" -> "us")."""
    names, out = sorted(set(names)), {}
    for start in range(0, len(names), 50):
        batch = names[start:start + 50]
        args = [a for name in batch for a in ("--" + facet, name)]
        got = search_json(db, *args, "--facets", "", "--limit", "0")["filters"][facet]
        if len(got) != len(batch):  # two names of one value: ask one by one
            got = [search_json(db, "--" + facet, name, "--facets", "", "--limit", "0")["filters"][facet][0]
                   for name in batch]
        out.update(zip(batch, got))
    return out


class TempDirTestCase(unittest.TestCase):
    """A test case with a fresh temporary directory in self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsdesk-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, content, mode="w"):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, mode) as f:
            f.write(content)
        return p


def main():
    """unittest.main(), exiting 77 when every test was skipped."""
    prog = unittest.main(exit=False, verbosity=2)
    r = prog.result
    if r.testsRun and len(r.skipped) == r.testsRun:
        sys.exit(SKIP)
    sys.exit(0 if r.wasSuccessful() else 1)


def delve(*args):
    """xapian-delve's output (the stock tool reading our database)."""
    return run(["xapian-delve", *args], check=True).stdout


def doc_count(db):
    for line in delve(db).splitlines():
        if line.startswith("number of documents = "):
            return int(line.split("=")[1])
    raise AssertionError("xapian-delve printed no document count for " + db)


def shards(db):
    """The shard databases the stub of newsdesk database @p db lists, in order."""
    with open(os.path.join(db, "XAPIANDB")) as f:
        words = f.read().split()
    return [os.path.join(db, target) for keyword, target in zip(words[::2], words[1::2]) if keyword == "auto"]


def metadata(db, key):
    return run(["xapian-metadata", "get", db, key], check=True).stdout.rstrip("\n")


def jsonl(*articles):
    """JSON Lines text for @p articles (dicts)."""
    return "".join(json.dumps(a) + "\n" for a in articles)


def postings(db, term):
    """Document ids indexed by @p term (xapian-delve -t)."""
    return [int(x) for x in delve("-1", "-t", term, db).split("\n", 1)[1].split()]


def terms(db, docid):
    """The terms of document @p docid (xapian-delve -r)."""
    return set(delve("-1", "-r", str(docid), db).split("\n", 1)[1].split())
