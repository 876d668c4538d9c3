"""The public site's feed and open data in real parsers: feed.xml through feedparser (no
errors, ids, dates, links) and a strict XML parser (Python's expat: well-formed, or nothing);
responses.csv and recommendations.csv through Python's csv module (byte order mark, header,
rows, CRLF line ends, no cell a spreadsheet would run as a formula) and through LibreOffice
(`soffice --headless --convert-to fods`: no cell of the sheet is a formula); responses.json
through json; every text file of the site free of noncharacters and of the control characters
that XML and HTML refuse; and the three agree with one another.

    python check.py <out-dir>
    python check.py --csv <file.csv>

LibreOffice is needed when the environment variable CI is set; without it, and without
`soffice`, that one check is left out with a note.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

RESPONSES = [
    "id", "title", "reference", "type", "type_label", "published", "statutory", "last_day",
    "response_published", "days_taken", "on_time", "copies_sent_hmicfrs",
    "copies_sent_home_secretary", "recommendations", "areas_for_improvement",
    "causes_of_concern", "report_link", "response_page",
]
RECOMMENDATIONS = [
    "record", "kind", "number", "title", "text", "addressed_to", "applies", "owner", "target",
    "status", "last_update",
]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a spreadsheet runs as a formula (OWASP's list): a cell beginning with one of these,
# unless it is a number.
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-\d+(\.\d+)?$")
# What XML 1.0 does not allow (C0 controls but tab, LF and CR; U+FFFE and U+FFFF) and the
# other noncharacters, which HTML calls parse errors.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0-\ufdef\ufffe\uffff]|[\U0001fffe-\U0010ffff]")
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
problems = []


def fail(message):
    problems.append(message)


def read_csv(path, header):
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{path.name}: no UTF-8 byte order mark (Excel would misread it)")
    text = raw.decode("utf-8-sig")
    # Every line ends in CRLF (a bare LF only inside a quoted field).
    if not text.endswith("\r\n"):
        fail(f"{path.name}: the last line does not end in CRLF")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows or rows[0] != header:
        fail(f"{path.name}: header {rows[:1]} is not {header}")
        return []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail(f"{path.name}: row {number} has {len(row)} fields, not {len(header)}")
        for column, cell in zip(header, row):
            if cell.startswith(FORMULA) and not NUMBER.match(cell):
                fail(f"{path.name}: row {number}: {column} {cell!r} would run as a formula")
    return [dict(zip(header, row)) for row in rows[1:]]


def not_text(out):
    """Every text file of the site is free of what XML and HTML refuse."""
    for path in sorted(out.iterdir()):
        if path.suffix not in {".xml", ".html", ".md", ".csv", ".json", ".ics"}:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = NOT_TEXT.search(text)
        if found:
            fail(f"{path.name}: holds U+{ord(found.group()[-1]):04X}, which is not text")


def strict_xml(path):
    """`path` is well-formed XML, as a strict parser (expat) reads it."""
    try:
        ET.parse(path)
    except ET.ParseError as error:
        fail(f"{path.name}: not well-formed XML: {error}")


def spreadsheet(paths):
    """Each CSV opened by LibreOffice as a user would open it (UTF-8, comma, double quotes):
    the sheet it makes, saved as flat OpenDocument, holds no formula and every row."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            fail("LibreOffice (soffice) is missing: install libreoffice-calc-nogui (.ci/run does)")
        else:
            print("site: LibreOffice (soffice) not installed: the spreadsheet check is left out", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as temp:
        profile = Path(temp, "profile").as_uri()
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--infilter=CSV:44,34,76,1",
             "--convert-to", "fods", "--outdir", temp, *map(str, paths)],
            capture_output=True, text=True, timeout=300,
        )
        for path in paths:
            sheet = Path(temp, path.stem + ".fods")
            if not sheet.is_file():
                fail(f"{path.name}: LibreOffice did not open it: {result.stdout}{result.stderr}")
                continue
            rows = 0
            for row in ET.parse(sheet).iter(f"{{{TABLE}}}table-row"):
                rows += 1 if "".join(row.itertext()).strip() else 0
                for cell in row.iter(f"{{{TABLE}}}table-cell"):
                    if cell.get(f"{{{TABLE}}}formula") is not None:
                        text = "".join(cell.itertext()).strip()
                        fail(f"{path.name}: LibreOffice ran a cell as the formula {cell.get(f'{{{TABLE}}}formula')} ({text!r})")
            lines = len(list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))))
            if rows != lines:
                fail(f"{path.name}: LibreOffice read {rows} rows with text, not {lines}")
    return len(paths)


