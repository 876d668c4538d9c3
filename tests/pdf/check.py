"""Checks that each PDF given is an accessible document, in a real PDF library (pikepdf, on
qpdf) and in poppler's pdftotext: marked as tagged, its language en-GB, its title set and shown
as the window's title, headings tagged in order (H1 first, no level skipped going down), the
facts as a Table with TH cells, every font embedded, and text that extracts.

Usage: python tests/pdf/check.py FILE.pdf...   (exit 1 and a list of what is wrong if any is)
"""

import subprocess
import sys

import pikepdf

HEADINGS = {f"/H{n}": n for n in range(1, 7)}


def walk(element, found):
    """The structure elements under `element`, depth first, in reading order."""
    kids = element.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            walk(kid, found)


def fonts_of(pdf):
    """(name, embedded) of every font the pages use, descendants of Type0 fonts included."""
    seen = []
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            fonts = [font] + list(font.get("/DescendantFonts", []))
            for f in fonts:
                descriptor = f.get("/FontDescriptor")
                if descriptor is None:
                    continue
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                seen.append((str(f.get("/BaseFont")), embedded))
    return seen


def check(path):
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("not marked as tagged (/MarkInfo /Marked true)")
        if str(root.get("/Lang", "")) != "en-GB":
            problems.append(f"language is {root.get('/Lang')!r}, not en-GB")
        title = str(pdf.docinfo.get("/Title", "")) if "/Title" in pdf.docinfo else ""
        if not title.strip():
            problems.append("no document title (/Title)")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            problems.append("the title is not shown as the window's title (/DisplayDocTitle)")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            problems.append("no structure tree")
            elements = []
        else:
            elements = []
            walk(tree, elements)
        types = [str(e.S) for e in elements]
        levels = [HEADINGS[t] for t in types if t in HEADINGS]
        if not levels:
            problems.append("no heading tags")
        elif levels[0] != 1:
            problems.append(f"the first heading is H{levels[0]}, not H1")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"a heading skips from H{before} to H{after}")
        if "/Table" not in types:
            problems.append("no Table in the structure tree")
        if "/TH" not in types:
            problems.append("no header cells (TH) in the structure tree")
        fonts = fonts_of(pdf)
        if not fonts:
            problems.append("no fonts found")
        for name, embedded in fonts:
            if not embedded:
                problems.append(f"the font {name} is not embedded")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=False
    )
    if text.returncode != 0 or not text.stdout.strip():
        problems.append(f"no text extracts (pdftotext: {text.stderr.strip()})")
    elif title.split(" — ")[0].split()[0] not in text.stdout:
        problems.append("the extracted text does not hold the title's first word")
    return problems


def main(paths):
    if not paths:
        print("usage: check.py FILE.pdf...", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        problems = check(path)
        if problems:
            failed += 1
            print(f"{path}:", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
        else:
            print(f"ok {path}")
    if failed:
        print(f"{failed} of {len(paths)} PDFs are not accessible documents", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
