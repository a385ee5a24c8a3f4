#!/usr/bin/env python3
"""Per-request time of the search page: newsdesk.cgi vs Xapian Omega's CGI on Reuters-21578.

The same fixed queries (search_bench.make_queries) run in the same run against:

  newsdesk.cgi (CGI)      one process per request, as a CGI server runs it:
                          start-up, open the database, search with exact
                          counts of four facets (actor, region, topic, date
                          histogram), render the whole HTML page
  omega (CGI)             /usr/lib/cgi-bin/omega/omega, one process per request,
                          its stock 'query' template (results, no facets), on
                          a database scriptindex built from the same articles
  newsdesk.cgi (FastCGI)  one long-lived process behind lighttpd, timed over
                          HTTP on loopback: what a busy site gets
  omega (in lighttpd)     Omega as CGI behind the same lighttpd, for the same
                          HTTP overhead

  newsdesk.cgi (CGI, collapse=0)
                          the same page listing every article rather than
                          one per story cluster: the ratio of the first to
                          this is what collapsing adds (target: at most 1.10)

Reported: p50/p95/p99 in milliseconds and newsdesk's ratios to Omega. Each
query runs --repeat times (default 3) in every mode, newsdesk and Omega
alternating, and its fastest time counts: the machine's noise (other
tenants, the scheduler) only ever adds time, and the minimum removes most
of it for both programs alike.
Omega's database is as scriptindex leaves it unless --compact-omega; a
newsdesk database built from nothing is compacted by newsdesk-index.
Usage: cgi_bench.py [--build DIR] [--db DIR] [--queries N] [--compact-omega]
Build in Release for meaningful numbers.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e"))
import scriptindex_peer  # noqa: E402
import search_bench  # noqa: E402

OMEGA = "/usr/lib/cgi-bin/omega/omega"
OMEGA_TEMPLATES = "/usr/share/xapian-omega/templates"


def build_omega_db(tmp, compact=False):
    """Omega's configuration and a scriptindex database named 'reuters' (compacted
    with xapian-compact when @p compact, as newsdesk-index leaves a new index);
    returns the config path."""
    dump, script = os.path.join(tmp, "reuters.dump"), os.path.join(tmp, "reuters.script")
    scriptindex_peer.write_dump(search_bench.REUTERS, dump)
    with open(script, "w") as f:
        f.write(scriptindex_peer.INDEX_SCRIPT)
    dbs = os.path.join(tmp, "omega-dbs")
    os.makedirs(dbs)
    subprocess.run(["scriptindex", os.path.join(dbs, "reuters"), script, dump], check=True, stdout=subprocess.DEVNULL)
    if compact:
        os.rename(os.path.join(dbs, "reuters"), os.path.join(tmp, "reuters-built"))
        subprocess.run(["xapian-compact", os.path.join(tmp, "reuters-built"), os.path.join(dbs, "reuters")], check=True,
                       stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(tmp, "omega-log"))
    config = os.path.join(tmp, "omega.conf")
    with open(config, "w") as f:
        f.write("database_dir %s\ntemplate_dir %s\nlog_dir %s\n" % (dbs, OMEGA_TEMPLATES, os.path.join(tmp, "omega-log")))
    return config


def run_cgi(program, env, query_string):
    start = time.perf_counter()
    p = subprocess.run([program], env=dict(env, QUERY_STRING=query_string, REQUEST_METHOD="GET",
                                           GATEWAY_INTERFACE="CGI/1.1"),
                       stdin=subprocess.DEVNULL, capture_output=True)
    elapsed = (time.perf_counter() - start) * 1000
    head = p.stdout[:200].decode("latin-1")
    if p.returncode != 0 or ("Status: 200" not in head and "Content-Type" not in head):
        raise RuntimeError("%s failed for %s: %s %s" % (program, query_string, head, p.stderr[:500]))
    return elapsed


def http_get(server, target):
    start = time.perf_counter()
    status, _, _ = server.get(target)
    if status != 200:
        raise RuntimeError("%s gave HTTP %d" % (target, status))
    return (time.perf_counter() - start) * 1000


def report(results):
    print("Per request, %d queries (ms)" % len(next(iter(results.values()))))
    stats = {name: search_bench.percentiles(samples) for name, samples in results.items()}
    for name, s in stats.items():
        print("  %-31s p50 %7.2f  p95 %7.2f  p99 %7.2f" % (name, s["p50"], s["p95"], s["p99"]))
    for ours, peer in (("newsdesk.cgi (CGI)", "omega (CGI)"), ("newsdesk.cgi (FastCGI)", "omega (in lighttpd)"),
                       ("newsdesk.cgi (FastCGI)", "newsdesk.cgi (CGI)"),
                       ("newsdesk.cgi (CGI)", "newsdesk.cgi (CGI, collapse=0)")):
        if ours in stats and peer in stats:
            print("  ratio %s / %s: p50 %.2f  p99 %.2f" % (ours, peer, stats[ours]["p50"] / stats[peer]["p50"],
                                                        stats[ours]["p99"] / stats[peer]["p99"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(SOURCE, "build"))
    ap.add_argument("--db", help="an existing newsdesk Reuters database (default: index one now)")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="runs per query and mode; the fastest counts")
    ap.add_argument("--compact-omega", action="store_true",
                    help="compact Omega's database too (newsdesk-index compacts a new index; scriptindex does not)")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(search_bench.REUTERS, "reut2-000.sgm")):
        print("cgi_bench: Reuters-21578 not found at %s; nothing to measure" % search_bench.REUTERS)
        return 0
    if not os.access(OMEGA, os.X_OK):
        sys.exit("cgi_bench: Omega's CGI is not at %s (apt-get install xapian-omega)" % OMEGA)
    os.environ["NEWSDESK_BUILD_DIR"] = args.build
    import webserver  # noqa: E402  (after NEWSDESK_BUILD_DIR: it locates newsdesk.cgi from it)
    cgi = os.path.join(args.build, "searcher", "newsdesk.cgi")
    tmp = tempfile.mkdtemp(prefix="newsdesk-cgi-bench-")
    try:
        db = search_bench.reuters_db(args.build, args.db, tmp)
        print("building Omega's database with scriptindex", file=sys.stderr)
        omega_conf = build_omega_db(tmp, args.compact_omega)
        queries = search_bench.make_queries(list(search_bench.stories()), args.queries)
        ours_env = dict(os.environ, NEWSDESK_DB=os.path.abspath(db))
        omega_env = dict(os.environ, OMEGA_CONFIG_FILE=omega_conf)
        results = {"newsdesk.cgi (CGI)": [], "omega (CGI)": [], "newsdesk.cgi (CGI, collapse=0)": [],
                   "newsdesk.cgi (FastCGI)": [], "omega (in lighttpd)": []}
        for q in queries[:5]:  # warm the page cache for both
            run_cgi(cgi, ours_env, "q=" + urllib.parse.quote_plus(q))
            run_cgi(OMEGA, omega_env, "DB=reuters&P=" + urllib.parse.quote_plus(q))
        for q in queries:
            ours, theirs, every = [], [], []
            for _ in range(args.repeat):
                ours.append(run_cgi(cgi, ours_env, "q=" + urllib.parse.quote_plus(q)))
                theirs.append(run_cgi(OMEGA, omega_env, "DB=reuters&P=" + urllib.parse.quote_plus(q)))
                every.append(run_cgi(cgi, ours_env, "collapse=0&q=" + urllib.parse.quote_plus(q)))
            results["newsdesk.cgi (CGI)"].append(min(ours))
            results["omega (CGI)"].append(min(theirs))
            results["newsdesk.cgi (CGI, collapse=0)"].append(min(every))
        fcgi_dir, omega_dir = os.path.join(tmp, "fcgi"), os.path.join(tmp, "omega-www")
        os.makedirs(fcgi_dir)
        os.makedirs(omega_dir)
        fcgi = webserver.Lighttpd(fcgi_dir, os.path.abspath(db), fastcgi=True).start()
        omega = webserver.Lighttpd(omega_dir, "", program=OMEGA, env={"OMEGA_CONFIG_FILE": omega_conf}).start()
        try:
            for q in queries:
                ours, theirs = [], []
                for _ in range(args.repeat):
                    ours.append(http_get(fcgi, "/?q=" + urllib.parse.quote_plus(q)))
                    theirs.append(http_get(omega, "/?DB=reuters&P=" + urllib.parse.quote_plus(q)))
                results["newsdesk.cgi (FastCGI)"].append(min(ours))
                results["omega (in lighttpd)"].append(min(theirs))
        finally:
            fcgi.stop()
            omega.stop()
        report(results)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
