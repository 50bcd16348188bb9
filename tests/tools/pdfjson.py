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
