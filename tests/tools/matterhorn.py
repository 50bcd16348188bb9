#!/usr/bin/env python3
"""Checks a tagged PDF against the machine-checkable failure conditions of the Matterhorn
Protocol (the PDF Association's list for PDF/UA-1, ISO 14289-1) that a yoshiki PDF could break.
docs/accessibility.md has the table of what is checked and how.

usage: matterhorn.py FILE.pdf     prints one line per condition; exit 1 when any fails
"""

import re
import sys

from pdfjson import Pdf, Ref, operations

# Standard structure types of PDF 32000-1, 14.8.4 (a yoshiki PDF has no RoleMap).
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
}
# Which parents each table and list element may have (PDF 32000-1, Table 337 and 14.8.4.3.3).
PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"}, "TD": {"TR"},
    "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
    "LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"},
}
# Which children they may have.
CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "TR": {"TH", "TD"},
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
}


class Report:
    def __init__(self):
        self.failed = 0

    def check(self, ident, what, problems):
        problems = list(problems)
        if problems:
            self.failed += 1
            shown = "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
            print("FAIL %-7s %s: %s" % (ident, what, shown))
        else:
            print("ok   %-7s %s" % (ident, what))


def struct_elements(pdf):
    """Every structure element reachable from the StructTreeRoot: (ref, dict, parent type)."""
    root = pdf.get(pdf.catalog.get("/StructTreeRoot"))
    out = []
    if not root:
        return out
    stack = [(k, "StructTreeRoot") for k in kids(root.get("/K"))]
    seen = set()
    while stack:
        ref, parent = stack.pop(0)
        if not isinstance(ref, Ref) or ref in seen:
            continue
        e = pdf.get(ref)
        if not isinstance(e, dict) or "/S" not in e:
            continue
        seen.add(ref)
        out.append((ref, e, parent))
        stack.extend((k, e["/S"][1:]) for k in kids(e.get("/K")))
    return out


def kids(k):
    if k is None:
        return []
    return k if isinstance(k, list) else [k]


