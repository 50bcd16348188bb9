"""A forger's workbench for the signature attack tests: incremental updates appended to a PDF
by hand, as the published attacks on PDF signatures build them (Mladenov et al. 2019, Mainka
et al. 2021, Rohlmann et al. 2021), and a signature of one's own over the result.

Nothing here is yoshiki's: the file is read with qpdf (`qpdf --json`, raw stream data), objects
are written back as PDF syntax, and a signature is made with `openssl cms`, so that a test shows
what yoshiki answers to a file it did not write. Used as a library by tests/tools/attacks.py.
"""

import base64
import hashlib
import json
import re
import subprocess
import tempfile


class Ref:
    def __init__(self, num, gen=0):
        self.num, self.gen = num, gen

    def __repr__(self):
        return "%d %d R" % (self.num, self.gen)

    def __eq__(self, other):
        return isinstance(other, Ref) and (self.num, self.gen) == (other.num, other.gen)

    def __hash__(self):
        return hash((self.num, self.gen))


class Name(str):
    """A PDF name, written with its slash."""


class Raw(str):
    """PDF syntax written as it is."""


class Stream:
    def __init__(self, dictionary, data):
        self.dict, self.data = dictionary, data


def _convert(v):
    if isinstance(v, dict):
        return {k: _convert(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_convert(x) for x in v]
    if isinstance(v, str):
        m = re.fullmatch(r"(\d+) (\d+) R", v)
        if m:
            return Ref(int(m.group(1)), int(m.group(2)))
        if v.startswith("u:"):
            return v[2:]
        if v.startswith("b:"):
            return bytes.fromhex(v[2:])
        if v.startswith("/"):
            return Name(v)
    return v


def syntax(v):
    """A value as PDF syntax."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (Ref, Raw, Name)):
        return str(v) if not isinstance(v, Ref) else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        text = repr(v)  # the shortest form that reads back as the same number
        return text if "e" not in text else ("%.10f" % v).rstrip("0").rstrip(".")
    if isinstance(v, bytes):
        return "<" + v.hex() + ">"
    if isinstance(v, str):
        # As yoshiki and most writers write text: ASCII literally, anything else as UTF-16.
        if all(" " <= c <= "~" for c in v):
            return "(" + v.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
        return "<feff" + v.encode("utf-16-be").hex() + ">"
    if isinstance(v, list):
        return "[" + " ".join(syntax(x) for x in v) + "]"
    if isinstance(v, dict):
        return "<<" + " ".join(k + " " + syntax(x) for k, x in v.items()) + ">>"
    raise TypeError(type(v))


class Pdf:
    """A PDF's bytes and its objects as they stand in its last revision."""

    def __init__(self, data):
        self.data = data
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline", "--decode-level=none", f.name],
                                 capture_output=True)
        if out.returncode not in (0, 3):
            raise RuntimeError("qpdf cannot read the file: " + out.stderr.decode())
        doc = json.loads(out.stdout)
        self.objects = {}
        self.trailer = {}
        for key, value in doc["qpdf"][1].items():
            if key == "trailer":
                self.trailer = _convert(value["value"])
                continue
            m = re.fullmatch(r"obj:(\d+) (\d+) R", key)
            ref = Ref(int(m.group(1)), int(m.group(2)))
            if "stream" in value:
                raw = value["stream"].get("data")
                self.objects[ref] = Stream(_convert(value["stream"]["dict"]), base64.b64decode(raw) if raw else b"")
            else:
                self.objects[ref] = _convert(value["value"])
        self.pages = [_convert(p["object"]) for p in doc["pages"]]
        self.size = max(self.trailer.get("/Size", 0), max((r.num for r in self.objects), default=0) + 1)

    def get(self, v):
        while isinstance(v, Ref):
            v = self.objects.get(v)
        return v

    @property
    def root_ref(self):
        return self.trailer["/Root"]

    @property
    def root(self):
        return self.get(self.root_ref)

    def acroform(self):
        return self.get(self.root["/AcroForm"])

    def field(self, title):
        """The reference of the signature field whose /T is title."""
        for ref in self.acroform()["/Fields"]:
            if self.get(ref).get("/T") == title:
                return ref
        raise KeyError(title)

    def last_xref(self):
        at = self.data.rindex(b"startxref")
        return int(self.data[at + 9:].split()[0])


