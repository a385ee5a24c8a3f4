#!/usr/bin/env python3
"""Shards on other machines, on loopback: Reuters served by stock xapian-tcpsrv.

One local database of all Reuters is the reference. Against it:
  - the four shards of one parallel build (--jobs 4 --compact shards), each
    served by its own xapian-tcpsrv;
  - four databases indexed separately, each by its own newsdesk-index run
    over the same files (--shard K/4), as a cluster's machines index, each
    finding its stories among every part's articles;
and a replica kept by xapian-replicate from an indexing database.
"""
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import ndtest
from ndtest import INDEX, SEARCH, run

TCPSRV = shutil.which("xapian-tcpsrv")
REPLICATE = shutil.which("xapian-replicate")
REPLICATE_SERVER = shutil.which("xapian-replicate-server")

WORDS = ["oil", "prices", "dollar", "bank", "trade", "coffee", "cocoa", "grain", "wheat", "gold",
         "shares", "profit", "loss", "dividend", "merger", "tariff", "yen", "interest rates",
         "opec", "crude", "sugar", "japan", "export", "deficit", "strike", "acquisition",
         "said", "money supply", "inflation", "debt", "ship", "copper", "corn", "soybean",
         "earnings", "billion", "stake", "offer", "venezuela", "brazil"]
FILTERS = [[], ["--region", "usa"], ["--topic", "crude"], ["--region", "japan", "--region", "uk"],
           ["--from", "1987-03-01", "--to", "1987-03-31"]]
