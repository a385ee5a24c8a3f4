"""A hostile corpus: the indexer keeps going, names each rejected file, exits 1,
and the database holds every good article.

Run as root (as CI does), the indexer is started as the unprivileged user
nobody (setpriv), so that an unreadable file really is unreadable.
"""
import json
import os
import pwd
import subprocess
import time

import ndtest
from ndtest import INDEX, doc_count, jsonl

TINY_FILES = int(os.environ.get("NEWSDESK_TINY_FILES", "10000"))
GOOD = [{"id": "good-%d" % i, "title": "Good article %d" % i, "body": "Refinery output rose.",
         "date": "2025-05-0%d" % (1 + i)} for i in range(3)]

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>Laughs</title><item><title>&lol9;</title></item></channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>Leak attempt</title><description>&xxe;</description></item></channel></rss>
"""


class HostileCorpusTest(ndtest.TempDirTestCase):
    def build_corpus(self):
        w = self.write
        w("in/good.jsonl", jsonl(*GOOD))
        w("in/good.txt", "Title: Good plain article\nDate: 2025-06-01\n\nShipping resumed.\n")
        w("in/binary.dat", os.urandom(4096) + b"\0\0", "wb")
        w("in/latin1.txt", "Title: Caf\xe9\n\nbody\n".encode("latin-1"), "wb")
        w("in/utf16.txt", "Title: wide\n\nbody\n".encode("utf-16"), "wb")
        w("in/nul.jsonl", b'{"title": "a\0b"}\n', "wb")
        w("in/empty.txt", "")
        # 100 MB on one line: the line is rejected, the good line after it kept.
        with open(self.path("in", "huge.jsonl"), "w") as f:
            f.write('{"id": "huge", "title": "' + "x" * (100 * 1024 * 1024) + '"}\n')
            f.write(json.dumps({"id": "after-huge", "title": "After the huge line"}) + "\n")
        w("in/deep.rss", "<rss>" + "<a>" * 10000 + "</a>" * 10000 + "</rss>")
        w("in/laughs.rss", BILLION_LAUGHS)
        w("in/xxe.rss", XXE)
        w("in/broken.jsonl", '{"id": "ok-1", "title": "Fine"}\n{"id": broken\n')
        w("in/truncated.sgm", '<REUTERS NEWID="7"><TEXT><TITLE>CUT OFF')
        os.makedirs(self.path("in", "tiny"))
        for i in range(TINY_FILES):
            with open(self.path("in", "tiny", "t%06d.txt" % i), "w") as f:
                f.write("Tiny %d\n" % i)
        os.makedirs(self.path("in", "loops"))
        os.symlink(self.path("in"), self.path("in", "loops", "up"))       # directory loop
        os.symlink("b", self.path("in", "loops", "a"))                     # a -> b -> a
        os.symlink("a", self.path("in", "loops", "b"))
        w("in/secret.txt", "Title: Secret\n\nNot for the indexer.\n")
        os.chmod(self.path("in", "secret.txt"), 0)
        w("in/zz-vanishing.txt", "Title: Here and gone\n\nbody\n")

    def indexer_command(self, db):
        if os.geteuid() != 0:
            return [INDEX, "--db", db, self.path("in")]
        nobody = pwd.getpwnam("nobody")
        for root, dirs, files in os.walk(self.tmp):
            for name in dirs + files + [""]:
                os.lchown(os.path.join(root, name), nobody.pw_uid, nobody.pw_gid)
        os.chmod(self.tmp, 0o755)
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", INDEX, "--db", db, self.path("in")]

    def test_keeps_going_names_every_rejected_file_and_keeps_the_good(self):
        self.build_corpus()
        db = self.path("db")
        start = time.monotonic()
        proc = subprocess.Popen(self.indexer_command(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.2)  # a file deleted while the run is under way
        os.unlink(self.path("in", "zz-vanishing.txt"))
        out, err = proc.communicate(timeout=600)
        self.assertEqual(proc.returncode, 1, err[-3000:])
        self.assertLess(time.monotonic() - start, 300)
        for name in ("binary.dat", "latin1.txt:1", "utf16.txt", "nul.jsonl", "empty.txt", "huge.jsonl:1",
                     "deep.rss", "laughs.rss", "broken.jsonl:2", "truncated.sgm"):
            self.assertIn(os.sep + name, err, "%s not named as rejected" % name)
        if os.geteuid() == 0 or os.access(self.path("in", "secret.txt"), os.R_OK) is False:
            self.assertIn("secret.txt: error: cannot read: Permission denied", err)
        self.assertIn("loops/a: error", err)
        # Every good article: 3 + 1 + 1 (after the huge line) + 1 (broken.jsonl's first line) + the tiny files.
        good = 3 + 1 + 1 + 1 + TINY_FILES
        count = doc_count(db)
        self.assertIn(count, (good, good + 1), "the vanishing file is either indexed or reported, never more")
        passwd = ndtest.run(["xapian-delve", "-a", db]).stdout
        self.assertNotIn("nologin", passwd, "an external entity was read")
        self.assertNotIn("lollol", passwd, "an entity was expanded")


if __name__ == "__main__":
    ndtest.main()
