#!/usr/bin/env python3
"""Checks a PDF against the clauses of ISO 19005-3 (PDF/A-3) that a yoshiki PDF could break, from
the outside: the file's bytes, and its objects as qpdf reads them (pdfjson.py). docs/pdfa.md has
the table of what is checked and how; clause numbers are those of ISO 19005-3:2012.

usage: pdfa.py FILE.pdf [--level a|b] [--sources N]
  --level    the conformance the file must claim (pdfaid:conformance); a also checks level A's
             clauses (structure, Unicode for every character)
  --sources  how many embedded files the file must carry, each an associated file
Prints one line per clause; exit 1 when any fails.
"""

import argparse
import hashlib
import re
import struct
import sys
import xml.etree.ElementTree as ET

from pdfjson import Pdf, Ref, as_bytes, operations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# The schemas PDF/A-3 predefines (ISO 19005-3, 6.6.2.3.1: those of XMP 2005 and PDF/A's own);
# any other namespace needs an extension schema.
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfa/ns/extension/",
}
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
AF_RELATIONSHIPS = {"/Source", "/Data", "/Alternative", "/Supplement", "/Unspecified"}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}


class Report:
    def __init__(self):
        self.failed = 0

    def check(self, clause, what, problems):
        problems = list(dict.fromkeys(problems))  # each problem once, in order
        if problems:
            self.failed += 1
            shown = "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
            print("FAIL %-10s %s: %s" % (clause, what, shown))
        else:
            print("ok   %-10s %s" % (clause, what))


