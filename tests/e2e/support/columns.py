"""Columns of vertical text (縦書き) as poppler reads them back: pdftotext -bbox-layout's words,
grouped by the centre line they stand on. Used by tests/e2e/vertical.sh.

columns.py BBOX.html PAGE  prints one column a line, right to left: "centre width text".

poppler boxes a glyph of a vertical font from its pen, which stands on the column's centre line,
one em to the right (it does not move it by the vertical origin's x, /W2): a column's centre line
is the left edge of its upright glyphs' boxes. Columns are grouped by the middle of the boxes.
"""
import html
import re
import sys

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words(path, page):
    text = open(path, encoding="utf-8").read()
    pages = text.split("<page ")[1:]
    for m in WORD.finditer(pages[page - 1]):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        yield x0, y0, x1, y1, html.unescape(m.group(5))


def columns(path, page):
    cols = []  # [centre, [(y0, x0, x1, text)]]
    for x0, y0, x1, y1, t in words(path, page):
        c = (x0 + x1) / 2
        for col in cols:
            if abs(col[0] - c) < 2:
                col[1].append((y0, x0, x1, t))
                break
        else:
            cols.append([c, [(y0, x0, x1, t)]])
    for col in sorted(cols, key=lambda c: -c[0]):
        ws = sorted(col[1])
        left = min(w[1] for w in ws)
        yield left, max(w[2] for w in ws) - left, "".join(w[3] for w in ws)


if __name__ == "__main__":
    for centre, width, text in columns(sys.argv[1], int(sys.argv[2])):
        print(f"{centre:.2f} {width:.2f} {text}")
