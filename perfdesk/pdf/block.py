"""The ruled block: one section of the form, a table that splits itself between pages."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from .fonts import styles
from .grid import _CENTRE_CELL, _LEFT_CELL, _Grid
from .page import FRAME_H, FRAME_W, LINE
from .text import _para, _plain_lines, _rendering


class _C(NamedTuple):
    """A cell's text as typed and the style it prints in."""

    text: str
    style: str = "center"


SPAN = object()  # this cell is covered by the cell to its left


@dataclass
class _Row:
    cells: list  # _C | SPAN | None, one per column after the title column
    keys: dict[int, object] = field(default_factory=dict)  # column -> merge key (body rows)
    min_height: float = 6 * mm


class _Block(Flowable):
    """One section of the form: optional title column merged down, column titles,
    body rows (some columns merged down by key) and closing rows.

    It splits between body rows itself: each piece gets the column titles again,
    and merged cells cut by the page break show their text again on the new page.
    """

    def __init__(self, widths_mm, *, label=None, header=(), body=(), footer=(),
                 keep_whole=False, continued=False):
        super().__init__()
        total = sum(widths_mm)
        self.widths = [w * FRAME_W / total for w in widths_mm]
        self.label = label
        self.header = list(header)
        self.body = list(body)
        self.footer = list(footer)
        self.keep_whole = keep_whole
        self.continued = continued
        self._table: Table | None = None
        self._cells: dict = {}  # (text, style, width) -> the cell, when not within _render

    # -- platypus protocol
    def wrap(self, aw, ah):
        self._table = self._build(self.body, self.footer)
        self.width, self.height = self._table.wrap(aw, ah)
        return self.width, self.height

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)

    def split(self, aw, ah):
        n = len(self.body)
        if n == 0:
            return []
        fresh = ah >= FRAME_H * 0.75
        if self.keep_whole and not fresh:
            return []  # a small section moves to the next page whole

        def fits(k):
            t = self._build(self.body[:k], self.footer if k == n else [])
            return t.wrap(aw, ah)[1] <= ah

        if fits(n):
            return [self._build(self.body, self.footer)]
        lo, hi, best = 1, n - 1, 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if fits(mid):
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        if best:
            return [self._build(self.body[:best], []), self._rest(best)]
        if not fresh:
            return []
        # Not even one row fits on an empty page: cut that row's long texts.
        row = self.body[0]
        texts = {ci: c.text for ci, c in enumerate(row.cells)
                 if isinstance(c, _C) and ci not in row.keys}  # merged names stay whole

        def cut(k):
            top, bottom = list(row.cells), list(row.cells)
            for ci, text in texts.items():
                top[ci] = _C(text[:k], row.cells[ci].style)
                bottom[ci] = _C(text[k:], row.cells[ci].style)
            return (_Row(top, row.keys, row.min_height), _Row(bottom, row.keys, 0))

        lo, hi, best = 1, max(map(len, texts.values()), default=0) - 1, 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self._build([cut(mid)[0]], []).wrap(aw, ah)[1] <= ah:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        if not best:
            return []
        top, bottom = cut(best)
        return [self._build([top], []), self._rest(1, [bottom])]

    def _cell(self, text: str, style: str, width: float):
        """A plain string when ``text`` is one line of the main font, else a Paragraph;
        made once per document (a Paragraph keeps its last wrap, and a table wraps
        each cell again just before drawing it, so one can serve several cells)."""
        cells = getattr(_rendering, "cells", None)
        if cells is None:
            cells = self._cells
        key = (text, style, width)
        value = cells.get(key)
        if value is None:
            value = text if _plain_lines(text, style, width) else _para(text, style)
            cells[key] = value
        return value

    def _rest(self, k, first=()):
        rest = copy.copy(self)
        rest.body, rest.continued, rest._table = [*first, *self.body[k:]], True, None
        rest.__dict__.pop("_postponed", None)  # platypus's "already moved once" mark
        return rest

    # -- the table
    def _build(self, body, footer) -> Table:
        rows = [*self.header, *body, *footer]
        off = 1 if self.label is not None else 0
        nh, nb = len(self.header), len(body)
        cells = [list(r.cells) for r in rows]
        widths = self.widths
        spans = []
        cell_widths = []  # per row: the width each cell prints in (its span's)
        for r, row in enumerate(cells):
            line_widths = []
            for ci, cell in enumerate(row):
                if cell is SPAN:
                    line_widths.append(0.0)
                    continue
                j = ci
                while j + 1 < len(row) and row[j + 1] is SPAN:
                    j += 1
                if j > ci:
                    spans.append(((ci + off, r), (j + off, r)))
                    line_widths.append(sum(widths[ci + off:j + off + 1]))
                else:
                    line_widths.append(widths[ci + off])
            cell_widths.append(line_widths)
        # merge down the keyed columns of the body
        columns = {c for row in body for c in row.keys}
        for col in columns:
            r = 0
            while r < nb:
                key = body[r].keys.get(col)
                end = r
                while key is not None and end + 1 < nb and body[end + 1].keys.get(col) == key:
                    end += 1
                if end > r:
                    spans.append(((col + off, nh + r), (col + off, nh + end)))
                    for k in range(r + 1, end + 1):
                        cells[nh + k][col] = None
                r = end + 1
        data = []
        cell_styles = []
        st = styles()
        for r, row in enumerate(cells):
            line = [""] * off
            line_styles = [_CENTRE_CELL] * off
            for ci, cell in enumerate(row):
                value, cs = "", _CENTRE_CELL
                if isinstance(cell, _C) and cell.text.strip():
                    value = self._cell(cell.text, cell.style, cell_widths[r][ci])
                    if st[cell.style].alignment == TA_LEFT:
                        cs = _LEFT_CELL  # (a Paragraph fills its cell: only a plain string minds)
                line.append(value)
                line_styles.append(cs)
            data.append(line)
            cell_styles.append(line_styles)
        if off:
            label = self.label + ("\n（续）" if self.continued else "")
            data[0][0] = self._cell(label, "label", widths[0])
            if len(rows) > 1:
                spans.append(((0, 0), (0, len(rows) - 1)))
        style = [("GRID", (0, 0), (-1, -1), LINE, colors.black)]
        style += [("SPAN", a, b) for a, b in spans]
        return _Grid(
            data,
            colWidths=self.widths,
            style=TableStyle(style),
            cellStyles=cell_styles,
            repeatRows=nh,
            minRowHeights=[r.min_height for r in rows],
            splitByRow=1,
            hAlign="LEFT",
        )



def _row(*cells, keys=None, min_height=6 * mm) -> _Row:
    return _Row(list(cells), dict(keys or {}), min_height)


def _heads(*titles) -> _Row:
    return _row(*[t if t is SPAN else _C(t, "head") for t in titles])