def walk(value, path="", seen=None):
    """Every (path, value) below value, direct objects only (references are not followed)."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, path + k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, "%s[%d]" % (path, i))


# ---- File structure (6.1) ------------------------------------------------------------------

def file_structure(report, data, pdf):
    header = re.match(rb"%PDF-1\.[0-7]\r?\n%([^\r\n]*)\r?\n", data)
    report.check("6.1.2", "header %PDF-1.n and a comment of four bytes above 127", [] if header and
                 len(header.group(1)) >= 4 and all(b > 127 for b in header.group(1)[:4]) else ["header: %r" % data[:16]])
    tail = data[data.rfind(b"%%EOF"):]
    problems = []
    if "/ID" not in pdf.trailer or len(pdf.trailer["/ID"]) != 2:
        problems.append("no /ID with two strings in the trailer")
    if "/Encrypt" in pdf.trailer:
        problems.append("/Encrypt in the trailer")
    if tail not in (b"%%EOF", b"%%EOF\n", b"%%EOF\r\n", b"%%EOF\r"):
        problems.append("data after the last %%EOF")
    report.check("6.1.3", "trailer: a document ID, no encryption, nothing after %%EOF", problems)
    problems = ["xref keyword not followed by one end of line"
                for m in re.finditer(rb"(?:^|[\r\n])xref([^\r\n]?[\r\n]?)(\d)?", data) if not m.group(2)]
    # Each startxref leads to a section: a table (the clause's xref keyword) or a cross-reference
    # stream (PDF 1.5, which ISO 19005-3 allows), so that a file of streams passes for its own
    # sections and not for having no table at all.
    starts = [int(m.group(1)) for m in re.finditer(rb"startxref\s+(\d+)", data)]
    if not starts:
        problems.append("no startxref")
    for at in starts:
        if not re.match(rb"xref\r?\n\d|\d+ \d+ obj\s*<<[^>]*?/Type\s*/XRef", data[at:at + 200]):
            problems.append("startxref %d leads to no cross-reference section" % at)
    report.check("6.1.4", "cross-reference sections: xref, then the subsection header on the next line", problems)
    problems = []
    for key, d in pdf.objects.items():
        if key in pdf.streams:
            for k in ("/F", "/FFilter", "/FDecodeParms"):
                if k in d:
                    problems.append("%s: stream with %s" % (key, k))
    report.check("6.1.7.1", "no stream refers to an external file (/F, /FFilter, /FDecodeParms)", problems)
    problems = []
    for key, d in pdf.objects.items():
        for path, v in walk(d):
            if path.endswith("/Filter") or "/Filter[" in path:
                for f in (v if isinstance(v, list) else [v]):
                    if f in ("/LZWDecode", "/LZW", "/Crypt"):
                        problems.append("%s: %s" % (key, f))
    for m in re.finditer(rb"/(LZWDecode|Crypt)\b", data):
        problems.append("the bytes name /%s" % m.group(1).decode())
    report.check("6.1.7.2", "no LZW and no Crypt filter", problems)
    objs = len(re.findall(rb"(?:^|[\r\n])\d+ \d+ obj[\r\n]", data))
    ends = len(re.findall(rb"[\r\n]endobj[\r\n]", data))
    problems = [] if objs == ends and objs > 0 else ["%d 'N G obj' lines and %d endobj lines" % (objs, ends)]
    problems += ["object number separated by more than one space"
                 for _ in re.finditer(rb"[\r\n]\d+(?:  +\d+ | \d+  +)obj", data)]
    report.check("6.1.8", "indirect objects: 'N G obj' and endobj each at a line end", problems)
    problems = []
    for key, d in list(pdf.objects.items()) + [("trailer", pdf.trailer)]:
        for path, v in walk(d):
            if isinstance(v, bool):
                continue
            if isinstance(v, int) and not -2**31 <= v <= 2**31 - 1:
                problems.append("%s%s: integer %d" % (key, path, v))
            elif isinstance(v, float) and abs(v) > 3.403e38:
                problems.append("%s%s: real %g" % (key, path, v))
            elif isinstance(v, (str, bytes)) and not isinstance(v, Ref):
                n = len(v.encode("utf-16-be")) + 2 if isinstance(v, str) and any(ord(c) > 127 for c in v) else len(v)
                if isinstance(v, str) and v.startswith("/"):
                    if len(v.encode()) - 1 > 127:
                        problems.append("%s%s: a name of %d bytes" % (key, path, len(v.encode()) - 1))
                elif n > 32767:
                    problems.append("%s%s: a string of %d bytes" % (key, path, n))
    if len(pdf.objects) > 8388607:
        problems.append("%d indirect objects" % len(pdf.objects))
    for page in pdf.pages:
        depth = deepest = 0
        for op, _ in operations(pdf.page_contents(page)):
            if op == "q":
                depth += 1
                deepest = max(deepest, depth)
            elif op == "Q":
                depth -= 1
        if deepest > 28:
            problems.append("%s: q nested %d deep" % (page, deepest))
    report.check("6.1.13", "implementation limits: integers, reals, strings, names, objects, q nesting", problems)


# ---- Graphics (6.2) ------------------------------------------------------------------------

def output_intent(report, pdf):
    intents = [pdf.get(i) for i in pdf.get(pdf.catalog.get("/OutputIntents")) or []]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    problems = []
    components = None
    if not pdfa:
        problems.append("no output intent /GTS_PDFA1")
    profiles = {i.get("/DestOutputProfile") for i in pdfa}
    if len(profiles) > 1:
        problems.append("output intents with different profiles")
    for intent in pdfa:
        ref = intent.get("/DestOutputProfile")
        icc = pdf.stream(ref) if ref else None
        if not icc or len(icc) < 128:
            problems.append("no embedded ICC profile")
            continue
        if not intent.get("/OutputConditionIdentifier"):
            problems.append("no /OutputConditionIdentifier")
        size, version, cls, space = struct.unpack(">I4xB3x4s4s", icc[:20])
        if size != len(icc):
            problems.append("profile size %d, stream %d bytes" % (size, len(icc)))
        if cls not in (b"mntr", b"prtr"):
            problems.append("profile class %r (monitor or printer wanted)" % cls)
        if version > 4:
            problems.append("ICC version %d" % version)
        components = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(space)
        if pdf.get(ref).get("/N") != components:
            problems.append("/N %s for a %r profile" % (pdf.get(ref).get("/N"), space))
        if icc[36:40] != b"acsp":
            problems.append("no ICC signature 'acsp'")
    report.check("6.2.3", "output intent: GTS_PDFA1 with an embedded monitor or printer ICC profile", problems)
    return components


def content_streams(pdf):
    """(name, decoded content) of every page and every form XObject (appearance streams too)."""
    for page in pdf.pages:
        yield page, pdf.page_contents(page)
    for ref, d in pdf.objects.items():
        if isinstance(d, dict) and d.get("/Subtype") == "/Form" and pdf.stream(ref) is not None:
            yield ref, pdf.stream(ref)


def device_colours(report, pdf, components):
    problems = []
    for page, content in content_streams(pdf):
        for op, operands in operations(content):
            if op in ("rg", "RG") and components != 3:
                problems.append("%s: DeviceRGB (%s) without an RGB output intent" % (page, op))
            if op in ("k", "K") and components != 4:
                problems.append("%s: DeviceCMYK (%s) without a CMYK output intent" % (page, op))
            if op in ("g", "G") and components is None:
                problems.append("%s: DeviceGray without an output intent" % page)
            if op in ("cs", "CS") and operands and operands[0] in (b"/DeviceRGB", b"/DeviceCMYK") and components is None:
                problems.append("%s: %s without an output intent" % (page, operands[0].decode()))
    report.check("6.2.4.3", "device colours only as the output intent allows (DeviceGray with any), in pages"
                 " and form XObjects", problems)


def xobjects(report, pdf):
    problems = []
    for key, d in pdf.objects.items():
        if not isinstance(d, dict):
            continue
        if d.get("/Subtype") == "/PS" or d.get("/Subtype2") == "/PS":
            problems.append("%s: a PostScript XObject" % key)
        if d.get("/Subtype") == "/Form" and "/Ref" in d:
            problems.append("%s: a reference XObject" % key)
        if d.get("/Subtype") == "/Image" and ("/Alternates" in d or "/OPI" in d or d.get("/Interpolate") is True):
            problems.append("%s: an image with /Alternates, /OPI or /Interpolate" % key)
    report.check("6.2.8–9", "no PostScript or reference XObjects, no image alternates", problems)


# ---- Fonts (6.2.11) ------------------------------------------------------------------------

class TrueType:
    """The tables of an embedded TrueType program that the width and glyph checks need."""

    def __init__(self, data):
        num_tables = struct.unpack(">H", data[4:6])[0]
        self.tables = {}
        for i in range(num_tables):
            tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
            self.tables[tag] = data[offset:offset + length]
        self.upem = struct.unpack(">H", self.tables[b"head"][18:20])[0]
        self.glyphs = struct.unpack(">H", self.tables[b"maxp"][4:6])[0]
        metrics = struct.unpack(">H", self.tables[b"hhea"][34:36])[0]
        hmtx = self.tables[b"hmtx"]
        self.advances = [struct.unpack(">H", hmtx[4 * i:4 * i + 2])[0] for i in range(metrics)]

    def width(self, gid):
        a = self.advances[min(gid, len(self.advances) - 1)]
        return a * 1000.0 / self.upem


def widths_of(cid_font):
    """CID → width from /W (and /DW)."""
    out = {}
    w = cid_font.get("/W") or []
    i = 0
    while i < len(w):
        first = w[i]
        if isinstance(w[i + 1], list):
            for k, v in enumerate(w[i + 1]):
                out[first + k] = v
            i += 2
        else:
            for c in range(first, w[i + 1] + 1):
                out[c] = w[i + 2]
            i += 3
    return out, cid_font.get("/DW", 1000)


def to_unicode_map(cmap):
    """CID → text from a ToUnicode CMap's bfchar and bfrange sections."""
    out = {}
    text = cmap.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                for k, d in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    out[lo + k] = bytes.fromhex(d).decode("utf-16-be", "replace")
            else:
                base = bytes.fromhex(dst[1:-1])
                for c in range(lo, hi + 1):
                    v = int.from_bytes(base, "big") + (c - lo)
                    out[c] = v.to_bytes(len(base), "big").decode("utf-16-be", "replace")
    return out


