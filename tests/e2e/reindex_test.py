"""Reindexing by cron: the entry point under cron's environment, overlapping
runs, SIGKILL at random moments, and searches running all the while."""
import fcntl
import os
import random
import signal
import subprocess
import threading
import time

import ndtest
from ndtest import INDEX, SEARCH, SOURCE_DIR, doc_count, jsonl, run

REINDEX = os.path.join(SOURCE_DIR, "scripts", "newsdesk-reindex")
ARTICLES = [{"id": "c%d" % i, "title": "Grid sabotage report %d" % i, "body": "Power lines were cut.",
             "date": "2025-0%d-01" % (1 + i % 9), "regions": ["Ukraine"]} for i in range(5)]


def check_live_index(db):
    """xapian-check on every shard of the live generation."""
    for shard in ndtest.shards(db):
        run(["xapian-check", shard], check=True)


def cron_run(config, *args):
    """The entry point as cron runs it: empty environment, no stdin, no TTY."""
    return subprocess.run(["env", "-i", "NEWSDESK_INDEX=" + INDEX, "/bin/sh", REINDEX, "--config", config, *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300 * ndtest.SLOWDOWN,
                          cwd="/")


class CronEntryPointTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.db = self.path("db")
        self.write("in/wire.jsonl", jsonl(*ARTICLES))
        self.config = self.write("newsdesk.conf", "db = %s\ninput = %s\nprune = true\n" % (self.db, self.path("in")))

    def test_runs_under_env_i_and_logs_one_line(self):
        p = cron_run(self.config)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = [l for l in p.stderr.splitlines() if l.startswith("newsdesk-reindex: ")]
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertIn("ok: 5 added", lines[0])
        self.assertEqual(doc_count(self.db), 5)
        p = cron_run(self.config)
        self.assertIn("ok: 0 added, 0 updated, 5 unchanged", p.stderr)

    def test_rejected_input_gives_status_1_and_says_so(self):
        self.write("in/broken.jsonl", "{oops\n")
        p = cron_run(self.config)
        self.assertEqual(p.returncode, 1)
        self.assertIn("broken.jsonl:1: error", p.stderr)
        self.assertIn("rejected", p.stderr.splitlines()[-1])

    def test_overlapping_run_exits_75_naming_the_running_one(self):
        cron_run(self.config)
        with open(os.path.join(self.db, "newsdesk.lock"), "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.write("pid 999, started 2026-11-27 03:00:00 UTC\n")
            f.flush()
            start = time.monotonic()
            p = cron_run(self.config)
        self.assertEqual(p.returncode, 75)
        self.assertLess(time.monotonic() - start, 10)
        self.assertIn("pid 999", p.stderr)
        self.assertIn("another indexer is running", p.stderr)

    def test_missing_config_is_a_clear_error(self):
        p = cron_run(self.path("nope.conf"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("cannot read config", p.stderr)


class Searches(threading.Thread):
    """Runs newsdesk-search in a loop until stopped, recording every failure."""
    QUERIES = ["oil", "trade deficit", "bank rate", "\"money supply\"", "grain", "opec AND crude", ""]

    def __init__(self, db):
        super().__init__(daemon=True)
        self.db, self.done, self.failures, self.count = db, threading.Event(), [], 0

    def run(self):
        while not self.done.is_set():
            q = self.QUERIES[self.count % len(self.QUERIES)]
            p = run([SEARCH, "--db", self.db, "--format", "json", "--limit", "3", q], timeout=60)
            if p.returncode != 0:
                self.failures.append((q, p.returncode, p.stderr))
            self.count += 1


class KillTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        ndtest.require_reuters(self)
        if not os.path.exists(SEARCH):
            self.skipTest("newsdesk-search is not built")
        self.db = self.path("db")

    def committed(self):
        try:
            return doc_count(self.db)
        except AssertionError:
            return 0

    def kill_at_random_moment(self, rng):
        proc = subprocess.Popen([INDEX, "--db", self.db, "--quiet", "--batch", "300", ndtest.REUTERS_DIR],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline, seen = time.monotonic() + rng.uniform(1.0, 6.0), 0
        while time.monotonic() < deadline and proc.poll() is None:
            seen = max(seen, self.committed())
            time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check_live_index(self.db)
        after = self.committed()
        self.assertGreaterEqual(after, seen, "articles committed before the kill were lost")
        return after

    def test_sigkill_at_random_moments_then_complete_with_searches_running(self):
        rng = random.Random(int(os.environ.get("NEWSDESK_KILL_SEED", "1987")))
        # A first commit, so that searchers have a database to open.
        run([INDEX, "--db", self.db, "--quiet", os.path.join(ndtest.REUTERS_DIR, "reut2-000.sgm")], check=True)
        searches = Searches(self.db)
        searches.start()
        counts = [self.kill_at_random_moment(rng) for _ in range(3)]
        p = run([INDEX, "--db", self.db, ndtest.REUTERS_DIR], check=True)
        self.assertEqual(doc_count(self.db), 21578, p.stdout)
        check_live_index(self.db)
        # A full rebuild while searching: searchers move to the new index unharmed.
        run([INDEX, "--db", self.db, "--quiet", "--rebuild", ndtest.REUTERS_DIR], check=True)
        self.assertEqual(doc_count(self.db), 21578)
        while searches.count < 400:
            time.sleep(0.2)
        searches.done.set()
        searches.join()
        self.assertEqual(searches.failures, [], "searches failed during reindexing")
        print("kills left %s committed; %d searches ran" % (counts, searches.count))

    def kill_parallel_build(self, rng, *args):
        """Starts a build of all of Reuters by two writers and SIGKILLs it."""
        proc = subprocess.Popen([INDEX, "--db", self.db, "--quiet", "--jobs", "2", *args, ndtest.REUTERS_DIR],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def test_sigkill_during_parallel_builds(self):
        rng = random.Random(int(os.environ.get("NEWSDESK_KILL_SEED", "1987")))
        # A first build killed: the next run builds it all.
        self.kill_parallel_build(rng)
        run([INDEX, "--db", self.db, "--quiet", "--jobs", "2", ndtest.REUTERS_DIR], check=True)
        self.assertEqual(doc_count(self.db), 21578)
        self.assertEqual(len(ndtest.shards(self.db)), 1)  # merged
        check_live_index(self.db)
        # Rebuilds killed while searches run: the live index is untouched.
        searches = Searches(self.db)
        searches.start()
        live = ndtest.shards(self.db)
        for _ in range(2):
            self.kill_parallel_build(rng, "--rebuild", "--compact", "shards")
            self.assertEqual(ndtest.shards(self.db), live)
            self.assertEqual(doc_count(self.db), 21578)
            check_live_index(self.db)
        run([INDEX, "--db", self.db, "--quiet", "--jobs", "2", "--rebuild", "--compact", "shards", ndtest.REUTERS_DIR],
            check=True)
        self.assertEqual(len(ndtest.shards(self.db)), 2)
        check_live_index(self.db)
        self.assertEqual(doc_count(self.db), 21578)
        generations = [name for name in os.listdir(self.db) if name.startswith("gen-")]
        self.assertEqual(len(generations), 1, "leftovers of the killed builds: %s" % generations)
        searches.done.set()
        searches.join()
        self.assertEqual(searches.failures, [], "searches failed during the rebuilds")


if __name__ == "__main__":
    ndtest.main()
