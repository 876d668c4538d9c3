"""Markdown pages as GitHub shows them: each page through cmark-gfm (GitHub's renderer, with
its extensions: tables, autolinks, strikethrough, the tag filter, task lists), then read as a
browser reads the HTML. Two things must hold whatever the records hold:

- the document's own headings survive: every ATX heading of levels 1 to 3 at the start of a
  line of the page (a field's own headings are moved below them) is a heading of the HTML, in
  order, with its text, and not inside a comment, <pre>, <script>, <style>, <textarea> or
  <details>: a field that ends inside an open block would take them in;
- every link is one the page writes as a link (`<address>`, `](address)`, or a reference
  definition `[label]: address`): GitHub makes links of bare addresses in text, which the
  escaping of plain fields (titles, numbers, names) must prevent.

    python check.py <page.md>...
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options

HEADING = re.compile(r"^(#{1,3}) (.*?)(?: #+)?$")
HIDING = {"pre", "script", "style", "textarea", "details"}


class Page(HTMLParser):
    """The headings (level, text, hidden) and link targets of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.links = []
        self.open = []
        self.heading = None

    def handle_starttag(self, tag, attrs):
        if tag in HIDING:
            self.open.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = [int(tag[1]), "", bool(self.open)]
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag in HIDING and tag in self.open:
            while self.open.pop() != tag:
                pass
        if self.heading and tag == f"h{self.heading[0]}":
            self.headings.append((self.heading[0], self.heading[1].strip(), self.heading[2]))
            self.heading = None

    def handle_data(self, data):
        if self.heading:
            self.heading[1] += data


def unescape(text):
    """A heading's source text as cmark-gfm shows it: backslash escapes and the word joiner
    that keeps `@` from a link removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


def outside_fences(source):
    """The lines of `source` that are not inside a closed fenced code block (whose `# lines`
    are code, not headings), however far the fence is indented. A fence never closed hides
    nothing here: the headings after it are the document's, and must survive it."""
    lines = source.splitlines()
    hidden = set()
    fence, start = None, 0
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        run = re.match(r"(`{3,}|~{3,})", stripped)
        if fence is None:
            if run:
                fence, start = run.group(1), number
        elif run and run.group(1)[0] == fence[0] and len(run.group(1)) >= len(fence) and not stripped[len(run.group(1)):].strip():
            hidden.update(range(start, number + 1))
            fence = None
    return [line for number, line in enumerate(lines) if number not in hidden]


def check(path):
    problems = []
    source = path.read_text(encoding="utf-8")
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    page = Page()
    page.feed(html)
    page.close()
    if page.open:
        problems.append(f"left open at the end of the page: {page.open}")
    wanted = [
        (len(m.group(1)), unescape(m.group(2)).strip())
        for m in map(HEADING.match, outside_fences(source))
        if m
    ]
    shown = [(level, text.replace("\u2060", "")) for level, text, hidden in page.headings if not hidden and level <= 3]
    position = 0
    for heading in wanted:
        try:
            position = shown.index(heading, position) + 1
        except ValueError:
            problems.append(f"the heading {heading} is not a heading on GitHub")
    for level, text, hidden in page.headings:
        if hidden:
            problems.append(f"the heading {(level, text)} is hidden inside a field's block")
    written = set(re.findall(r"<([a-z][a-z0-9+.-]*:[^<>\s]*)>", source, re.IGNORECASE))
    written |= set(re.findall(r"\]\(<?([^()<>\s]+)>?\)", source))
    written |= set(re.findall(r"^ {0,3}\[[^\]]+\]:\s*<?([^<>\s]+)>?", source, re.MULTILINE))
    for href in page.links:
        if href not in written:
            problems.append(f"a link to {href!r} that the page does not write as a link")
    return problems, len(page.headings), len(page.links)


def main():
    if len(sys.argv) < 2:
        print("usage: check.py <page.md>...", file=sys.stderr)
        return 2
    failed = False
    for name in sys.argv[1:]:
        path = Path(name)
        problems, headings, links = check(path)
        for problem in problems:
            print(f"markdown: {path}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"markdown: {path}: {headings} headings and {links} links as written, on GitHub's renderer")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
