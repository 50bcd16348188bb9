"""A PDF as qpdf sees it, for the tests' checks of standards (PDF/UA, PDF/A).

qpdf reads the file (`qpdf --json`, JSON version 2) and decodes every stream; this module only
walks the objects it gives: references are resolved, names keep their slash ("/Type"), strings are
decoded from qpdf's "u:" (text) and "b:" (hex bytes) forms, and content streams are tokenised.
"""

import base64
import json
import re
import subprocess


class Ref(str):
    """An indirect reference, "12 0 R"."""


# PDFDocEncoding (PDF 32000-1, Annex D.2) where it is not Latin-1: qpdf gives a string whose bytes
# read as text in it as "u:" text, so the bytes of a binary string (an MD5 /CheckSum, an /ID)
# are found again through this table.
_PDFDOC = dict(zip(
    "\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc"
    "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203a\u2212\u2030\u201e\u201c\u201d\u2018"
    "\u2019\u201a\u2122\ufb01\ufb02\u0141\u0152\u0160\u0178\u017d\u0131\u0142\u0153\u0161\u017e\u20ac",
    list(range(0x18, 0x20)) + list(range(0x80, 0x9F)) + [0xA0]))


def as_bytes(value):
    """The bytes of a string, whichever form qpdf gave it in (a text string is encoded back)."""
    if isinstance(value, bytes):
        return value
    if value.startswith("\ufeff"):
        return b"\xfe\xff" + value[1:].encode("utf-16-be")
    out = bytearray()
    for c in value:
        out.append(_PDFDOC[c] if c in _PDFDOC else ord(c))
    return bytes(out)


class Pdf:
    def __init__(self, path):
        out = subprocess.run(
            ["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path],
            check=True, capture_output=True).stdout
        doc = json.loads(out)
        self.raw = doc
        objects = doc["qpdf"][1]
        self.objects = {}
        self.streams = {}
        for key, value in objects.items():
            if key == "trailer":
                self.trailer = self._convert(value["value"])
                continue
            ref = key[len("obj:"):]
            if "stream" in value:
                self.objects[ref] = self._convert(value["stream"]["dict"])
                data = value["stream"].get("data")
                self.streams[ref] = base64.b64decode(data) if data is not None else None
            else:
                self.objects[ref] = self._convert(value["value"])
        self.catalog = self.get(self.trailer["/Root"])
        self.pages = [Ref(p["object"]) for p in doc["pages"]]

    def _convert(self, v):
        if isinstance(v, dict):
            return {k: self._convert(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self._convert(x) for x in v]
        if isinstance(v, str):
            if re.fullmatch(r"\d+ \d+ R", v):
                return Ref(v)
            if v.startswith("u:"):
                return v[2:]
            if v.startswith("b:"):
                return bytes.fromhex(v[2:])
        return v

    def get(self, v):
        """The object a value stands for: a reference resolved, anything else as it is."""
        while isinstance(v, Ref):
            v = self.objects.get(v)
        return v

    def stream(self, ref):
        return self.streams.get(ref)

    def page_contents(self, page_ref):
        """The decoded content of a page, its streams joined."""
        contents = self.get(self.get(page_ref).get("/Contents"))
        refs = contents if isinstance(contents, list) else [self.get(page_ref)["/Contents"]]
        return b"\n".join(self.stream(r) or b"" for r in refs)


# Content streams (PDF 32000-1, 7.8.2): operands and operators.
_TOKEN = re.compile(rb"""
    (?P<ws>[\x00\t\n\x0c\r ]+|%[^\r\n]*)
  | (?P<string>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dict><<|>>)
  | (?P<array>[\[\]])
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
""", re.X)


def _literal_string(data, i):
    """The end of a literal string starting at data[i] == '('."""
    depth = 0
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unterminated string in content stream")


def operations(data):
    """(operator, operands) of a content stream, in order. Operands are raw tokens (bytes)."""
    ops = []
    operands = []
    i = 0
    while i < len(data):
        m = _TOKEN.match(data, i)
        if not m:
            raise ValueError("cannot read content stream at byte %d" % i)
        kind = m.lastgroup
        if kind == "string":
            end = _literal_string(data, i)
            operands.append(data[i:end])
            i = end
            continue
        i = m.end()
        if kind == "ws":
            continue
        token = m.group(kind)
        if kind == "op":
            if token in (b"true", b"false", b"null"):
                operands.append(token)
                continue
            ops.append((token.decode("latin-1"), operands))
            operands = []
        else:
            operands.append(token)
    return ops