def check(out):
    responses = read_csv(out / "responses.csv", RESPONSES)
    items = read_csv(out / "recommendations.csv", RECOMMENDATIONS)
    not_text(out)
    strict_xml(out / "feed.xml")
    spreadsheet([out / "responses.csv", out / "recommendations.csv"])
    data = json.loads((out / "responses.json").read_text(encoding="utf-8"))
    if [r["id"] for r in data] != [r["id"] for r in responses]:
        fail("responses.json and responses.csv list different records")
    for row in data:
        if list(row) != RESPONSES:
            fail(f"responses.json: {row.get('id')}: keys {list(row)}")
        if not DATE.match(row["published"]):
            fail(f"responses.json: {row['id']}: published {row['published']!r}")
        if not (row["response_published"] == "undated" or DATE.match(row["response_published"])):
            fail(f"responses.json: {row['id']}: response_published {row['response_published']!r}")
        if row["response_published"] == "undated" and row["days_taken"] is not None:
            fail(f"responses.json: {row['id']}: an undated response has days taken")
        counted = sum(1 for i in items if i["record"] == row["id"] and i["kind"] == "recommendation")
        if counted != row["recommendations"]:
            fail(f"{row['id']}: {row['recommendations']} recommendations, {counted} rows of them")
    known = {r["id"] for r in responses}
    for item in items:
        if item["record"] not in known:
            fail(f"recommendations.csv: {item['record']} is not in responses.csv")
        if item["status"] not in {"open", "in-progress", "complete", "superseded", "not-accepted"}:
            fail(f"recommendations.csv: {item['record']}: status {item['status']!r}")

    feed = feedparser.parse(str(out / "feed.xml"))
    if feed.bozo:
        fail(f"feed.xml: not well-formed Atom: {feed.bozo_exception}")
    if feed.version != "atom10":
        fail(f"feed.xml: read as {feed.version!r}, not Atom 1.0")
    if not feed.feed.get("id", "").startswith("urn:uuid:"):
        fail(f"feed.xml: feed id {feed.feed.get('id')!r}")
    entries = feed.entries
    if len(entries) != len(data):
        fail(f"feed.xml: {len(entries)} entries for {len(data)} published responses")
    ids = [e.get("id", "") for e in entries]
    if len(set(ids)) != len(ids) or not all(i.startswith("urn:uuid:") for i in ids):
        fail(f"feed.xml: entry ids {ids}")
    days = [e.updated_parsed[:3] for e in entries]
    if days != sorted(days, reverse=True):
        fail("feed.xml: the entries are not newest first")
    if entries and feed.feed.updated_parsed[:3] != days[0]:
        fail("feed.xml: the feed's updated is not its newest entry's")
    for entry in entries:
        link = entry.get("link", "")
        record = next((r for r in data if link.endswith(f"/{r['id']}.html") or link == f"{r['id']}.html"), None)
        if record is None:
            fail(f"feed.xml: entry link {link!r} is no published page")
            continue
        if link != record["response_page"]:
            fail(f"feed.xml: {record['id']}: link {link!r}, open data {record['response_page']!r}")
        day = record["response_published"]
        if day == "undated":
            day = record["published"]
        if "%04d-%02d-%02d" % entry.updated_parsed[:3] != day:
            fail(f"feed.xml: {record['id']}: updated {entry.updated}, expected {day}")
        if not entry.get("title") or not entry.get("summary"):
            fail(f"feed.xml: {record['id']}: no title or summary")
        if not (out / f"{record['id']}.html").is_file():
            fail(f"{record['id']}.html: missing, though the feed links to it")
    return len(entries), len(responses), len(items)


def one_csv(path):
    """A CSV of respond's on its own (the tracker's): byte order mark, CRLF, rows of one
    length, no cell a formula, in Python's csv module and in LibreOffice."""
    raw = path.read_bytes()
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")), [])
    rows = read_csv(path, header)
    spreadsheet([path])
    return len(rows)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--csv":
        path = Path(sys.argv[2])
        rows = one_csv(path)
        for problem in problems:
            print(f"site: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"site: {path}: {rows} rows read back, no formula")
        return 0
    if len(sys.argv) != 2:
        print("usage: check.py <out-dir> | check.py --csv <file.csv>", file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    entries, responses, items = check(out)
    for problem in problems:
        print(f"site: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"site: {out}: feed.xml ({entries} entries, well-formed), responses.csv and responses.json ({responses} rows), recommendations.csv ({items} rows) read back, no formula")
    return 0


if __name__ == "__main__":
    sys.exit(main())
