"""newsdesk-index end to end: the real binary on real files."""
import fcntl
import json
import os
import re
import sys
import threading
import time

import ndtest
from ndtest import INDEX, doc_count, index, jsonl, run

A1 = {"id": "a1", "title": "Rail bridge sabotaged near Melitopol", "body": "Partisans blew up a rail bridge.",
      "date": "2025-03-14", "actors": ["Atesh"], "regions": ["Ukraine"]}
A2 = {"id": "a2", "title": "Central bank holds rates", "body": "The bank kept its rate at four percent.",
      "date": "2025-04-01", "regions": ["Germany"]}
A3 = {"id": "a3", "title": "Pipeline talks stall", "body": "Gas pipeline negotiations stalled again.",
      "date": "2024-11-30", "topics": ["energy"]}


def summary(p):
    m = re.search(r"(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) deleted, (\d+) rejected", p.stdout)
    assert m, "no summary in output:\n" + p.stdout + p.stderr
    return dict(zip(("added", "updated", "unchanged", "deleted", "rejected"), map(int, m.groups())))


class IncrementalTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.db = self.path("db")
        self.feed = self.write("in/wire.jsonl", jsonl(A1, A2, A3))

    def stub(self):
        with open(os.path.join(self.db, "XAPIANDB")) as f:
            return f.read().split()

    def test_first_run_adds_and_rerun_changes_nothing(self):
        p = index(self.db, self.feed, check=True)
        self.assertEqual(summary(p), dict(added=3, updated=0, unchanged=0, deleted=0, rejected=0))
        self.assertEqual(doc_count(self.db), 3)
        p = index(self.db, self.feed, check=True)
        self.assertEqual(summary(p), dict(added=0, updated=0, unchanged=3, deleted=0, rejected=0))
        self.assertEqual(doc_count(self.db), 3)

    def test_touched_but_identical_file_is_unchanged(self):
        index(self.db, self.feed, check=True)
        os.utime(self.feed, (time.time() + 10, time.time() + 10))
        self.assertEqual(summary(index(self.db, self.feed, check=True))["unchanged"], 3)

    def test_changed_file_replaces_articles_and_drops_removed_ones(self):
        index(self.db, self.feed, check=True)
        changed = dict(A1, title="Second rail bridge sabotaged")
        self.write("in/wire.jsonl", jsonl(changed, A2))
        s = summary(index(self.db, self.feed, check=True))
        self.assertEqual((s["added"], s["updated"], s["deleted"]), (0, 2, 1))
        self.assertEqual(doc_count(self.db), 2)
        self.assertIn("Second rail bridge", ndtest.delve("-d", "-t", "Qa1", self.db))

    def test_a_broken_line_never_costs_an_indexed_article(self):
        index(self.db, self.feed, check=True)
        self.write("in/wire.jsonl", jsonl(A1, A2) + '{"id": "a3", "title": broken\n')
        p = index(self.db, self.feed)
        self.assertEqual(p.returncode, 1)
        self.assertIn("wire.jsonl:3: error", p.stderr)
        self.assertEqual(summary(p)["deleted"], 0)
        self.assertEqual(doc_count(self.db), 3)
        # Fixed, the file is read again and a3 replaced.
        self.write("in/wire.jsonl", jsonl(A1, A2, dict(A3, title="Pipeline talks resume")))
        s = summary(index(self.db, self.feed, check=True))
        self.assertEqual((s["updated"], s["deleted"]), (3, 0))

    def test_an_unchanged_file_with_rejected_records_is_not_read_again(self):
        self.write("in/wire.jsonl", jsonl(A1, A2) + '{"id": "a3", "title": broken\n')
        first = index(self.db, self.feed)
        self.assertEqual((first.returncode, summary(first)["added"], summary(first)["rejected"]), (1, 2, 1))
        # A cron rerun: nothing read, nothing reported, status 0, and the summary says why.
        again = index(self.db, self.feed)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertNotIn("error", again.stderr)
        self.assertEqual(summary(again), dict(added=0, updated=0, unchanged=2, deleted=0, rejected=0))
        self.assertIn("1 record rejected earlier, file unchanged", again.stdout)
        # Touched but not changed: still not read again.
        os.utime(self.feed, (time.time() + 10, time.time() + 10))
        touched = index(self.db, self.feed)
        self.assertEqual(touched.returncode, 0, touched.stderr)
        self.assertIn("1 record rejected earlier, file unchanged", touched.stdout)
        # Changed: read in full, the bad record reported again.
        self.write("in/wire.jsonl", jsonl(A1) + '{"id": "a3", "title": broken\n')
        changed = index(self.db, self.feed)
        self.assertEqual(changed.returncode, 1)
        self.assertIn("wire.jsonl:2: error", changed.stderr)
        self.assertEqual(doc_count(self.db), 2, "a2 is kept while the file has a rejected record")

    def test_gzipped_files_are_read_as_their_name_without_gz_says(self):
        import gzip
        with gzip.open(self.path("in/wire.jsonl.gz"), "wt", encoding="utf-8") as f:
            f.write(jsonl(dict(A1, id="z1"), dict(A2, id="z2")))
        with gzip.open(self.path("in/note.txt.gz"), "wt", encoding="utf-8") as f:
            f.write("Title: Grain silos fill up\nDate: 2025-05-01\n\nFarmers stored a record harvest.\n")
        with open(self.path("in/broken.jsonl.gz"), "wb") as f:
            f.write(gzip.compress(jsonl(A3).encode())[:20])  # cut short
        p = index(self.db, self.path("in"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("broken.jsonl.gz:", p.stderr)
        self.assertIn("truncated", p.stderr)
        self.assertEqual(summary(p)["added"], 3 + 2 + 1)
        found = ndtest.search_json(self.db, "title:silos")
        self.assertEqual([r["title"] for r in found["results"]], ["Grain silos fill up"])
        self.assertEqual(found["results"][0]["date"], "2025-05-01")
        again = index(self.db, self.path("in"))
        self.assertEqual(summary(again)["unchanged"], 6)

    def test_a_json_export_and_a_csv_dump_are_read_by_their_field_names(self):
        # The shape of a Telegram channel export, pretty-printed; and a CSV dump.
        export = {"name": "Channel", "type": "public_channel", "messages": [
            {"id": 1, "type": "message", "date": "2025-03-14T10:00:00", "text": "Rail bridge blown up. More soon.",
             "category": "conflict"},
            {"id": 2, "type": "service", "action": "pin_message"}]}
        self.write("in/result.json", json.dumps(export, indent=1))
        self.write("in/news.csv", "label;text\nsport;Match report: the home side won.\n")
        p = index(self.db, self.path("in"), check=True)
        s = summary(p)
        self.assertEqual((s["added"], s["rejected"]), (3 + 1 + 1, 0))
        found = ndtest.search_json(self.db, "blown", "--facets", "topic")
        hit = found["results"][0]
        self.assertEqual((hit["title"], hit["source"], hit["date"]), ("Rail bridge blown up.", "Channel", "2025-03-14"))
        self.assertEqual([t["value"] for t in hit["topics"]], ["conflict"])
        match = ndtest.search_json(self.db, "match report")["results"][0]
        self.assertEqual((match["title"], [t["value"] for t in match["topics"]]),
                         ("Match report: the home side won.", ["sport"]))

    def write_large_export(self, name, records):
        """A Telegram-shaped export of @records posts, each with its text split into runs as
        Telegram's "text_entities" has it: about 4.3 KB a post, most of it many small objects,
        which a whole-file DOM holds at several times their size."""
        words = ("rail bridge bank rates pipeline talks gas energy market election minister court strike "
                 "port harbour flood drought grain export import budget council").split()
        runs = json.dumps([{"type": "plain", "text": words[k % len(words)]} for k in range(110)])
        path = self.path(name)
        with open(path, "w") as f:
            f.write('{\n "name": "Bench Channel",\n "type": "public_channel",\n "id": 42,\n "messages": [\n')
            for i in range(records):
                text = " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(25))
                f.write('%s  {"id": %d, "type": "message", "date": "2025-%02d-%02dT10:00:00", "text": "%s. Post %d.", '
                        '"text_entities": %s}' % (",\n" if i else "", i + 1, i % 12 + 1, i % 28 + 1, text, i, runs))
            f.write("\n ]\n}\n")
        return path

    def test_a_large_export_is_read_in_memory_that_does_not_grow_with_it(self):
        # Instrumented, the indexer reads this export at about 100 posts a second, and
        # the memory bound is not checked (below): a tenth of it still streams past
        # a language batch (4,096 articles) and hundreds of hashed blocks.
        records = 4600 if ndtest.SANITIZED else 46000
        export = self.write_large_export("in/channel.json", records)
        size = os.path.getsize(export)
        self.assertGreater(size, (18 if ndtest.SANITIZED else 180) << 20)
        # Peak memory of the indexer alone: a fresh child measures its own children.
        measure = ("import resource, subprocess, sys\n"
                   "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
                   "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr)\n"
                   "print('maxrss-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
                   "sys.exit(p.returncode)\n")
        started = time.monotonic()
        p = run([sys.executable, "-c", measure, ndtest.INDEX, "--db", self.db, "--language", "english", export],
                check=True)
        elapsed = time.monotonic() - started
        peak = int(re.search(r"maxrss-kib (\d+)", p.stdout).group(1)) << 10
        # Read whole, the file and its DOM took several times its size (1.1 GB for 200 MB).
        # AddressSanitizer's shadow memory and quarantine multiply what a
        # program holds: the bound is for the programs users run.
        if not ndtest.SANITIZED:
            self.assertLess(peak, 400 << 20, "peak RSS %d MB for a %d MB export" % (peak >> 20, size >> 20))
        self.assertEqual(summary(p), dict(added=records, updated=0, unchanged=0, deleted=0, rejected=0))
        found = ndtest.search_json(self.db, str(records - 1))
        self.assertEqual(found["total"]["estimate"], 1)
        self.assertEqual(found["results"][0]["source"], "Bench Channel", "the export's name")
        print("\n%d MB export, %d records: peak RSS %d MB, %.1f s" % (size >> 20, records, peak >> 20, elapsed),
              file=sys.stderr)
        # Hashed in blocks, it is still recognised as unchanged when touched.
        os.utime(export, (time.time() + 10, time.time() + 10))
        self.assertEqual(summary(index(self.db, export, check=True))["unchanged"], records)

    def test_an_export_hashed_in_blocks_has_the_hash_it_has_when_read_whole(self):
        export = self.write("in/export.json", json.dumps([{"id": 1, "text": "Rail bridge blown up."}]))
        self.assertEqual(summary(index(self.db, export, check=True))["added"], 1)  # streamed, hashed in blocks
        # Touched and forced to be JSON Lines, it would be read whole and rejected, but its
        # whole-file hash is the one recorded: it is not read again.
        os.utime(export, (time.time() + 10, time.time() + 10))
        again = index(self.db, export, extra=("--format", "jsonl"), check=True)
        self.assertEqual(summary(again), dict(added=0, updated=0, unchanged=1, deleted=0, rejected=0))

    def test_a_streamed_export_is_rejected_whole_for_damage_anywhere_in_it(self):
        posts = ",\n".join('  {"id": %d, "text": "Post number %d."}' % (i, i) for i in range(3000))
        export = self.write("in/export.json", ("[\n" + posts + ',\n  {"id": 3000, "text": "bad ').encode()
                            + b'\xff"}\n]\n', mode="wb")
        p = index(self.db, export)
        self.assertEqual(p.returncode, 1)
        self.assertIn("export.json:3002: error: invalid UTF-8", p.stderr)
        self.assertEqual(summary(p)["added"], 0)
        self.write("in/export.json", "[\n" + posts + ',\n  {"id": 3000, "text": }\n]\n')
        p = index(self.db, export)
        self.assertEqual(p.returncode, 1)
        self.assertIn("export.json: error: malformed JSON: parse error at line 3002", p.stderr)
        self.assertEqual(summary(p)["added"], 0)
        self.write("in/export.json", "[\n" + posts + "\n]\n")
        self.assertEqual(summary(index(self.db, export, check=True))["added"], 3000)

    def test_a_file_like_no_supported_format_is_rejected_saying_what_it_looks_like(self):
        self.write("odd/picture.xml", '<?xml version="1.0"?>\n<svg width="10"><rect/></svg>\n')
        self.write("odd/dump.dat", "".join("%d,name %d,%d\n" % (i, i, i * 7) for i in range(20)))
        self.write("odd/blob.txt", "QUJD" * 600 + "\n")
        self.write("odd/story.txt", "Title: Still an article\n\nPlain text, as ever.\n")
        p = index(self.db, self.path("odd"))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("picture.xml: error: looks like XML or HTML (<svg...)", p.stderr)
        self.assertIn("dump.dat: error: looks like a table (columns separated by ',')", p.stderr)
        self.assertIn("blob.txt: error: looks like encoded data", p.stderr)
        self.assertEqual(doc_count(self.db), 1)
        # Asked to, it reads what it was told.
        index(self.db, self.path("odd", "dump.dat"), "--format", "text", check=True)
        self.assertEqual(doc_count(self.db), 2)

    def test_field_maps_name_the_columns_the_common_names_miss(self):
        self.write("dump/feed.csv", "ueberschrift,inhalt,veroeffentlicht\n"
                                    "Streik bei der Bahn,Die Gewerkschaft ruft zum Streik auf.,2025-03-01\n")
        config = self.write("newsdesk.conf", "db = %s\nfield = title=ueberschrift\nfield = body=inhalt\n"
                                              "field = date=veroeffentlicht\n" % self.db)
        p = index(self.db, self.path("dump"))  # without the maps, no column says it is the text
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("no header row naming a text or title column", p.stderr)
        run([ndtest.INDEX, "--config", config, "--quiet", self.path("dump")], check=True)
        hit = ndtest.search_json(self.db, "Streik")["results"][0]
        self.assertEqual((hit["title"], hit["date"], hit["language"]), ("Streik bei der Bahn", "2025-03-01", "de"))
        p = index(self.db, self.path("dump"), "--field", "headline=ueberschrift")
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown field 'headline'", p.stderr)

    def test_the_shared_telegram_export_indexes_one_article_per_post(self):
        raw = os.path.join(ndtest.SHARED_DIR, "corpora", "ru-telegram-news", "raw")
        if not os.path.isdir(raw):
            self.skipTest("ru-telegram-news is not at %s; skipping" % raw)
        posts = []
        for name in sorted(os.listdir(raw)):
            with open(os.path.join(raw, name), encoding="utf-8") as f:
                posts += json.load(f)
        p = index(self.db, raw, "--language", "russian", check=True, timeout=1800)
        self.assertEqual(summary(p)["added"], len(posts))
        everything = ndtest.search_json(self.db, "--limit", "0", "--facets", "topic,date", "--facet-limit", "0")
        self.assertEqual(everything["total"]["estimate"], len(posts))
        self.assertEqual(sum(v["count"] for v in everything["facets"]["date"]), len(posts), "every post has its date")
        categories = {}
        for post in posts:
            categories[post["category"]] = categories.get(post["category"], 0) + 1
        self.assertEqual({v["label"]: v["count"] for v in everything["facets"]["topic"]}, categories)
        # Each post's channel is its source: one channel's posts, all with it.
        first = posts[0]
        hits = ndtest.search_json(self.db, "source:%s" % json.dumps(first["channel"], ensure_ascii=False),
                                  "--limit", "0")
        self.assertEqual(hits["total"]["estimate"], sum(1 for p in posts if p["channel"] == first["channel"]))

    def test_the_shared_csv_corpora_index_with_their_titles_dates_and_labels(self):
        import csv
        import gzip
        corpora = os.path.join(ndtest.SHARED_DIR, "corpora")
        german = os.path.join(corpora, "de-10kgnad", "test.csv")
        russian = os.path.join(corpora, "ru-news-samples")
        if not (os.path.exists(german) and os.path.isdir(russian)):
            self.skipTest("de-10kgnad or ru-news-samples is not under %s; skipping" % corpora)
        # German: label;'text', no header row. Expected labels read here with Python's csv.
        with open(german, encoding="utf-8", newline="") as f:
            labels = {}
            for label, _ in csv.reader(f, delimiter=";", quotechar="'"):
                labels[label] = labels.get(label, 0) + 1
        de = self.path("de")
        p = index(de, german, "--language", "german", check=True)
        self.assertEqual((summary(p)["added"], summary(p)["rejected"]), (sum(labels.values()), 0))
        everything = ndtest.search_json(de, "--limit", "0", "--facets", "topic", "--facet-limit", "0")
        self.assertEqual({v["label"]: v["count"] for v in everything["facets"]["topic"]}, labels)
        # Russian: CSV with a header row (gzipped) and JSON Lines named .json.gz.
        rows = 0
        dated = 0
        for name in sorted(os.listdir(os.path.join(russian, "ods"))):
            with gzip.open(os.path.join(russian, "ods", name), "rt", encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    rows += 1
                    dated += bool((row.get("date") or "").strip())
        with gzip.open(os.path.join(russian, "lenta-ru-news.csv.gz"), "rt", encoding="utf-8", newline="") as f:
            rows += sum(1 for _ in csv.DictReader(f))
        with gzip.open(os.path.join(russian, "ria.json.gz"), "rt", encoding="utf-8") as f:
            rows += sum(1 for line in f if line.strip())
        ru = self.path("ru")
        p = index(ru, os.path.join(russian, "ods"), os.path.join(russian, "lenta-ru-news.csv.gz"),
                  os.path.join(russian, "ria.json.gz"), "--language", "russian", check=True)
        self.assertEqual((summary(p)["added"], summary(p)["rejected"]), (rows, 0))
        everything = ndtest.search_json(ru, "--limit", "1000", "--facets", "date", "--facet-limit", "0")
        self.assertTrue(all(r["title"] for r in everything["results"]), "every article has a title")
        self.assertGreaterEqual(sum(v["count"] for v in everything["facets"]["date"]), dated)

    def test_prune_removes_articles_of_deleted_files(self):
        other = self.write("in/other.jsonl", jsonl(dict(A3, id="b1")))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(doc_count(self.db), 4)
        os.unlink(other)
        s = summary(index(self.db, self.path("in"), "--prune", check=True))
        self.assertEqual(s["deleted"], 1)
        self.assertEqual(doc_count(self.db), 3)

    def test_without_prune_articles_of_deleted_files_stay(self):
        other = self.write("in/other.jsonl", jsonl(dict(A3, id="b1")))
        index(self.db, self.path("in"), check=True)
        os.unlink(other)
        index(self.db, self.path("in"), check=True)
        self.assertEqual(doc_count(self.db), 4)

    def generations(self):
        return sorted(name for name in os.listdir(self.db) if name.startswith("gen-"))

    def live(self):
        """Path of the live generation, as the stub names it."""
        return os.path.join(self.db, self.stub()[1])

    def test_a_new_index_is_compacted_into_the_next_generation(self):
        index(self.db, self.feed, "--jobs", "1", check=True)
        # Built as gen-1, compacted into gen-2, which alone remains.
        self.assertEqual(self.stub(), ["auto", "gen-2"])
        self.assertEqual(self.generations(), ["gen-2"])
        run(["xapian-check", self.live()], check=True)
        self.assertEqual(doc_count(self.db), 3)
        # An incremental run writes into the live generation and compacts nothing.
        column = os.path.join(self.live(), "facets.column")
        first = open(column, "rb").read()  # the facet summaries counting reads
        self.write("in/more.jsonl", jsonl(dict(A3, id="m1")))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(self.stub(), ["auto", "gen-2"])
        self.assertEqual(doc_count(self.db), 4)
        self.assertGreater(len(open(column, "rb").read()), len(first), "written again for the new article")
        self.assertFalse(os.path.exists(column + ".partial"))

    def test_rebuild_switches_to_a_new_generation(self):
        index(self.db, self.feed, check=True)
        before = self.stub()[1]
        self.write("in/wire.jsonl", jsonl(A1))
        index(self.db, self.feed, "--rebuild", check=True)
        after = self.stub()[1].split("/")[0]  # gen-N, or gen-N/shard-0 of a parallel build
        self.assertNotEqual(after, before.split("/")[0])
        self.assertEqual(self.generations(), [after], "old generations not removed")
        self.assertEqual(doc_count(self.db), 1)
        run(["xapian-check", self.live()], check=True)

    def test_language_is_recorded_and_kept(self):
        index(self.db, self.feed, "--language", "french", check=True)
        self.assertEqual(ndtest.metadata(self.live(), "newsdesk:language"), "french")
        p = index(self.db, self.feed, "--language", "german")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--rebuild", p.stderr)

    def test_database_of_another_schema_version_is_not_updated(self):
        index(self.db, self.feed, check=True)
        gen = self.live()
        run(["xapian-metadata", "set", gen, "newsdesk:schema", "1"], check=True)
        p = index(self.db, self.feed)
        self.assertEqual(p.returncode, 74, p.stderr)
        self.assertIn("schema version 1", p.stderr)
        self.assertIn("--rebuild", p.stderr)
        self.assertEqual(ndtest.metadata(gen, "newsdesk:schema"), "1", "the old database was changed")
        index(self.db, self.feed, "--rebuild", check=True)
        self.assertEqual(doc_count(self.db), 3)


STORY = ("The central bank of Ruritania raised its key interest rate by half a point to 7.5 percent on Tuesday, "
         "citing inflation that has run above its target for six months, and said it was ready to act again "
         "if prices kept rising faster than wages in the first quarter of next year.")
ROUND_UP = ("Markets in the region fell for a third day as investors weighed a slowing recovery, higher borrowing "
            "costs and a strike at the port of Zenda that has held up grain exports since the start of the month.")


class ShardTest(ndtest.TempDirTestCase):
    """A build from nothing by several writers, one shard each (--jobs), and
    the incremental runs after it, which find each article in its shard."""
    ARTICLES = [dict(id="s%d" % i, title="Harvest report %d" % i, body="Grain harvest figures, report %d." % i,
                     date="2025-03-%02d" % (1 + i), regions=["Ukraine" if i % 2 else "Germany"]) for i in range(9)]

    def setUp(self):
        super().setUp()
        self.db = self.path("db")
        self.feed = self.write("in/wire.jsonl", jsonl(*self.ARTICLES[:6]))
        self.more = self.write("in/more.jsonl", jsonl(*self.ARTICLES[6:]))
        index(self.db, self.feed, self.more, "--jobs", "3", "--compact", "shards", check=True)

    def shards_holding(self, id):
        """The shards (by number) that hold article @p id."""
        return [n for n, shard in enumerate(ndtest.shards(self.db))
                if "not in database" not in ndtest.delve("-1", "-t", "Q" + id, shard)]

    def shard_sizes(self):
        return [doc_count(shard) for shard in ndtest.shards(self.db)]

    def search_ids(self, *args):
        return [hit["id"] for hit in ndtest.search_json(self.db, "--limit", "50", "--no-collapse", *args)["results"]]

    def test_each_writer_fills_a_shard_and_they_search_as_one(self):
        shards = ndtest.shards(self.db)
        self.assertEqual([os.path.relpath(s, self.db).split("/")[1] for s in shards], ["shard-0", "shard-1", "shard-2"])
        for shard in shards:
            run(["xapian-check", shard], check=True)
        self.assertEqual(self.shard_sizes(), [3, 3, 3])
        for article in self.ARTICLES:
            self.assertEqual(len(self.shards_holding(article["id"])), 1, article["id"])
        r = ndtest.search_json(self.db, "--facets", "region", "harvest")
        self.assertEqual(r["total"]["estimate"], 9)
        # One facet dictionary for all the shards: a value counts as one.
        self.assertEqual({v["label"]: v["count"] for v in r["facets"]["region"]}, {"Germany": 5, "Ukraine": 4})
        self.assertEqual(self.search_ids("report", "--sort", "oldest"), [a["id"] for a in self.ARTICLES])
        # Each writer kept its shard's spelling data; Xapian reads them as one.
        self.assertEqual(ndtest.search_json(self.db, "havrest")["corrected"], "harvest")

    QUERIES = (["harvest"], ["report 4"], ["--region", "Ukraine", "grain"], ["--sort", "newest", ""], ["havrest"])

    def assert_same_answers(self, db, other, ties_in_any_order=False):
        for query in self.QUERIES:
            ours = ndtest.search_json(db, "--facets", "region,date", *query)
            theirs = ndtest.search_json(other, "--facets", "region,date", *query)
            for key in ("total", "facets", "corrected"):
                self.assertEqual(ours.get(key), theirs.get(key), (key, query))
            ranked = lambda r: [(round(h["score"], 9), h["id"]) for h in r["results"]]
            if ties_in_any_order:  # documents of equal score in another docid order
                ranked = lambda r, by=ranked: sorted(by(r), key=lambda hit: (-hit[0], hit[1]))
            self.assertEqual(ranked(ours), ranked(theirs), query)

    def test_one_writer_and_three_give_the_same_answers(self):
        single = self.path("single")
        index(single, self.feed, self.more, "--jobs", "1", check=True)
        self.assert_same_answers(self.db, single)
        # Merged into one database (the default), the documents of each
        # shard follow the previous shard's: equal scores may tie otherwise.
        merged = self.path("merged")
        index(merged, self.feed, self.more, "--jobs", "3", check=True)
        self.assertEqual(len(ndtest.shards(merged)), 1)
        run(["xapian-check", ndtest.shards(merged)[0]], check=True)
        self.assert_same_answers(merged, single, ties_in_any_order=True)

    def test_an_update_replaces_the_article_in_its_shard(self):
        before = self.shards_holding("s4")
        changed = [dict(a, body="A tractor shortage.") if a["id"] == "s4" else a for a in self.ARTICLES[:6]]
        self.write("in/wire.jsonl", jsonl(*changed))
        p = index(self.db, self.feed, self.more, check=True)
        # A changed file is written again whole: its six articles are replaced.
        self.assertEqual(summary(p), dict(added=0, updated=6, unchanged=3, deleted=0, rejected=0))
        self.assertEqual(self.shards_holding("s4"), before)
        self.assertEqual(self.shard_sizes(), [3, 3, 3])
        self.assertEqual(self.search_ids("tractor"), ["s4"])
        self.assertNotIn("s4", self.search_ids("grain"))

    def test_a_deleted_article_leaves_its_shard(self):
        self.write("in/wire.jsonl", jsonl(*[a for a in self.ARTICLES[:6] if a["id"] != "s1"]))
        p = index(self.db, self.feed, self.more, check=True)
        self.assertEqual(summary(p)["deleted"], 1)
        self.assertEqual(self.shards_holding("s1"), [])
        self.assertEqual(sum(self.shard_sizes()), 8)
        self.assertNotIn("s1", self.search_ids("harvest"))

    def test_prune_deletes_a_vanished_files_articles_from_every_shard(self):
        os.remove(self.more)
        p = index(self.db, self.path("in"), "--prune", check=True)
        self.assertEqual(summary(p)["deleted"], 3)
        for id in ("s6", "s7", "s8"):
            self.assertEqual(self.shards_holding(id), [], id)
        self.assertEqual(self.shard_sizes(), [2, 2, 2])
        self.assertEqual(sorted(self.search_ids("harvest")), ["s0", "s1", "s2", "s3", "s4", "s5"])

    def test_new_articles_take_the_shards_in_turn(self):
        self.write("in/new.jsonl", jsonl(*[dict(a, id="n%d" % i) for i, a in enumerate(self.ARTICLES[:4])]))
        p = index(self.db, self.path("in"), check=True)
        self.assertEqual(summary(p)["added"], 4)
        self.assertEqual(self.shard_sizes(), [5, 4, 4])
        self.assertEqual(len(self.search_ids("harvest")), 13)

    def test_a_file_with_rejected_records_is_not_read_again(self):
        self.write("in/bad.jsonl", jsonl(dict(id="b1", title="Grain", body="Grain exports."), dict(id="b2")))
        first = index(self.db, self.path("in"))
        self.assertEqual(first.returncode, 1)
        self.assertEqual(summary(first)["added"], 1)
        again = index(self.db, self.path("in"))
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(summary(again), dict(added=0, updated=0, unchanged=10, deleted=0, rejected=0))
        self.assertIn("1 record rejected earlier, file unchanged", again.stdout)


def story(id, body, date="2025-03-14T09:00:00"):
    return {"id": id, "title": "", "body": body, "date": date}


# Two stories indexed over three runs, the last bringing a round-up ("ab")
# that joins them.
JOINING_BATCHES = [[story("a", STORY), story("b", ROUND_UP)],
                   [story("a2", STORY + " More follows.", "2025-03-14T10:00:00")],
                   [story("b2", ROUND_UP + " Updates.", "2025-03-14T11:00:00"),
                    story("ab", STORY + " " + ROUND_UP, "2025-03-14T12:00:00")]]


class StoryClusterTest(ndtest.TempDirTestCase):
    """Near-duplicates indexed at different times join one story; a change or
    a deletion takes an article out of it; incremental runs group as a
    fresh build does."""

    def setUp(self):
        super().setUp()
        self.db = self.path("db")

    def stories(self, db=None):
        """Each clustered article's id -> the ids of its story, from an uncollapsed listing."""
        r = ndtest.search_json(db or self.db, "--no-collapse", "--facets", "", "--limit", "100", "")
        groups = {}
        for hit in r["results"]:
            if hit.get("cluster"):
                groups.setdefault(hit["cluster"], set()).add(hit["id"])
        return {i: frozenset(ids) for ids in groups.values() for i in ids}

    def test_a_repeat_indexed_later_joins_the_story_and_leaves_it_when_changed(self):
        self.write("in/morning.jsonl", jsonl(story("first", STORY), story("other", ROUND_UP)))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(self.stories(), {})
        self.write("in/noon.jsonl", jsonl(story("corrected", STORY.replace("7.5", "7.25"), "2025-03-14T12:00:00")))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(self.stories()["first"], {"first", "corrected"})
        hits = ndtest.search_json(self.db, "--facets", "", "central bank")["results"]
        self.assertEqual(len(hits), 1)
        self.assertEqual(hits[0]["similar"], 1)
        self.write("in/noon.jsonl", jsonl(story("corrected", "A different story altogether, about a football match "
                                                "that was called off because of snow in the capital.")))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(self.stories(), {})

    def test_pruning_a_repeat_leaves_the_story_alone(self):
        self.write("in/morning.jsonl", jsonl(story("first", STORY)))
        later = self.write("in/later.jsonl", jsonl(story("repeat", STORY + " Repeats.", "2025-03-14T18:00:00")))
        index(self.db, self.path("in"), check=True)
        self.assertEqual(self.stories()["first"], {"first", "repeat"})
        os.unlink(later)
        index(self.db, self.path("in"), "--prune", check=True)
        self.assertEqual(self.stories(), {})
        self.assertEqual(ndtest.search_json(self.db, "central bank")["results"][0]["similar"], 0)

    def test_incremental_runs_group_as_a_fresh_build_does(self):
        batches = JOINING_BATCHES
        for i, batch in enumerate(batches):
            self.write("in/%d.jsonl" % i, jsonl(*batch))
            index(self.db, self.path("in"), check=True)
        fresh = self.path("fresh")
        index(fresh, self.path("in"), check=True)
        self.assertEqual(self.stories(), self.stories(fresh))
        self.assertEqual(self.stories()["a"], {"a", "a2", "ab", "b", "b2"})  # the round-up joins both stories


    def test_parts_of_a_cluster_group_as_one_database_does(self):
        # Each part (--shard K/2) holds the articles whose ids hash to it, but
        # finds their stories among every article it reads: a story whose
        # copies landed in both parts is one story, keyed as in one database.
        parts = [self.path("part1"), self.path("part2")]
        both = self.path("both")
        os.makedirs(both)
        with open(os.path.join(both, "XAPIANDB"), "w") as stub:
            stub.write("".join("auto %s\n" % part for part in parts))

        def keys(db):
            """Each article's story key, where its story has several."""
            r = ndtest.search_json(db, "--no-collapse", "--facets", "", "--limit", "100", "")
            return {hit["id"]: hit.get("cluster") for hit in r["results"]}

        def index_all(*extra):
            index(self.db, self.path("in"), *extra, check=True)
            for k, part in enumerate(parts, 1):
                index(part, self.path("in"), "--shard", "%d/2" % k, *extra, check=True)

        batches = JOINING_BATCHES
        for i, batch in enumerate(batches):
            self.write("in/%d.jsonl" % i, jsonl(*batch))
            index_all()
            self.assertEqual(keys(both), keys(self.db), "after batch %d" % i)
        self.assertEqual(self.stories(both)["a"], {"a", "a2", "ab", "b", "b2"})
        held = [{hit["id"] for hit in ndtest.search_json(part, "--no-collapse", "--facets", "", "")["results"]}
                for part in parts]
        self.assertTrue(all(held) and not held[0] & held[1], held)  # the story is split between the parts
        # The round-up that joined the two stories leaves: they split again.
        self.write("in/2.jsonl", jsonl(batches[2][0]))
        index_all()
        self.assertEqual(keys(both), keys(self.db))
        self.assertEqual(self.stories()["a"], {"a", "a2"})
        # A part rebuilt from nothing finds the same stories.
        index(parts[0], self.path("in"), "--shard", "1/2", "--rebuild", check=True)
        self.assertEqual(keys(both), keys(self.db))
        # The founders' file pruned: their stories go on under new keys, in
        # every part.
        self.write("in/3.jsonl", jsonl(story("a3", STORY + " Corrected.", "2025-03-14T13:00:00")))
        index_all()
        self.assertEqual(self.stories()["a"], {"a", "a2", "a3"})
        self.assertEqual(keys(both), keys(self.db))
        founded = keys(self.db)["a2"]
        os.unlink(self.path("in/0.jsonl"))
        index_all("--prune")
        self.assertEqual(self.stories()["a2"], {"a2", "a3"})
        self.assertNotEqual(keys(self.db)["a2"], founded)
        self.assertEqual(keys(both), keys(self.db))


class UnknownLabelsTest(ndtest.TempDirTestCase):
    ARTICLES = [
        {"id": "u1", "title": "One", "body": "Text.", "regions": ["Atlantis", "Russia"], "actors": ["Putin"]},
        {"id": "u2", "title": "Two", "body": "Text.", "regions": ["Atlantis", "Russian Federation"],
         "actors": ["Nobody Known"]},
        {"id": "u3", "title": "Three", "body": "Text.", "regions": ["RU"]},
    ]

    def rows(self, name):
        with open(self.path("unknown", name), encoding="utf-8") as f:
            return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]

    def test_labels_the_gazetteer_lacks_are_listed_with_their_counts(self):
        feed = self.write("labels.jsonl", jsonl(*self.ARTICLES))
        db = self.path("db")
        index(db, feed, "--unknown-labels", self.path("unknown"), check=True)
        self.assertEqual(self.rows("unknown-regions.tsv"), [["Atlantis", "2", "atlantis"]])
        self.assertEqual(self.rows("unknown-actors.tsv"), [["Nobody Known", "1", "nobody-known"]])
        # The known ones are one value each; the unknown keep a value of their own.
        r = ndtest.search_json(db, "--facets", "region,actor", "--limit", "0")
        self.assertEqual({v["value"]: v["count"] for v in r["facets"]["region"]}, {"ru": 3, "atlantis": 2})
        self.assertEqual({v["value"]: v["label"] for v in r["facets"]["actor"]},
                         {"vladimir-putin": "Vladimir Putin", "nobody-known": "Nobody Known"})

    def test_an_unwritable_directory_is_named(self):
        feed = self.write("labels.jsonl", jsonl(*self.ARTICLES))
        blocker = self.write("blocker", "a file, not a directory")
        p = index(self.path("db"), feed, "--unknown-labels", os.path.join(blocker, "sub"))
        self.assertEqual(p.returncode, 74, p.stderr)
        self.assertIn(os.path.join(blocker, "sub"), p.stderr)
        self.assertEqual(doc_count(self.path("db")), 3, "the articles were indexed all the same")


class SeedArticleTest(ndtest.TempDirTestCase):
    def test_the_seed_article_indexes_as_it_is(self):
        if not os.path.exists(ndtest.SEED_FILE):
            self.skipTest("seed article not found at %s; skipping" % ndtest.SEED_FILE)
        db = self.path("db")
        index(db, ndtest.SEED_FILE, check=True)
        data = ndtest.delve("-d", "-r", "1", db)
        stored = json.JSONDecoder().raw_decode(data[data.index("{"):])[0]
        self.assertEqual(stored["title"], "Putin \u2018on brink\u2019 as underground Russian resistance to destroy army")
        self.assertEqual(stored["date"], "20260122000000")
        self.assertEqual(stored["section"], "World")
        terms = ndtest.terms(db, 1)
        self.assertIn("D20260122", terms)
        # No labels in the file: extraction gives the actors and regions the story is about.
        for term in ("XAatesh", "XAvladimir-putin", "XAfsb", "XRru", "XRua", "XRua-43"):
            self.assertIn(term, terms)


class LockTest(ndtest.TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.db = self.path("db")
        self.feed = self.write("wire.jsonl", jsonl(A1))
        index(self.db, self.feed, check=True)

    def hold_lock(self):
        f = open(os.path.join(self.db, "newsdesk.lock"), "r+")
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        f.truncate()
        f.write("pid 4242, started 2026-01-01 00:00:00 UTC\n")
        f.flush()
        return f

    def test_second_indexer_exits_75_naming_the_holder(self):
        with self.hold_lock():
            start = time.monotonic()
            p = index(self.db, self.feed)
            self.assertEqual(p.returncode, 75, p.stderr)
            self.assertLess(time.monotonic() - start, 10, "did not exit promptly")
            self.assertIn("being indexed by another process", p.stderr)
            self.assertIn("pid 4242", p.stderr)

    def test_wait_lock_waits_for_the_holder(self):
        f = self.hold_lock()
        threading.Timer(1.0, f.close).start()
        p = index(self.db, self.feed, "--wait-lock", "20")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_lock_of_a_killed_indexer_does_not_block(self):
        # A process that took the lock and died: the kernel released it.
        run(["python3", "-c", "import fcntl,os,sys; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX); "
             "os.kill(os.getpid(), 9)", os.path.join(self.db, "newsdesk.lock")])
        self.assertEqual(index(self.db, self.feed).returncode, 0)


class UsageTest(ndtest.TempDirTestCase):
    def test_usage_errors_exit_2(self):
        for args in ([INDEX], [INDEX, "--db", self.path("db")], [INDEX, "--db", self.path("db"), "--format", "pdf", "x"],
                     [INDEX, "--db", self.path("db"), "--bogus", "x"], [INDEX, "--db", self.path("db"), "--batch", "0", "x"]):
            p = run(args)
            self.assertEqual(p.returncode, 2, args)
            self.assertTrue(p.stderr.startswith("newsdesk-index: "), p.stderr)
        for option, value in (("--jobs", "0"), ("--jobs", "65"), ("--compact", "all")):
            p = run([INDEX, "--db", self.path("db"), option, value, "x"])
            self.assertEqual(p.returncode, 2, (option, value))
            self.assertIn(option + ":", p.stderr)

    def test_unknown_language_lists_the_available_ones(self):
        p = index(self.path("db"), self.write("a.jsonl", jsonl(A1)), "--language", "klingon")
        self.assertEqual(p.returncode, 2)
        self.assertIn("english", p.stderr)
        self.assertIn("french", p.stderr)

    def test_help_documents_exit_codes(self):
        p = run([INDEX, "--help"], check=True)
        for code in ("75", "74", "2 ", "1 "):
            self.assertIn(code, p.stdout)

    def test_db_that_is_another_directory_is_refused(self):
        self.write("notadb/precious.txt", "keep me")
        p = index(self.path("notadb"), self.write("a.jsonl", jsonl(A1)))
        self.assertEqual(p.returncode, 74)
        self.assertTrue(os.path.exists(self.path("notadb", "precious.txt")))


if __name__ == "__main__":
    ndtest.main()
