#!/usr/bin/env python3
"""Reads a yoshiki PDF back as a clerk would copy it, and compares every paragraph with its source.

For each text of the input (a paragraph, a list item, a field's value): poppler's pdftotext must
give it back exactly once its line ends are joined, with no space the source does not have, and
in as many lines as the structure tree says it has (no break in the middle of a visual line); and
the structure tree (pdfinfo -struct-text) must hold it, line by line, in one element (or, for a
field set into a template's text, within one).

usage: readback.py INPUT.xml FILE.pdf [--skip FIELD …]
       (fields whose printed form differs from their source, such as fiscal years, are skipped)
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def normalise(text):
    """White space as yoshiki reads it: a line break between Japanese characters vanishes, other
    runs of white space become one space, the ends are trimmed."""
    text = re.sub(r"(?<=[^\x00-\x7f])[ \t]*[\r\n][ \t\r\n]*(?=[^\x00-\x7f])", "", text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def source_texts(path, skip):
    """The texts of an input file: every element that holds text and no elements."""
    out = []
    for el in ET.parse(path).getroot().iter():
        if el.tag in skip or len(el):
            continue
        t = normalise("".join(el.itertext()))
        if t:
            out.append((el.tag, t))
    return out


def struct_leaves(pdf):
    """The leaf elements of pdfinfo -struct-text: (type, [lines]) in reading order."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True, capture_output=True, text=True).stdout
    leaves = []
    current = None
    for line in out.splitlines():
        m = re.match(r'^\s*"(.*)"$', line)
        if m:
            if current is None:
                raise SystemExit("text outside an element in pdfinfo -struct-text")
            current[1].append(m.group(1))
            continue
        m = re.match(r"^\s*(\w+)\b", line)
        if m and not line.strip().startswith("/"):
            current = [m.group(1), []]
            leaves.append(current)
    return [(t, lines) for t, lines in leaves if lines]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, pdf = argv[1], argv[2]
    skip = set(argv[argv.index("--skip") + 1:]) if "--skip" in argv else set()
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    lines = text.split("\n")
    joined = "".join(lines)
    # Where each character of the joined text stood: its line in pdftotext's output.
    line_of = []
    for n, l in enumerate(lines):
        line_of.extend([n] * len(l))
    leaves = struct_leaves(pdf)
    by_text = {}
    for kind, ls in leaves:
        by_text.setdefault("".join(ls), []).append((kind, ls))

    failures = 0
    checked = 0
    for tag, want in source_texts(src, skip):
        checked += 1
        problems = []
        # A field set into a template text (the department in the title) is part of an element.
        found = by_text.get(want)
        if not found and not any(want in t for t in by_text):
            problems.append("no element of the structure tree holds it")
        at = joined.find(want)
        if at < 0:
            near = max((joined.find(want[:k]) for k in range(len(want), 0, -1) if joined.find(want[:k]) >= 0), default=-1)
            problems.append("pdftotext does not give it back" + (": it differs after %r" % want[:20] if near >= 0 else ""))
        elif found:
            visual = len(found[0][1])
            got = line_of[at + len(want) - 1] - line_of[at] + 1
            if got != visual:
                problems.append("pdftotext breaks its %d visual lines into %d" % (visual, got))
        if problems:
            failures += 1
            print("FAIL <%s> %s: %s" % (tag, want[:40] + ("…" if len(want) > 40 else ""), "; ".join(problems)))
    print("%d of %d texts read back exactly" % (checked - failures, checked))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