def marked_content(pdf, page_ref):
    """The page's content: what is painted inside which marked content. Returns a list of
    (operator, stack) where stack is the list of (tag, mcid, is_artifact) open at the operator,
    and the list of MCIDs in order of their sequences."""
    painted = []
    mcids = []
    stack = []
    for op, operands in operations(pdf.page_contents(page_ref)):
        if op in ("BMC", "BDC"):
            tag = operands[0].decode("latin-1")[1:] if operands else ""
            mcid = None
            if op == "BDC":
                toks = operands[1:]
                for i, t in enumerate(toks):
                    if t == b"/MCID" and i + 1 < len(toks):
                        mcid = int(toks[i + 1])
            if mcid is not None:
                mcids.append(mcid)
            stack.append((tag, mcid, tag == "Artifact"))
        elif op == "EMC":
            if stack:
                stack.pop()
            else:
                painted.append(("EMC without BMC/BDC", []))
        elif op in ("TJ", "Tj", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"):
            painted.append((op, list(stack)))
    if stack:
        painted.append(("BMC/BDC without EMC", []))
    return painted, mcids


def main(path):
    pdf = Pdf(path)
    r = Report()
    cat = pdf.catalog
    root = pdf.get(cat.get("/StructTreeRoot"))
    elements = struct_elements(pdf)
    by_ref = {ref: e for ref, e, _ in elements}

    r.check("01-002", "the document is marked as tagged (MarkInfo /Marked true)",
            [] if (pdf.get(cat.get("/MarkInfo")) or {}).get("/Marked") is True else ["no /MarkInfo <</Marked true>>"])
    r.check("01-001", "a structure tree exists", [] if root and elements else ["no StructTreeRoot with elements"])

    # Real content is tagged, everything else an artifact, never one inside the other.
    untagged, mixed, broken = [], [], []
    page_mcids = {}
    for n, page in enumerate(pdf.pages, 1):
        painted, mcids = marked_content(pdf, page)
        page_mcids[page] = mcids
        for op, stack in painted:
            if not stack and op.startswith(("EMC", "BMC")):
                broken.append("page %d: %s" % (n, op))
                continue
            tagged = any(m is not None for _, m, _ in stack)
            artifact = any(a for _, _, a in stack)
            if not tagged and not artifact:
                untagged.append("page %d: %s outside marked content" % (n, op))
            if tagged and artifact:
                mixed.append("page %d: %s in an artifact inside tagged content" % (n, op))
    r.check("01-005", "all content is tagged or an artifact", untagged + broken)
    r.check("01-003", "no artifact inside tagged content, nor tagged content inside an artifact", mixed)
    dup = []
    for n, page in enumerate(pdf.pages, 1):
        ids = page_mcids[page]
        if len(ids) != len(set(ids)):
            dup.append("page %d: MCIDs %s" % (n, sorted({i for i in ids if ids.count(i) > 1})))
    r.check("01-006", "no MCID used twice on a page", dup)

    # The parent tree leads from each MCID back to the element that holds it, and back again.
    nums = (pdf.get(root.get("/ParentTree")) or {}).get("/Nums", []) if root else []
    parent_arrays = {nums[i]: pdf.get(nums[i + 1]) for i in range(0, len(nums) - 1, 2)}
    held = {}  # (page, mcid) -> element ref, from the elements' /K
    for ref, e, _ in elements:
        pg = e.get("/Pg")
        for k in kids(e.get("/K")):
            if isinstance(k, int):
                held[(pg, k)] = ref
            elif isinstance(k, dict) and pdf.get(k).get("/Type") == "/MCR":
                held[(k.get("/Pg", pg), k["/MCID"])] = ref
    tree = []
    for n, page in enumerate(pdf.pages, 1):
        ids = page_mcids[page]
        if not ids:
            continue
        sp = pdf.get(page).get("/StructParents")
        arr = parent_arrays.get(sp)
        if arr is None:
            tree.append("page %d: no /StructParents entry in the parent tree" % n)
            continue
        for mcid in ids:
            if mcid >= len(arr) or arr[mcid] != held.get((page, mcid)):
                tree.append("page %d: MCID %d is not held by the element the parent tree names" % (n, mcid))
    r.check("01-007", "the parent tree and the elements agree on every MCID", tree)

    r.check("02-001", "only standard structure types (no RoleMap needed)",
            ["/S %s" % e["/S"] for _, e, _ in elements if e["/S"][1:] not in STANDARD])

    # Metadata and the document's dictionary.
    xmp = b""
    if "/Metadata" in cat:
        xmp = pdf.stream(cat["/Metadata"]) or b""
    r.check("06-001", "the catalog has an XMP metadata stream", [] if xmp else ["no /Metadata"])
    r.check("06-002", "XMP identifies PDF/UA-1 (pdfuaid:part 1)",
            [] if re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp) else ["no pdfuaid:part"])
    title = re.search(rb"<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", xmp, re.S)
    r.check("06-003", "XMP has a dc:title", [] if title else ["no dc:title"])
    prefs = pdf.get(cat.get("/ViewerPreferences")) or {}
    r.check("07-001", "viewers show the title (ViewerPreferences /DisplayDocTitle true)",
            [] if prefs.get("/DisplayDocTitle") is True else ["DisplayDocTitle is not true"])
    lang = cat.get("/Lang")
    r.check("11-006", "the document's language is declared (/Lang)",
            [] if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang) else ["no /Lang"])

    # Tables and lists are built as the standard says.
    misplaced = []
    for ref, e, parent in elements:
        t = e["/S"][1:]
        if t in PARENTS and parent not in PARENTS[t]:
            misplaced.append("%s in %s" % (t, parent))
        if t in CHILDREN:
            for k in kids(e.get("/K")):
                c = by_ref.get(k)
                if c is None:
                    misplaced.append("%s holds content directly" % t)
                elif c["/S"][1:] not in CHILDREN[t]:
                    misplaced.append("%s holds %s" % (t, c["/S"][1:]))
    r.check("09-004", "table cells are in rows, rows in tables; list items in lists, labels and bodies in items",
            misplaced)

    # Headings: the first is H1, and no level is skipped on the way down.
    levels = [int(e["/S"][2]) for _, e, _ in elements if re.fullmatch(r"/H[1-6]", e["/S"])]
    heading = []
    if levels and levels[0] != 1:
        heading.append("the first heading is H%d" % levels[0])
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            heading.append("H%d follows H%d" % (b, a))
    r.check("14-003", "headings begin with H1 and skip no level", heading)

    # Table headers: every TH has a Scope or is named by Headers; every Headers ID is a TH.
    ids = {}
    for ref, e, _ in elements:
        if "/ID" in e:
            ids[e["/ID"] if isinstance(e["/ID"], str) else e["/ID"].decode("latin-1")] = e
    def attrs(e):
        a = pdf.get(e.get("/A"))
        return [pdf.get(x) for x in a] if isinstance(a, list) else ([a] if isinstance(a, dict) else [])
    named = set()
    headers_problems = []
    for ref, e, _ in elements:
        for a in attrs(e):
            for h in a.get("/Headers", []):
                key = h if isinstance(h, str) else h.decode("latin-1")
                named.add(key)
                if key not in ids or ids[key]["/S"] != "/TH":
                    headers_problems.append("Headers names %r, which is no TH" % key)
    for ref, e, _ in elements:
        if e["/S"] == "/TH":
            scoped = any("/Scope" in a for a in attrs(e))
            ident = e.get("/ID")
            if not scoped and (ident is None or ident not in named):
                headers_problems.append("a TH with neither Scope nor a cell naming it")
    idtree = pdf.get(root.get("/IDTree")) if root else None
    if ids and not idtree:
        headers_problems.append("elements have IDs but the tree has no /IDTree")
    r.check("15-003", "table headers are declared (Scope) and Headers name existing TH cells", headers_problems)

    # Annotations (signature boxes): tagged, in tab order of the structure.
    annots = []
    for n, page in enumerate(pdf.pages, 1):
        p = pdf.get(page)
        a = pdf.get(p.get("/Annots"))
        if not a:
            continue
        if p.get("/Tabs") != "/S":
            annots.append("page %d has annotations but no /Tabs /S" % n)
        for ref in a:
            ann = pdf.get(ref)
            if ann.get("/Subtype") in ("/Popup",):
                continue
            sp = ann.get("/StructParent")
            holder = parent_arrays.get(sp) if sp is not None else None
            holder = pdf.get(holder) if holder is not None else None
            if holder is None or not isinstance(holder, dict):
                annots.append("page %d: an annotation without a structure parent" % n)
                continue
            want = "/Form" if ann.get("/Subtype") == "/Widget" else None
            if want and holder.get("/S") != want:
                annots.append("page %d: a widget in %s, not Form" % (n, holder.get("/S")))
            objr = [k for k in kids(holder.get("/K")) if isinstance(pdf.get(k), dict) and pdf.get(k).get("/Type") == "/OBJR"]
            if not any(pdf.get(k).get("/Obj") == ref for k in objr):
                annots.append("page %d: the annotation's element has no OBJR to it" % n)
            if ann.get("/Subtype") == "/Widget" and not ann.get("/TU") and not pdf.get(ann.get("/Parent") or {}).get("/TU"):
                annots.append("page %d: a form field without a description (/TU)" % n)
    r.check("28-005", "annotations are tagged (Form with an OBJR), described, on pages with /Tabs /S", annots)

    # Fonts: embedded, and every glyph maps to Unicode.
    fonts = []
    for ref, obj in pdf.objects.items():
        if isinstance(obj, dict) and obj.get("/Type") == "/Font" and obj.get("/Subtype") == "/Type0":
            if "/ToUnicode" not in obj:
                fonts.append("%s without ToUnicode" % obj.get("/BaseFont"))
            for d in pdf.get(obj.get("/DescendantFonts", [])):
                desc = pdf.get(pdf.get(d).get("/FontDescriptor"))
                if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    fonts.append("%s not embedded" % obj.get("/BaseFont"))
    r.check("31-009", "fonts are embedded and map every glyph to Unicode (ToUnicode)", fonts)

    return 1 if r.failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