FACETS = ["--facets", "actor,region,topic,date"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries(n=200):
    """@p n queries: words, pairs, phrases, negations and fields, fixed by a seed."""
    rng = random.Random(1987)
    out = []
    while len(out) < n:
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        form = rng.randrange(6)
        out.append([a, "%s %s" % (a, b), '"%s"' % a, "%s -%s" % (a, b), "title:%s" % a.split()[0],
                    "%s topic:earn" % a][form])
    return out


def long_queries(n=40):
    """@p n queries of three or four words: two or three neighbouring pairs
    for the proximity bonus."""
    rng = random.Random(1986)
    return [" ".join(rng.sample(WORDS, rng.choice((3, 3, 4)))) for _ in range(n)]


def children(pid):
    """The processes whose parent is @p pid (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


class Server:
    """A xapian-tcpsrv serving one shard on a port of 127.0.0.1."""

    def __init__(self, path, port=None):
        self.path, self.port = path, port or free_port()
        self.start()

    def start(self):
        self.proc = subprocess.Popen([TCPSRV, "--interface", "127.0.0.1", "--port", str(self.port), self.path],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("xapian-tcpsrv did not start on port %d" % self.port)

    def kill(self):
        """Kills the server and the processes it forked, one per connection: the machine is gone."""
        for child in children(self.proc.pid):
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    @property
    def name(self):
        return "127.0.0.1:%d" % self.port


def write_stub(directory, servers, settings=()):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "XAPIANDB"), "w") as f:
        for setting in settings:
            f.write("# newsdesk: %s\n" % setting)
        for server in servers:
            f.write("remote %s\n" % server.name)
    return directory


def comparable(result):
    """What must be the same wherever the articles live: totals, hits in
    order and facets. Hits of equal score may come in any order, each
    database breaking ties by its own document ids; so may the copies of a
    story listed for it, when they score the same: the story stands for them.
    Each hit carries whether it is related (outside the articles counted)
    and how many copies its story has."""
    groups = []
    for hit in result["results"]:
        score = round(hit["score"], 6)
        story = (hit.get("cluster") or hit["id"], hit["related"], hit["similar"])
        if groups and groups[-1][0] == score:
            groups[-1][1].add(story)
        else:
            groups.append((score, {story}))
    return {"total": result["total"], "match": result["match"], "hits": groups, "facets": result["facets"]}


def batch(db, lines, *options):
    """Every line of @p lines searched by one newsdesk-search (--queries)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    try:
        start = time.monotonic()
        p = run([SEARCH, "--db", db, "--queries", f.name, *FACETS, *options], check=True)
        return [json.loads(line) for line in p.stdout.splitlines()], time.monotonic() - start
    finally:
        os.unlink(f.name)


def story_keys(db):
    """id -> story key of every article of @p db in a story of several (the
    JSON's "cluster"), as newsdesk-search lists them."""
    keys, offset = {}, 0
    while True:
        page = ndtest.search_json(db, "", "--no-collapse", "--sort", "oldest", "--facets", "",
                                  "--limit", "2000", "--offset", str(offset))["results"]
        keys.update((hit["id"], hit.get("cluster")) for hit in page)
        if len(page) < 2000:
            return keys
        offset += len(page)


TMP = None


def setUpModule():
    global TMP
    if not ndtest.reuters_available() or not TCPSRV:
        return
    TMP = tempfile.mkdtemp(prefix="newsdesk-remote-")


def tearDownModule():
    if TMP:
        shutil.rmtree(TMP, True)


class RemoteTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = []
        if not TCPSRV:
            raise unittest.SkipTest("xapian-tcpsrv not found (Debian package xapian-tools); skipping")
        if not ndtest.reuters_available():
            raise unittest.SkipTest("Reuters-21578 not found at %s; skipping" % ndtest.REUTERS_DIR)
        cls.local = os.path.join(TMP, "local")
        if not os.path.exists(cls.local):
            ndtest.index(cls.local, ndtest.REUTERS_DIR, check=True, extra=("--quiet", "--jobs", "4"))

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            if server.proc.poll() is None:
                server.kill()

    @classmethod
    def serve(cls, paths):
        servers = [Server(path) for path in paths]
        cls.servers.extend(servers)
        return servers

    @classmethod
    def serve_parallel_build(cls, name, jobs):
        """Servers for the @p jobs shards of a parallel build of Reuters."""
        built = os.path.join(TMP, name)
        ndtest.index(built, ndtest.REUTERS_DIR, check=True, extra=("--quiet", "--jobs", str(jobs), "--compact", "shards"))
        shards = ndtest.shards(built)
        assert len(shards) == jobs, shards
        return cls.serve(shards)

    def assert_same_answers(self, remote, options=(), lines=None):
        lines = lines or queries()
        for filters in FILTERS:
            ours, _ = batch(remote, lines, *filters, *options)
            theirs, _ = batch(self.local, lines, *filters, *options)
            for query, a, b in zip(lines, ours, theirs):
                self.assertIsNone(a["partial"], query)
                self.assertEqual(comparable(a), comparable(b), "%s with %s" % (query, filters))


class ParallelBuildShardsTest(RemoteTestCase):
    """The four shards of one parallel build, on four servers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.remote = write_stub(os.path.join(TMP, "remote4"), cls.serve_parallel_build("built", 4))

    def test_answers_equal_the_local_database(self):
        self.assert_same_answers(self.remote)

    def test_every_score_is_what_explain_adds_up(self):
        # --explain weighs each term of each part, checking a NEAR by a match
        # of its own. While a NEAR weighed the proximity bonus itself, Xapian
        # 1.4 gave it the weight it had for another article in an OR (3% of
        # the hits of longer queries), a different few in one database and
        # over shards.
        lines = queries(60) + long_queries(40)
        for filters in FILTERS:
            for db in (self.local, self.remote):
                for query, result in zip(lines, batch(db, lines, "--explain", *filters)[0]):
                    for hit in result["results"]:
                        self.assertAlmostEqual(hit["score"], hit["explain"]["score"], places=6,
                                               msg="%s with %s: %s" % (query, filters, hit["id"]))


class SeparatelyIndexedShardsTest(RemoteTestCase):
    """Four databases, each indexed by its own newsdesk-index --shard K/4 run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parts = []
        for k in range(1, 5):
            part = os.path.join(TMP, "part%d" % k)
            ndtest.index(part, ndtest.REUTERS_DIR, check=True, extra=("--quiet", "--shard", "%d/4" % k))
            cls.parts.append(part)
        cls.remote = write_stub(os.path.join(TMP, "separate4"), cls.serve(cls.parts))

    def test_every_article_is_in_exactly_one_part(self):
        totals = [ndtest.search_json(part, "--limit", "0", "--facets", "")["total"]["estimate"] for part in self.parts]
        whole = ndtest.search_json(self.local, "--limit", "0", "--facets", "")["total"]["estimate"]
        self.assertEqual(sum(totals), whole)
        self.assertTrue(all(t > whole / 8 for t in totals), totals)

    def test_answers_equal_the_local_database(self):
        # With the defaults: one hit per story, and feedback, which orders
        # its tied best matches by story. Each part finds its articles'
        # stories among every part's (part-stories), so a story whose copies
        # landed in different parts is one story with one key, as in the
        # local database. Facet values tied at the cut are chosen by value,
        # however each part numbered them.
        self.assert_same_answers(self.remote)

    def test_every_article_has_the_story_key_of_the_local_database(self):
        local = story_keys(self.local)
        self.assertEqual(len(local), 21578)
        self.assertEqual(story_keys(self.remote), local)
        stories = [key for key in local.values() if key]
        self.assertGreater(len(stories), 1000, "articles in a story of several")

    def test_a_part_killed_mid_run_finds_the_same_stories_once_run_again(self):
        # Its stories database commits before the part's own: a run killed
        # between the two leaves it ahead, and the next run places the
        # articles it holds again, grouping them as before.
        killed = os.path.join(TMP, "killed1")
        files = sorted(os.path.join(ndtest.REUTERS_DIR, f) for f in os.listdir(ndtest.REUTERS_DIR) if f.endswith(".sgm"))
        ndtest.index(killed, *files[:4], check=True, extra=("--quiet", "--shard", "1/4"))
        proc = subprocess.Popen([INDEX, "--db", killed, "--quiet", "--batch", "200", "--shard", "1/4", ndtest.REUTERS_DIR],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.Random(1987).uniform(1.5, 3.0))
        self.assertIsNone(proc.poll(), "the run ended before it could be killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ndtest.index(killed, ndtest.REUTERS_DIR, check=True, extra=("--quiet", "--shard", "1/4"))
        together = os.path.join(TMP, "killed-together")
        os.makedirs(together)
        with open(os.path.join(together, "XAPIANDB"), "w") as stub:
            stub.write("".join("auto %s\n" % part for part in [killed] + self.parts[1:]))
        # A story's key is its founder's, and a founder placed again may
        # leave it to another member: the stories are compared by members.
        def groups(keys):
            members = {}
            for id, key in keys.items():
                if key:
                    members.setdefault(key, set()).add(id)
            return sorted(sorted(ids) for ids in members.values())
        self.assertEqual(groups(story_keys(together)), groups(story_keys(self.local)))

    def test_a_rerun_leaves_the_parts_unchanged(self):
        p = ndtest.index(self.parts[0], ndtest.REUTERS_DIR, check=True)
        self.assertIn(" 0 added, 0 updated", p.stderr + p.stdout)


class FailureTest(RemoteTestCase):
    """A server killed mid-run, and started again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first, cls.second = cls.serve_parallel_build("failing", 2)
        cls.partial = write_stub(os.path.join(TMP, "partial"), [cls.first, cls.second], ["timeout 1"])
        cls.strict = write_stub(os.path.join(TMP, "strict"), [cls.first, cls.second],
                                ["timeout 1", "missing-shards error"])

    def timed(self, *args):
        start = time.monotonic()
        p = run([SEARCH, *args], timeout=30)
        return p, time.monotonic() - start

    def test_killed_server_gives_partial_results_or_the_error_and_restart_restores(self):
        full = ndtest.search_json(self.partial, "oil", *FACETS)
        self.assertIsNone(full["partial"])
        # One long-running searcher (as FastCGI keeps one) reading queries
        # through a pipe, and new processes, before and after the kill.
        fifo = os.path.join(TMP, "queries.fifo")
        os.mkfifo(fifo)
        searcher = subprocess.Popen([SEARCH, "--db", self.partial, "--queries", fifo, *FACETS],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with open(fifo, "w") as pipe:
            def ask(query):
                start = time.monotonic()
                pipe.write(query + "\n")
                pipe.flush()
                line = searcher.stdout.readline()
                return json.loads(line), time.monotonic() - start

            before, _ = ask("oil")
            self.assertEqual(before["total"], full["total"])
            self.second.kill()
            for query in ("oil", "dollar", "said"):
                answer, seconds = ask(query)
                self.assertLess(seconds, 2, query)
                self.assertEqual(answer["partial"], {"missing": [self.second.name]})
                self.assertLess(answer["total"]["estimate"], ndtest.search_json(self.local, query, *FACETS)["total"]["estimate"])
            for query in ("oil", "cocoa"):
                p, seconds = self.timed("--db", self.partial, "--format", "json", query, *FACETS)
                self.assertLess(seconds, 2, query)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(json.loads(p.stdout)["partial"], {"missing": [self.second.name]})
                self.assertIn("could not be reached", p.stderr)
                p, seconds = self.timed("--db", self.strict, query)
                self.assertLess(seconds, 2, query)
                self.assertEqual(p.returncode, 69, p.stderr)
                self.assertIn(self.second.name, p.stderr)
            self.second.start()
            after, _ = ask("oil")
            self.assertIsNone(after["partial"])
            self.assertEqual(after["total"], full["total"])
        searcher.wait(timeout=30)
        searcher.stdout.close()
        searcher.stderr.close()
        self.assertIsNone(ndtest.search_json(self.strict, "oil")["partial"])


class ReplicaTest(unittest.TestCase):
    """A searcher's replica follows the indexing database through xapian-replicate."""

    def setUp(self):
        if not (REPLICATE and REPLICATE_SERVER):
            self.skipTest("xapian-replicate not found (Debian package xapian-tools); skipping")
        self.tmp = tempfile.mkdtemp(prefix="newsdesk-replica-")
        self.served = os.path.join(self.tmp, "served")
        self.master = os.path.join(self.served, "news")
        self.replica = os.path.join(self.tmp, "replica")
        self.port = free_port()
        self.server = subprocess.Popen([REPLICATE_SERVER, "--interface", "127.0.0.1", "--port", str(self.port),
                                        self.served], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)

    def tearDown(self):
        self.server.kill()
        self.server.wait()
        shutil.rmtree(self.tmp, True)

    def replicate(self):
        run([REPLICATE, "--host", "127.0.0.1", "--port", str(self.port), "--master", "news", "--one-shot",
             self.replica], check=True, timeout=60)

    def same(self, query):
        ours = ndtest.search_json(self.replica, query, *FACETS)
        theirs = ndtest.search_json(self.master, query, *FACETS)
        self.assertEqual(comparable(ours), comparable(theirs), query)
        return ours

    def test_follows_an_incremental_run_and_a_rebuild(self):
        sample = ndtest.SAMPLE_CORPUS
        ndtest.index(self.master, sample, check=True, extra=("--quiet",))
        self.replicate()
        self.same("oil")
        extra = os.path.join(self.tmp, "extra.jsonl")
        with open(extra, "w") as f:
            f.write(ndtest.jsonl({"id": "zanzibar-1", "title": "Zanzibar clove harvest doubles",
                                  "body": "The Zanzibar clove harvest doubled, traders said.", "date": "2025-03-01"}))
        ndtest.index(self.master, sample, extra, check=True, extra=("--quiet",))
        self.replicate()
        self.assertEqual([h["id"] for h in self.same("zanzibar")["results"]], ["zanzibar-1"])
        # A rebuild switches the master to a new generation; the replica
        # switches to a full copy of it, atomically (Xapian's replica stub).
        ndtest.index(self.master, sample, check=True, extra=("--quiet", "--rebuild"))
        self.replicate()
        self.assertEqual(self.same("zanzibar")["results"], [])
        self.same("")


if __name__ == "__main__":
    ndtest.main()
