#!/usr/bin/env python3
"""Compares yoshiki's two forms of the same findings: the human form and --diagnostics=json.

Each line of the JSON form must parse (Python's json module) as one object with exactly the
members file, line, column, offset, severity, code, message, hint, in that order and of their
types; written out in the human form (file:line:column: severity: message, then "  hint: …"),
the objects must give the human form's text exactly, so each names the same file, line, column,
message and hint. And where the named file is still there and is UTF-8, the byte offset must be
where the line and column are (yoshiki's rules: LF, CRLF and a lone CR end a line; the column
counts characters; a byte order mark is no character).

usage: diagnostics_json.py HUMAN JSON [HUMAN JSON …]
       (a file a finding names by a relative path is found from the folder of HUMAN)
"""

import json
import os
import re
import sys

MEMBERS = ["file", "line", "column", "offset", "severity", "code", "message", "hint"]
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_object(obj):
    """The problems of one parsed object's shape, as sentences."""
    if not isinstance(obj, dict):
        return ["not an object"]
    problems = []
    if list(obj) != MEMBERS:
        problems.append(f"members {list(obj)}, wanted {MEMBERS}")
        return problems
    placed = obj["line"] is not None
    for name in ("file", "message"):
        if not isinstance(obj[name], str) or not obj[name]:
            problems.append(f"{name} is not a non-empty string")
    if not isinstance(obj["code"], str) or not CODE.match(obj["code"]):
        problems.append(f"code {obj['code']!r} is not a code")
    if obj["severity"] not in ("error", "warning"):
        problems.append(f"severity {obj['severity']!r}")
    if obj["hint"] is not None and (not isinstance(obj["hint"], str) or not obj["hint"]):
        problems.append("hint is neither null nor a non-empty string")
    for name in ("line", "column"):
        value = obj[name]
        if placed and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
            problems.append(f"{name} {value!r} is not a 1-based number")
        if not placed and value is not None:
            problems.append(f"{name} is {value!r} for a finding without a line")
    offset = obj["offset"]
    if offset is not None and not (isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0):
        problems.append(f"offset {offset!r} is not a byte offset")
    if placed and offset is None:
        problems.append("a finding with a line has no offset")
    return problems


def human(obj):
    """The object as yoshiki's human form prints it."""
    where = obj["file"] + (f":{obj['line']}:{obj['column']}" if obj["line"] is not None else "")
    text = f"{where}: {obj['severity']}: {obj['message']}"
    if obj["hint"] is not None:
        text += "\n  hint: " + obj["hint"]
    return text


def place_of(path, offset):
    """(line, column) of a byte offset by yoshiki's rules, or None when the file is not there or
    its text before the offset is not UTF-8 (a Shift_JIS or UTF-16 file: not checked here)."""
    try:
        with open(path, "rb") as f:
            head = f.read(offset)
    except OSError:
        return None
    if len(head) < offset or b"\x00" in head:
        return None
    declaration = re.match(rb'<\?xml[^>]*encoding="([^"]*)"', head[:200])
    if declaration and declaration.group(1).upper() not in (b"UTF-8", b"UTF8"):
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    return len(lines), len(lines[-1]) + 1


def compare(human_path, json_path):
    """The problems of one pair of runs, and the number of objects compared."""
    base = os.path.dirname(human_path) or "."
    # A file name that is not UTF-8 comes out of the JSON form with U+FFFD for each stray byte.
    with open(human_path, encoding="utf-8", errors="replace") as f:
        want = f.read()
    with open(json_path, "rb") as f:
        raw = f.read()
    problems, objects = [], []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{json_path}: not UTF-8: {e}"], 0
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{json_path}:{n}: not JSON ({e}): {line[:120]}")
            continue
        shape = check_object(obj)
        if shape:
            problems.append(f"{json_path}:{n}: " + "; ".join(shape))
            continue
        objects.append(obj)
        if obj["line"] is not None:
            path = obj["file"] if os.path.isabs(obj["file"]) else os.path.join(base, obj["file"])
            place = place_of(path, obj["offset"])
            if place is not None and place != (obj["line"], obj["column"]):
                problems.append(f"{json_path}:{n}: offset {obj['offset']} is at {place[0]}:{place[1]} of "
                                f"{obj['file']}, not at {obj['line']}:{obj['column']}")
    got = "".join(human(obj) + "\n" for obj in objects)
    if not problems and got != want:
        got_lines, want_lines = got.split("\n"), want.split("\n")
        for i in range(max(len(got_lines), len(want_lines))):
            g = got_lines[i] if i < len(got_lines) else "(nothing)"
            w = want_lines[i] if i < len(want_lines) else "(nothing)"
            if g != w:
                problems.append(f"{json_path}: line {i + 1} of the human form is\n    {w!r}\n  the JSON gives\n    {g!r}")
                break
    if not objects and not problems:
        problems.append(f"{json_path}: no finding at all")
    return problems, len(objects)


def main(argv):
    if len(argv) < 3 or len(argv) % 2 != 1:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    failed, total = 0, 0
    for i in range(1, len(argv), 2):
        problems, n = compare(argv[i], argv[i + 1])
        total += n
        for p in problems:
            print("FAIL: " + p)
        failed += bool(problems)
    print(f"{total} findings compared in {(len(argv) - 1) // 2} runs, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
