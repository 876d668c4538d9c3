"""Reads respond's calendar files with Python's icalendar library and checks what calendar
programs rely on: one VCALENDAR of version 2.0 with a PRODID, all-day events of one day each,
a DTSTAMP in UTC, a summary, and a UID that no other event has.

    python check.py FILE.ics...
"""

import datetime
import sys

import icalendar


def check(path):
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    if b"\n" in data.replace(b"\r\n", b""):
        problems.append("a line does not end in CRLF")
    calendar = icalendar.Calendar.from_ical(data)
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        problems.append("VERSION 2.0 and PRODID are required")
    seen = set()
    events = calendar.walk("VEVENT")
    for event in events:
        uid = str(event.get("UID", ""))
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        stamp = event.decoded("DTSTAMP")
        if not uid or uid in seen:
            problems.append(f"missing or repeated UID {uid!r}")
        seen.add(uid)
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            problems.append(f"{uid}: DTSTART is not a date")
        elif end != start + datetime.timedelta(days=1):
            problems.append(f"{uid}: DTEND is not the day after DTSTART")
        if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
            problems.append(f"{uid}: DTSTAMP is not in UTC")
        if not str(event.get("SUMMARY", "")):
            problems.append(f"{uid}: no SUMMARY")
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{path}: {len(events)} events, all well formed")
    return not problems


def main():
    if len(sys.argv) < 2:
        print("usage: python check.py FILE.ics...", file=sys.stderr)
        return 2
    results = [check(path) for path in sys.argv[1:]]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
