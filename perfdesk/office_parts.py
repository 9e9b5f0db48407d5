"""Which parts of an Office zip a parser will read, and the shape of a sheet as it streams by.

The guards (``safety``) must not trust a part's name: openpyxl and python-docx
follow the relationships (``*.rels``), so a sheet stored as
``xl/worksheets/sheet1.dat`` or a document body as ``word/document.dat`` is
parsed all the same.  ``parsed_parts`` gives every part named like XML and
every target of a relationship that is not an image or an outside link.

``SheetShape`` counts a worksheet's rows and cells chunk by chunk, the cells of
each row, and the highest row and column any cell or row names (``r="XFD1"``):
a form is a few hundred rows of a few dozen columns.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

_XML_NAMES = (".xml", ".rels", ".vml")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTR = re.compile(rb'(\w+)\s*=\s*"([^"]*)"')
_NOT_PARSED = ("/image", "/hyperlink", "/audio", "/video", "/media")
MAX_RELS_BYTES = 2 * 1024 * 1024  # a .rels part of a real form is a few kB


def parsed_parts(zf: zipfile.ZipFile) -> set[str]:
    """Every member a parser may read as XML."""
    names = {i.filename for i in zf.infolist()}
    parts = {n for n in names if n.lower().endswith(_XML_NAMES)}
    for info in zf.infolist():
        if not info.filename.lower().endswith(".rels") or info.file_size > MAX_RELS_BYTES:
            continue
        base = posixpath.dirname(posixpath.dirname(info.filename))  # xl/_rels/x.rels -> xl
        for m in _RELATIONSHIP.finditer(zf.read(info)):
            attrs = {k.decode().lower(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(m[1])}
            target = attrs.get("target", "")
            if attrs.get("targetmode", "").lower() == "external" or not target:
                continue
            if attrs.get("type", "").lower().endswith(_NOT_PARSED):
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            path = posixpath.normpath(path)
            if path in names:
                parts.add(path)
    return parts


_EVENT = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s>/])([^>]{0,512})")  # a row or cell tag, its attributes
_REF = re.compile(rb'\sr\s*=\s*"([A-Za-z]{0,3})(\d{1,12})"')


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class SheetShape:
    """Rows, cells, the most cells in one row, the furthest row and column named."""

    def __init__(self):
        self.rows = self.cells = self.widest = self.last_row = self.last_column = 0
        self._in_row = 0

    def feed(self, tail: bytes, chunk: bytes) -> None:
        """Take the next ``chunk``; ``tail`` is the end of the one before (counted already)."""
        window = tail + chunk
        skip = len(tail)
        for m in _EVENT.finditer(window):
            if m.end() <= skip:
                continue
            if m[1] == b"row":
                self.rows += 1
                self._in_row = 0
            else:
                self.cells += 1
                self._in_row += 1
                self.widest = max(self.widest, self._in_row)
            ref = _REF.search(m[2])
            if ref:
                self.last_row = max(self.last_row, int(ref[2]))
                if ref[1]:
                    self.last_column = max(self.last_column, column_number(ref[1]))
