"""Minimal Reuters-21578 SGML reader for the benchmarks (and their peers).

Only what the peers need: id, title, dateline, body, date and the label
lists. newsdesk itself reads the SGML in C++ (indexer/readers); this exists
so that scriptindex, Omega and SQLite FTS5 can be fed the same articles.
"""
import glob
import os
import re

_REUTERS = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
_D = re.compile(r"<D>(.*?)</D>", re.S)


def _field(tag, text):
    # An element may carry attributes: <TEXT TYPE="UNPROC"> holds a whole story.
    m = re.search(r"<%s(?:\s[^>]*)?>(.*?)</%s>" % (tag, tag), text, re.S)
    return m.group(1) if m else ""


def _clean(text):
    text = re.sub(r"&#(\d+);", " ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", text).strip()


def _labels(tag, text):
    return _D.findall(_field(tag, text))


def articles(directory):
    """Yield one dict per article of the distribution in @p directory."""
    for path in sorted(glob.glob(os.path.join(directory, "reut2-*.sgm"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in _REUTERS.finditer(data):
            newid, text = m.group(1), m.group(2)
            body = _field("BODY", text)
            if not body and 'TYPE="UNPROC"' in text:
                body = _field("TEXT", text)
            yield {
                "id": "reuters-" + newid,
                "title": _clean(_field("TITLE", text)),
                "dateline": _clean(_field("DATELINE", text)),
                "body": _clean(body),
                "date": _field("DATE", text).strip(),
                "places": _labels("PLACES", text),
                "people": _labels("PEOPLE", text),
                "orgs": _labels("ORGS", text),
                "topics": _labels("TOPICS", text),
            }


MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def yyyymmdd(date):
    """'26-FEB-1987 15:01:01.79' -> '19870226' ('' if unreadable)."""
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", date)
    if not m or m.group(2) not in MONTHS:
        return ""
    return "%s%02d%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))