def string_bytes(token):
    """The bytes of a string operand: (literal) or <hex>."""
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    body = token[1:-1]
    out = bytearray()
    i = 0
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(body):
        c = body[i]
        if c == 0x5C:
            i += 1
            n = body[i]
            if n in escapes:
                out.append(escapes[n])
            elif 0x30 <= n <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", body[i:i + 3]).group(0)
                out.append(int(digits, 8) & 0xFF)
                i += len(digits) - 1
            elif n in (10, 13):
                if n == 13 and i + 1 < len(body) and body[i + 1] == 10:
                    i += 1
            else:
                out.append(n)
        else:
            out.append(c)
        i += 1
    return bytes(out)


def used_cids(pdf):
    """(font dict ref) → set of CIDs shown with it, over every page (two-byte Identity codes)."""
    used = {}
    for page in pdf.pages:
        fonts = (pdf.get(pdf.get(pdf.get(page).get("/Resources") or {}).get("/Font")) or {})
        current = None
        for op, operands in operations(pdf.page_contents(page)):
            if op == "Tf":
                current = fonts.get(operands[0].decode())
            elif op in ("Tj", "TJ", "'", '"'):
                # A TJ's array comes as its tokens: "[", strings, numbers, "]".
                strings = [t for t in operands if t[:1] in (b"(", b"<") and not t.startswith(b"<<")]
                for s in strings:
                    b = string_bytes(s)
                    used.setdefault(current, set()).update(
                        (b[i] << 8) | b[i + 1] for i in range(0, len(b) - 1, 2))
    return used