class Update:
    """New objects and new versions of old ones, appended with a cross-reference section."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.next = pdf.size
        self.objects = {}  # number → (generation, body bytes)
        self.trailer = {}

    def new(self):
        ref = Ref(self.next)
        self.next += 1
        return ref

    def put(self, ref, value):
        if isinstance(value, Stream):
            d = dict(value.dict)
            d["/Length"] = len(value.data)
            body = syntax(d).encode() + b"\nstream\n" + value.data + b"\nendstream"
        elif isinstance(value, bytes):
            body = value
        else:
            body = syntax(value).encode()
        self.objects[ref.num] = (ref.gen, body)
        return ref

    def add(self, value):
        return self.put(self.new(), value)

    def write(self, extra_xref=None):
        """The whole file. extra_xref: {number: (offset, generation)} entries written besides
        the objects' own, to point at bytes elsewhere (into a signature's gap, say)."""
        out = bytearray(self.pdf.data)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for num in sorted(self.objects):
            gen, body = self.objects[num]
            offsets[num] = (len(out), gen)
            out += b"%d %d obj\n" % (num, gen) + body + b"\nendobj\n"
        for num, entry in (extra_xref or {}).items():
            offsets[num] = entry
        xref_at = len(out)
        out += b"xref\n"
        for num in sorted(offsets):
            off, gen = offsets[num]
            out += b"%d 1\n%010d %05d n \n" % (num, off, gen)
        trailer = {"/Size": max(self.next, max(offsets, default=0) + 1)}
        for key in ("/Root", "/Info", "/ID"):
            if key in self.pdf.trailer:
                trailer[key] = self.pdf.trailer[key]
        trailer.update(self.trailer)
        trailer["/Prev"] = self.pdf.last_xref()
        out += b"trailer\n" + syntax(trailer).encode() + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at
        return bytes(out)


CONTENTS_ROOM = 8192  # bytes of CMS a forged signature may take


def sign_field(pdf, title, key, cert, chain=None, signing_time="D:20261201093000+09'00'", appearance=None,
               before=None, extra_keys=None):
    """pdf's field `title` signed with key/cert (PEM files) in one more update, as any signing
    tool would: a signature dictionary, the field's /V (and /AP), and the form's /SigFlags.
    before(update) may add objects to the same update first. Returns the new file's bytes."""
    u = Update(pdf)
    if before:
        before(u)
    field_ref = pdf.field(title)
    sig = u.new()
    placeholder = "/ByteRange [0 0000000000 0000000000 0000000000]"
    body = ("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (%s) %s%s /Contents <%s> >>"
            % (signing_time, placeholder, "".join(" " + k + " " + v for k, v in (extra_keys or {}).items()),
               "0" * (2 * CONTENTS_ROOM)))
    u.put(sig, body.encode())
    field = dict(pdf.get(field_ref))
    field["/V"] = sig
    if appearance is not None:
        field["/AP"] = {"/N": appearance}
    u.put(field_ref, field)
    form_ref = pdf.root["/AcroForm"]
    if isinstance(form_ref, Ref):
        form = dict(pdf.get(form_ref))
        form["/SigFlags"] = 3
        u.put(form_ref, form)
    data = bytearray(u.write())
    # The byte range: everything but the hex string of /Contents.
    sig_at = data.rindex(b"%d 0 obj\n" % sig.num)
    gap_start = data.index(b"/Contents <", sig_at) + len(b"/Contents ")
    gap_end = gap_start + 2 * CONTENTS_ROOM + 2
    numbers = "0 %d %d %d" % (gap_start, gap_end, len(data) - gap_end)
    range_at = data.index(placeholder.encode(), sig_at) + len("/ByteRange [")
    field_width = len(placeholder) - len("/ByteRange [") - 1
    data[range_at:range_at + field_width] = numbers.ljust(field_width).encode()
    signed = bytes(data[:gap_start]) + bytes(data[gap_end:])
    args = ["openssl", "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER", "-nosmimecap",
            "-signer", cert, "-inkey", key]
    if chain:
        args += ["-certfile", chain]
    cms = subprocess.run(args, input=signed, capture_output=True, check=True).stdout
    if len(cms) > CONTENTS_ROOM:
        raise RuntimeError("the signature does not fit")
    hexed = cms.hex().encode()
    data[gap_start + 1:gap_start + 1 + len(hexed)] = hexed
    return bytes(data)


def sha(data):
    return hashlib.sha256(data).hexdigest()
