"""Feed Reuters-21578 to Xapian Omega's scriptindex, doing the work newsdesk does.

write_dump() turns the SGML into scriptindex's dump format (field=value lines,
"=" continuation lines, a blank line between records); INDEX_SCRIPT indexes
title (prefixed and weighted into the body's text), body, the unique id, the
date terms and the label lists as boolean terms, with spelling data, which
is what newsdesk-index does for the same articles.
"""
from reuters_sgml import articles, yyyymmdd

INDEX_SCRIPT = """\
id : unique=Q boolean=Q field=id
title : spell field=title index=S weight=3 index
dateline : field=dateline
body : spell index field=body
date : field=date date=yyyymmdd value=0
place : boolean=XR field=place
actor : boolean=XA field=actor
topic : boolean=XT field=topic
"""

# The index-time peer of issue 16: title, body with positions, id, date and two
# boolean label fields, without spelling data (which makes scriptindex slower).
MINIMAL_INDEX_SCRIPT = """\
id : unique=Q boolean=Q field=id
title : field=title index=S weight=3 index
dateline : field=dateline
body : index field=body
date : field=date date=yyyymmdd value=0
place : boolean=XR field=place
topic : boolean=XT field=topic
"""


def _line(name, value):
    value = value.replace("\r", " ")
    lines = value.split("\n")
    return "%s=%s\n" % (name, lines[0]) + "".join("=%s\n" % l for l in lines[1:])


def write_dump(reuters_dir, path):
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for a in articles(reuters_dir):
            out.write(_line("id", a["id"]))
            out.write(_line("title", a["title"]))
            out.write(_line("dateline", a["dateline"]))
            out.write(_line("body", a["body"]))
            out.write(_line("date", yyyymmdd(a["date"])))
            for p in a["places"]:
                out.write(_line("place", p))
            for p in a["people"] + a["orgs"]:
                out.write(_line("actor", p))
            for t in a["topics"]:
                out.write(_line("topic", t))
            out.write("\n")
            count += 1
    return count