def fonts(report, pdf, level):
    used = used_cids(pdf)
    embedded, cidmap, widths, notdef, unicode, glyphs, cmaps = ([] for _ in range(7))
    for ref, cids in used.items():
        font = pdf.get(ref)
        if font is None:
            embedded.append("a font that is not in the page's resources")
            continue
        name = font.get("/BaseFont", ref)
        if font.get("/Subtype") != "/Type0":
            embedded.append("%s: a simple font (%s)" % (name, font.get("/Subtype")))
            continue
        enc = font.get("/Encoding")
        if enc not in ("/Identity-H", "/Identity-V"):
            cmaps.append("%s: encoding %s" % (name, enc))
        cid_font = pdf.get(pdf.get(font["/DescendantFonts"])[0])
        desc = pdf.get(cid_font.get("/FontDescriptor"))
        program_ref = desc.get("/FontFile2") or desc.get("/FontFile3")
        program = pdf.stream(program_ref) if program_ref else None
        if not program:
            embedded.append("%s: no embedded font program" % name)
            continue
        if cid_font.get("/Subtype") == "/CIDFontType2":
            m = cid_font.get("/CIDToGIDMap")
            if m is None:
                cidmap.append("%s: no /CIDToGIDMap" % name)
        if 0 in cids:
            notdef.append("%s: CID 0 (.notdef) is shown" % name)
        w, dw = widths_of(cid_font)
        if cid_font.get("/Subtype") == "/CIDFontType2" and program[:4] in (b"\x00\x01\x00\x00", b"true"):
            tt = TrueType(program)
            m = cid_font.get("/CIDToGIDMap")
            gid_of = (lambda c: c)
            if isinstance(m, Ref) and pdf.stream(m) is not None:
                table = pdf.stream(m)
                gid_of = (lambda c, t=table: (t[2 * c] << 8) | t[2 * c + 1] if 2 * c + 1 < len(t) else 0)
            for c in sorted(cids):
                gid = gid_of(c)
                if gid >= tt.glyphs:
                    glyphs.append("%s: CID %d names glyph %d of %d" % (name, c, gid, tt.glyphs))
                    continue
                want = tt.width(gid)
                have = w.get(c, dw)
                if abs(have - want) > 1:
                    widths.append("%s: CID %d is %s wide in /W, %.1f in the font" % (name, c, have, want))
        if level == "a":
            tu = font.get("/ToUnicode")
            if not tu or pdf.stream(tu) is None:
                unicode.append("%s: no ToUnicode" % name)
            else:
                table = to_unicode_map(pdf.stream(tu))
                for c in sorted(cids):
                    t = table.get(c)
                    if not t or any(ch in "\x00\ufeff\ufffe" for ch in t):
                        unicode.append("%s: CID %d maps to %r" % (name, c, t))
    report.check("6.2.11.3.1", "composite fonts: Identity CMaps (no CMap to embed or match)", cmaps)
    report.check("6.2.11.3.2", "every CIDFontType2 has a /CIDToGIDMap", cidmap)
    report.check("6.2.11.4.1", "every font shown is embedded (Type0 with a font program)", embedded)
    report.check("6.2.11.4.2", "every glyph shown is in its embedded subset", glyphs)
    report.check("6.2.11.5", "widths in /W agree with the embedded programs' (within 1/1000 em)", widths)
    if level == "a":
        report.check("6.2.11.7.2", "level A: every character shown maps to Unicode", unicode)
    report.check("6.2.11.8", ".notdef is never shown", notdef)
    return sum(len(c) for c in used.values())


# ---- Annotations, forms, actions (6.3–6.5) ---------------------------------------------------

def annotations(report, pdf):
    problems = []
    count = 0
    for page in pdf.pages:
        for a in pdf.get(pdf.get(page).get("/Annots")) or []:
            annot = pdf.get(a)
            count += 1
            sub = annot.get("/Subtype")
            if sub in ("/3D", "/Sound", "/Screen", "/Movie", "/RichMedia"):
                problems.append("%s: a %s annotation" % (a, sub))
            flags = annot.get("/F", 0)
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                problems.append("%s: flags %d (Print set, Hidden, Invisible, NoView, ToggleNoView clear wanted)" % (a, flags))
            if sub != "/Popup" and sub != "/Link":
                ap = pdf.get(annot.get("/AP"))
                rect = annot.get("/Rect", [0, 0, 0, 0])
                empty = rect[0] == rect[2] or rect[1] == rect[3]
                if not empty and (not ap or "/N" not in ap or set(ap) - {"/N"}):
                    problems.append("%s: appearance %s (/AP with /N only wanted)" % (a, ap))
            if "/CA" in annot and annot["/CA"] != 1:
                problems.append("%s: /CA %s" % (a, annot["/CA"]))
    report.check("6.3", "annotations (%d): printed, visible, each with a normal appearance" % count, problems)
    problems = []
    form = pdf.get(pdf.catalog.get("/AcroForm"))
    if form:
        if form.get("/NeedAppearances") is True:
            problems.append("/NeedAppearances true")
        if "/XFA" in form:
            problems.append("an XFA form")
    report.check("6.4", "interactive form: no NeedAppearances, no XFA", problems)
    problems = []
    if "/AA" in pdf.catalog:
        problems.append("catalog /AA")
    names = pdf.get(pdf.catalog.get("/Names")) or {}
    if "/JavaScript" in names:
        problems.append("a /JavaScript name tree")
    for key, obj in pdf.objects.items():
        for path, d in walk(obj):  # actions are often direct dictionaries (/OpenAction, /A)
            if not isinstance(d, dict):
                continue
            if d.get("/S") in FORBIDDEN_ACTIONS:
                problems.append("%s%s: action %s" % (key, path, d["/S"]))
            if "/JS" in d:
                problems.append("%s%s: JavaScript" % (key, path))
            if d.get("/Type") == "/Page" and "/AA" in d:
                problems.append("%s: page /AA" % key)
    report.check("6.5", "no JavaScript, no forbidden actions, no additional actions", problems)


# ---- Metadata (6.6) ------------------------------------------------------------------------

def xmp(report, pdf, level):
    ref = pdf.catalog.get("/Metadata")
    d = pdf.get(ref) or {}
    data = pdf.stream(ref) if ref else None
    problems = []
    if data is None or d.get("/Type") != "/Metadata" or d.get("/Subtype") != "/XML":
        problems.append("no metadata stream /Type /Metadata /Subtype /XML in the catalog")
    if "/Filter" in d:
        problems.append("the metadata stream is filtered")
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", data or b"")
    if not header:
        problems.append("no xpacket header")
    elif re.search(rb"\b(bytes|encoding)=", header.group(0)):
        problems.append("xpacket header with bytes or encoding")
    root = None
    try:
        root = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", data or b"").strip())
    except ET.ParseError as e:
        problems.append("XMP is not well-formed: %s" % e)
    report.check("6.6.2.1", "XMP metadata stream: unfiltered, well-formed, a plain xpacket header", problems)
    if root is None:
        return None
    props = {}
    used_ns = set()
    for desc in root.iter("{%s}Description" % RDF):
        for child in desc:
            ns, local = child.tag[1:].split("}")
            used_ns.add((ns, local))
            props[(ns, local)] = child
    declared = {}
    for schema in root.iter("{%s}schemas" % EXTENSION):
        for li in schema.iter("{%s}li" % RDF):
            uri = li.find("{%s}namespaceURI" % SCHEMA)
            prefix = li.find("{%s}prefix" % SCHEMA)
            if uri is None:
                continue
            names = set()
            for prop in li.iter("{%s}li" % RDF):
                n = prop.find("{%s}name" % PROPERTY)
                t = prop.find("{%s}valueType" % PROPERTY)
                c = prop.find("{%s}category" % PROPERTY)
                if n is not None and t is not None and c is not None and prop.find("{%s}description" % PROPERTY) is not None:
                    names.add(n.text)
            declared[uri.text] = (prefix.text if prefix is not None else None, names)
    problems = []
    for ns, local in sorted(used_ns):
        if ns in PREDEFINED:
            continue
        if ns not in declared:
            problems.append("%s (%s) has no extension schema" % (local, ns))
        elif local not in declared[ns][1]:
            problems.append("%s is not declared in the schema of %s" % (local, ns))
    report.check("6.6.2.3", "every XMP property outside the predefined schemas has an extension schema", problems)

    def text(ns, local):
        e = props.get((ns, local))
        if e is None:
            return None
        lis = list(e.iter("{%s}li" % RDF))
        if lis:
            return lis[0].text or ""
        return e.text or ""

    info = pdf.get(pdf.trailer.get("/Info")) or {}
    pairs = [("/Title", "http://purl.org/dc/elements/1.1/", "title"),
             ("/Author", "http://purl.org/dc/elements/1.1/", "creator"),
             ("/Subject", "http://purl.org/dc/elements/1.1/", "description"),
             ("/Keywords", "http://ns.adobe.com/pdf/1.3/", "Keywords"),
             ("/Creator", "http://ns.adobe.com/xap/1.0/", "CreatorTool"),
             ("/Producer", "http://ns.adobe.com/pdf/1.3/", "Producer")]
    problems = []
    for key, ns, local in pairs:
        a, b = info.get(key), text(ns, local)
        if a is not None and a != b:
            problems.append("Info %s %r, XMP %s %r" % (key, a, local, b))
        if a is None and b is not None:
            problems.append("XMP %s %r, no Info %s" % (local, b, key))
    author = props.get(("http://purl.org/dc/elements/1.1/", "creator"))
    if author is not None and len(list(author.iter("{%s}li" % RDF))) != 1:
        problems.append("dc:creator does not hold exactly one name")
    for key, local in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        a, b = info.get(key), text("http://ns.adobe.com/xap/1.0/", local)
        if a is None and b is None:
            continue
        if (a is None) != (b is None) or pdf_date(a) != iso_date(b):
            problems.append("Info %s %r, XMP %s %r" % (key, a, local, b))
    report.check("6.6.3", "the Info dictionary and the XMP agree (title, author, subject, dates, tools)", problems)
    part, conformance = text("http://www.aiim.org/pdfa/ns/id/", "part"), text("http://www.aiim.org/pdfa/ns/id/", "conformance")
    problems = []
    if part != "3":
        problems.append("pdfaid:part %r" % part)
    if conformance != (level or "").upper() and level:
        problems.append("pdfaid:conformance %r, %s wanted" % (conformance, level.upper()))
    if conformance not in ("A", "B", "U"):
        problems.append("pdfaid:conformance %r" % conformance)
    report.check("6.6.4", "identification: pdfaid:part 3, conformance %s" % (level or "").upper(), problems)
    return props


def pdf_date(s):
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?", s or "")
    if not m:
        return None
    parts = [m.group(1)] + [g or "00" for g in m.groups()[1:6]]
    parts[1] = parts[1] if m.group(2) else "01"
    parts[2] = parts[2] if m.group(3) else "01"
    tz = m.group(7) or "Z"
    tz = "Z" if tz.startswith("Z") or re.fullmatch(r"[+-]00'?00'?", tz) else tz.replace("'", "")
    return "%s-%s-%sT%s:%s:%s%s" % tuple(parts + [tz])


def iso_date(s):
    if s is None:
        return None
    s = s.replace("+00:00", "Z")
    return s if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) else s.replace(":", "")


# ---- Logical structure (6.7, level A) --------------------------------------------------------

def structure(report, pdf):
    problems = []
    mark = pdf.get(pdf.catalog.get("/MarkInfo")) or {}
    if mark.get("/Marked") is not True:
        problems.append("no /MarkInfo << /Marked true >>")
    if not pdf.get(pdf.catalog.get("/StructTreeRoot")):
        problems.append("no structure tree")
    if not pdf.catalog.get("/Lang"):
        problems.append("no /Lang")
    for page in pdf.pages:
        ops = operations(pdf.page_contents(page))
        shown = [op for op, _ in ops if op in ("Tj", "TJ", "'", '"')]
        depth = 0
        outside = 0
        for op, _ in ops:
            if op in ("BMC", "BDC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
            elif op in ("Tj", "TJ", "'", '"') and depth == 0:
                outside += 1
        if outside:
            problems.append("%s: %d of %d text operators outside marked content" % (page, outside, len(shown)))
    report.check("6.7", "level A: tagged (MarkInfo, structure tree), language, text in marked content", problems)


# ---- Embedded files (6.8) --------------------------------------------------------------------

def embedded_files(report, pdf, sources):
    specs = {key: d for key, d in pdf.objects.items() if isinstance(d, dict) and "/EF" in d}
    associated = set()
    for key, d in list(pdf.objects.items()) + [("catalog", pdf.catalog)]:
        if isinstance(d, dict) and "/AF" in d:
            for r in pdf.get(d["/AF"]) or []:
                associated.add(r)
    problems = []
    listed = []
    names = pdf.get((pdf.get(pdf.catalog.get("/Names")) or {}).get("/EmbeddedFiles")) or {}
    tree = names.get("/Names") or []
    for i in range(0, len(tree), 2):
        listed.append(tree[i + 1])
    for key, spec in specs.items():
        who = spec.get("/UF") or spec.get("/F") or key
        if "/F" not in spec or "/UF" not in spec:
            problems.append("%s: a file specification without /F and /UF" % who)
        if spec.get("/AFRelationship") not in AF_RELATIONSHIPS:
            problems.append("%s: /AFRelationship %s" % (who, spec.get("/AFRelationship")))
        if key not in associated:
            problems.append("%s: not an associated file (/AF)" % who)
        for k, ref in (pdf.get(spec["/EF"]) or {}).items():
            d = pdf.get(ref) or {}
            data = pdf.stream(ref)
            mime = d.get("/Subtype", "")
            if not re.fullmatch(r"/[a-z]+#2[Ff][A-Za-z0-9.+#-]+|/[a-z]+/[A-Za-z0-9.+-]+", mime or ""):
                problems.append("%s: embedded file /Subtype %r is no MIME type" % (who, mime))
            params = pdf.get(d.get("/Params")) or {}
            if "/ModDate" not in params:
                problems.append("%s: no /Params /ModDate" % who)
            if data is None:
                problems.append("%s: its stream cannot be read" % who)
                continue
            if params.get("/Size") != len(data):
                problems.append("%s: /Size %s, %d bytes" % (who, params.get("/Size"), len(data)))
            if as_bytes(params.get("/CheckSum") or b"") != hashlib.md5(data).digest():
                problems.append("%s: /CheckSum is not the MD5 of its bytes" % who)
    if sources is not None and len(specs) != sources:
        problems.append("%d embedded files, %d wanted" % (len(specs), sources))
    if sorted(listed) != sorted(specs):
        problems.append("the /EmbeddedFiles name tree lists %d of %d files" % (len(listed), len(specs)))
    report.check("6.8", "embedded files (%d): associated (/AF, /AFRelationship), MIME type, /Params with /ModDate"
                 ", /Size and /CheckSum true" % len(specs), problems)


def document(report, pdf):
    problems = []
    for k in ("/Requirements", "/NeedsRendering", "/Collection"):
        if k in pdf.catalog:
            problems.append("catalog %s" % k)
    oc = pdf.get(pdf.catalog.get("/OCProperties"))
    if oc:
        for config in [pdf.get(oc.get("/D"))] + [pdf.get(c) for c in oc.get("/Configs") or []]:
            if config and ("/Name" not in config or "/AS" in config):
                problems.append("an optional content configuration without /Name or with /AS")
    report.check("6.9–6.11", "no Requirements or NeedsRendering; optional content named, without /AS", problems)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("--level", choices=["a", "b"])
    parser.add_argument("--sources", type=int)
    args = parser.parse_args()
    with open(args.pdf, "rb") as f:
        data = f.read()
    pdf = Pdf(args.pdf)
    report = Report()
    file_structure(report, data, pdf)
    components = output_intent(report, pdf)
    device_colours(report, pdf, components)
    xobjects(report, pdf)
    fonts(report, pdf, args.level)
    annotations(report, pdf)
    xmp(report, pdf, args.level)
    if args.level == "a":
        structure(report, pdf)
    embedded_files(report, pdf, args.sources)
    document(report, pdf)
    print("%d clauses failed" % report.failed)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
