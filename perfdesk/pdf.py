"""Print forms to PDF, A4 portrait, looking like the paper form (no Qt here).

``write_pdf(dfile, out_path, projects=None)`` writes one PDF with every form
(or the named projects) each starting on a new page; ``render_pdf`` returns
the bytes.  Layout A is the seed's 部门预算项目绩效自评表, layout B the
national 项目支出绩效自评表 (form.md).

- Tables are reportlab platypus Tables with a grid, one per section, stacked
  with the same outer width so they read as one ruled form.  Text goes into
  Paragraphs (CJK wrapping) so a long cell makes its row taller; nothing is
  shrunk except the page footer's project name.
- Speed (the 22 demo forms print in a fraction of a second): a cell whose
  lines each fit on one line of the main font, with nothing a Paragraph would
  change (markup, white space it collapses, a character from a fallback font),
  is a plain string placed exactly where its Paragraph would have put it (the
  blocks, the 填报部门 line, the signatures, the footer's project name); a
  table's strings and the lines of its simple Paragraphs are written into one
  text object (``_Grid``), each text encoded once per document; a Paragraph
  with nothing to parse gets its one fragment without the parser, and keeps
  its wrap; a block's cells and text widths are made once per document.
  tests/test_pdf.py checks that every line of text lands, in the same font
  and encoding, exactly where the plain Paragraphs put it.
- Merged cells: 一级 and 二级 are merged down their rows, each section's title
  down its column.  reportlab will not break a table inside a row span (a
  60-row 产出指标 group could never leave the page), so ``_Block`` splits
  itself between rows: each piece is a Table of its own with the column
  titles repeated, the section title marked （续） and the merged 一级/二级
  names shown again at the top of the new page.  A single row taller than a
  page has its long texts cut and continued on the next.
- Every page carries 第 N 页 共 M 页, counted per form (each form is handed in
  separately), and the form's verification code (``verification.form_code``).
- A form with 错误 prints 草稿 across every page and ends with a page listing
  every finding; a form without 错误 but with explained 警告/提示 ends with a
  page 已说明的问题 listing them with their notes; otherwise nothing is added
  (unexplained 警告/提示 are for the clerk's screen, not for the paper).
- Layout B shows the 预算执行率 indicator row in the 项目资金 block (分值,
  执行率, 得分), not in the 绩效指标 table.
- All text is escaped before it reaches a Paragraph: what was typed prints
  as typed.  The bundled WenQuanYi Micro Hei is embedded as a subset (it has
  every character of the basic CJK block); the rare characters it lacks (CJK
  extensions A/B) are drawn from a fallback font when one is found
  (``PERFDESK_FALLBACK_FONT`` or a few known system paths, e.g. Windows'
  SimSun-ExtB), and otherwise print as 〓 and are named in
  ``PrintedForm.missing`` so the caller can warn.
"""

from __future__ import annotations

import copy
import io
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import dumbSplit
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.tables import CellStyle

from .checks import ERROR, Evaluation, evaluate
from .errors import PerfdeskError
from .messages import render
from .model import DepartmentFile, Form
from .numbers import parse_weight
from .resources import font_path, print_font_path
from .verification import form_code

__all__ = ["PdfResult", "PrintedForm", "render_pdf", "write_pdf", "select_forms", "FONT"]

FONT = "PerfdeskCJK"
PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X  # 180 mm
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LINE = 0.6  # grid line width, pt
DRAFT = "草稿"
MISSING = "〓"  # printed for a character no available font has (the typesetter's 缺字 mark)

# Fonts with CJK extension A/B characters, tried in order for what the bundled
# font lacks (TrueType outlines only: reportlab cannot embed CFF fonts).
FALLBACK_FONT_PATHS = (
    "C:/Windows/Fonts/simsunb.ttf",  # SimSun-ExtB
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)


# ---- fonts and text ----------------------------------------------------------

_lock = threading.Lock()
_fonts: tuple[frozenset[int], tuple[tuple[str, frozenset[int]], ...]] | None = None
_styles: dict[str, ParagraphStyle] | None = None
_main_str: tuple[frozenset[int], frozenset[str]] | None = None
_rendering = threading.local()  # .cells, .widths: per document being built (see _render)


def _fallback_paths() -> list[str]:
    extra = os.environ.get("PERFDESK_FALLBACK_FONT", "")
    return [p for p in extra.split(os.pathsep) if p] + list(FALLBACK_FONT_PATHS)


def _main_font() -> TTFont:
    """SimSun when the system has it (and it loads), else the bundled font."""
    path = print_font_path()
    if path != font_path():
        try:
            font = TTFont(FONT, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
            return font
        except Exception:  # noqa: BLE001 - a damaged system font: print with ours
            pass
    path = font_path()
    if not path.is_file():
        raise PerfdeskError(f"找不到打印用的字体文件：{path}")
    font = TTFont(FONT, str(path), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return font


def _load_fonts():
    """Register the bundled font (and any fallback) once; their character sets."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            main = _main_font()
            fallbacks = []
            for n, fpath in enumerate(_fallback_paths()):
                if not Path(fpath).is_file() or Path(fpath) == Path(main.face.filename):
                    continue
                name = f"{FONT}Fallback{n}"
                try:
                    font = TTFont(name, fpath, subfontIndex=0)
                    pdfmetrics.registerFont(font)
                except Exception:  # noqa: BLE001 - a broken system font is simply not used
                    continue
                fallbacks.append((name, frozenset(font.face.charToGlyph)))
            _fonts = (frozenset(main.face.charToGlyph), tuple(fallbacks))
    return _fonts


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _main_chars() -> frozenset[str]:
    """The main font's characters, as one-character strings (for set tests on a text)."""
    global _main_str
    main = _load_fonts()[0]
    cached = _main_str
    if cached is None or cached[0] is not main:
        cached = _main_str = (main, frozenset(map(chr, main)) | {"\n"})
    return cached[1]


def markup(text: str) -> str:
    """Paragraph markup that prints ``text`` exactly as typed (escaped, line breaks kept)."""
    main, fallbacks = _load_fonts()
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if _main_chars().issuperset(text):
        return _escape(text)
    out, run, run_font = [], [], None
    for ch in text:
        font = None
        if ch != "\n" and ord(ch) not in main:
            font = next((name for name, chars in fallbacks if ord(ch) in chars), None)
            if font is None:
                ch = MISSING  # no font has it: a visible mark, never a silent blank
        if font != run_font and run:
            out.append(_wrap_font("".join(run), run_font))
            run = []
        run_font = font
        run.append(ch)
    if run:
        out.append(_wrap_font("".join(run), run_font))
    return "".join(out)


def missing_characters(text: str) -> str:
    """The distinct characters of ``text`` that no available font can print."""
    main, fallbacks = _load_fonts()
    main_chars = _main_chars()
    missing = []
    for ch in text:
        if ch in main_chars:
            continue
        o = ord(ch)
        if (o not in main and ch not in "\n\r\t" and not _CONTROL.match(ch) and ch not in missing
                and not any(o in chars for _, chars in fallbacks)):
            missing.append(ch)
    return "".join(missing)


def _form_text(form: Form) -> str:
    """Every text of ``form`` (the strings of ``form.to_dict()``, read in place)."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(form)
    return "\n".join(parts)


def _escape(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _wrap_font(text: str, font: str | None) -> str:
    return f'<font name="{font}">{_escape(text)}</font>' if font else _escape(text)


def styles() -> dict[str, ParagraphStyle]:
    global _styles
    _load_fonts()
    if _styles is None:
        base = {"fontName": FONT, "fontSize": 9, "leading": 11.5, "wordWrap": "CJK"}
        _styles = {
            "cell": ParagraphStyle("cell", alignment=TA_LEFT, **base),
            "center": ParagraphStyle("center", alignment=TA_CENTER, **base),
            "head": ParagraphStyle("head", alignment=TA_CENTER, **base),
            "label": ParagraphStyle("label", alignment=TA_CENTER, **base),
            "section": ParagraphStyle("section", alignment=TA_LEFT, **base),
            "subtitle": ParagraphStyle(
                "subtitle", fontName=FONT, fontSize=11, leading=15, alignment=TA_CENTER,
                wordWrap="CJK"),
            "meta": ParagraphStyle("meta", fontName=FONT, fontSize=10, leading=13,
                                   alignment=TA_LEFT, wordWrap="CJK"),
            "meta_right": ParagraphStyle("meta_right", fontName=FONT, fontSize=10, leading=13,
                                         alignment=2, wordWrap="CJK"),
            "note": ParagraphStyle("note", fontName=FONT, fontSize=9.5, leading=13,
                                   alignment=TA_LEFT, wordWrap="CJK"),
            "foot": ParagraphStyle("foot", fontName=FONT, fontSize=8, leading=10,
                                   alignment=TA_LEFT, wordWrap="CJK"),
        }
    return _styles


class _Para(Paragraph):
    """A Paragraph that never runs past its width.

    reportlab's CJK wrapping lets a closing mark that may not start a line
    (``）``, ``。``) hang past the right edge, over the cell's border.  When a
    line would, the text is wrapped again a little narrower, and the lines'
    slack is widened back so centring still uses the whole cell.
    """

    def breakLinesCJK(self, maxWidths):
        frags = self.frags
        if (len(frags) != 1 or self.bulletText or getattr(self, "_splitpara", 0)
                or self.style.endDots or hasattr(frags[0], "cbDefn") or not hasattr(frags[0], "text")):
            return super().breakLinesCJK(maxWidths)
        # Paragraph.breakLinesCJK's one-fragment case, with the characters' widths
        # looked up instead of measured one call each
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        f = frags[0]
        widths = _char_widths(f.fontName, f.fontSize)
        text = f.text
        try:
            w = [widths[ch] for ch in text]
        except KeyError:
            w = [_char_width(widths, ch, f.fontName, f.fontSize) for ch in text]
        lines = dumbSplit(text, w, maxWidths)
        return f.clone(kind=0, lines=[(sp, [line]) for sp, line in lines],
                       ascent=f.fontSize, descent=-0.2 * f.fontSize)

    def wrap(self, aw, ah):
        # A table wraps each cell again when it draws it, and a block is measured
        # more than once while it looks for where to split: the lines depend only
        # on the width, so the last wrap is kept.
        done = self.__dict__.get("_wrapped")
        if done is not None and done[0] == aw:
            return done[1]
        size = self._wrap(aw, ah)
        self._wrapped = (aw, size)
        return size

    def _wrap(self, aw, ah):
        w, h = super().wrap(aw, ah)
        if self._overhang() <= 0.01:
            return w, h
        trial = aw
        while self._overhang() > 0.01 and trial > aw / 2:
            trial -= self.style.fontSize / 2
            w, h = super().wrap(trial, ah)
        delta = aw - trial
        bl = self.blPara
        if bl.kind == 0:
            bl.lines = [(extra + delta, words) for extra, words in bl.lines]
        else:
            for line in bl.lines:
                line.extraSpace += delta
        self.width = aw
        return aw, h

    def _overhang(self) -> float:
        bl = getattr(self, "blPara", None)
        if bl is None or not bl.lines:
            return 0.0
        extras = [line[0] if isinstance(line, tuple) else line.extraSpace for line in bl.lines]
        return -min(extras)


_MARKUP = re.compile(r"[&<>\x00-\x1f\x7f]")  # what markup() would change
_frags: dict[int, object] = {}
_widths: dict[tuple[str, float], dict[str, float]] = {}


def _template_frag(style: ParagraphStyle):
    """The fragment the parser makes for a plain text in ``style`` (its text aside)."""
    frag = _frags.get(id(style))
    if frag is None or frag[0] is not style:
        frag = _frags[id(style)] = (style, Paragraph("x", style).frags[0])
    return frag[1]


def _char_widths(font: str, size: float) -> dict[str, float]:
    table = _widths.get((font, size))
    if table is None:
        table = _widths[font, size] = {}
    return table


def _char_width(table: dict[str, float], ch: str, font: str, size: float) -> float:
    w = table.get(ch)
    if w is None:
        w = table[ch] = pdfmetrics.stringWidth(ch, font, size)
    return w


def _paragraph(text: str, style: ParagraphStyle, cls=Paragraph) -> Paragraph:
    """``cls(markup(text), style)``.  When ``text`` is its own markup (nothing to
    escape, no line break, every character in the main font), the one fragment
    the parser would make is made without it."""
    if not _MARKUP.search(text) and _main_chars().issuperset(text):
        clean = cleanBlockQuotedText(text)
        if clean:
            frag = copy.copy(_template_frag(style))
            frag.text, frag.link, frag.us_lines = clean, [], []
            return cls(clean, style, frags=[frag])
    return cls(markup(text), style)


def _para(text: str, style: str) -> Paragraph:
    return _paragraph(text, styles()[style], _Para)


# Characters a Paragraph does not print as they are (it collapses white space,
# drops soft hyphens): a text with any of them is never drawn as a plain string.
_NOT_PLAIN = re.compile(
    r"[\x00-\x1f\x7f-\xa0\xad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]"
    r"|^ | $|  ")


def _plain_fits(text: str, size: float, width: float) -> bool:
    """Whether ``text`` prints ``width`` wide as one line of the main font at ``size``,
    exactly as its Paragraph would (then it can be drawn as a plain string)."""
    if not text or _NOT_PLAIN.search(text) or not _main_chars().issuperset(text):
        return False
    # a hair narrower than the Paragraph's own test, so a text on the edge stays a Paragraph
    return _width(text, size) <= width - 0.01


def _width(text: str, size: float) -> float:
    """``text``'s width in the main font (measured once per document while one is built)."""
    widths = getattr(_rendering, "widths", None)
    if widths is None:
        return pdfmetrics.stringWidth(text, FONT, size)
    w = widths.get((text, size))
    if w is None:
        w = widths[text, size] = pdfmetrics.stringWidth(text, FONT, size)
    return w


def _plain_lines(text: str, style: str, width: float) -> bool:
    """Whether each line of ``text`` prints in a block's cell ``width`` wide as one line,
    exactly as its Paragraph would: then the table draws it as a plain string."""
    size, width = styles()[style].fontSize, width - 2 * _PAD_X
    return all(_plain_fits(line, size, width) for line in text.split("\n"))


def _fits(text: str, style: str, width: float) -> bool:
    s = styles()[style]
    return pdfmetrics.stringWidth(text, s.fontName, s.fontSize) <= width - 2 * _PAD_X


# ---- the ruled block: a table that splits itself between pages -----------------

_PAD_X = 2.5
_PAD_Y = 2.2


class _C(NamedTuple):
    """A cell's text as typed and the style it prints in."""

    text: str
    style: str = "center"


SPAN = object()  # this cell is covered by the cell to its left
_BLOCK_STYLES = ("cell", "center", "head", "label", "section")  # 9 pt on 11.5, black, no indent


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


class _CellStyle(CellStyle):
    """The ruled blocks' cells: the main font at 9 pt on the Paragraph styles' 11.5 pt
    leading (so a plain string sits exactly where its Paragraph would), centred in the
    middle of the cell.  Cells share these two instances; nothing changes them."""

    fontname = FONT
    fontsize = 9
    leading = 11.5
    leftPadding = rightPadding = _PAD_X
    topPadding = bottomPadding = _PAD_Y
    alignment = "CENTER"
    valign = "MIDDLE"


_CENTRE_CELL = _CellStyle("centre")
_LEFT_CELL = _CellStyle("left")
_LEFT_CELL.alignment = "LEFT"


class _Grid(Table):
    """A Table whose text is written into one text object per run of cells instead
    of one each (with the font and colour set again for every cell): its plain
    strings (each cell's text already checked to be in the main font), and the
    lines of its simple Paragraphs (a block's, one font, left or centred), each
    where Table._drawCell and Paragraph.drawPara would put it.  The run is
    flushed before any other flowable, so the text still reads in cell order,
    and before the rules."""

    def draw(self):
        self._lines = []  # (x, y, text, font size, leading) of the lines waiting to be written
        super().draw()

    def _drawLines(self):  # the cells are done
        self._flush()
        super()._drawLines()

    def _drawCell(self, cellval, cellstyle, pos, size):
        if isinstance(cellval, str) and cellstyle.fontname == FONT:
            if cellval:
                self._queue_string(cellval, cellstyle, pos, size)
            return
        if (isinstance(cellval, (list, tuple)) and len(cellval) == 1
                and self._queue_paragraph(cellval[0], cellstyle, pos, size)):
            return
        self._flush()
        super()._drawCell(cellval, cellstyle, pos, size)

    def _queue_string(self, text, cs, pos, size):
        # Table._drawCell's string
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        lines = text.split("\n")
        fontsize, leading = cs.fontsize, cs.leading
        if cs.valign == "BOTTOM":
            y = rowpos + cs.bottomPadding + len(lines) * leading - fontsize
        elif cs.valign == "TOP":
            y = rowpos + rowheight - cs.topPadding - fontsize
        else:
            y = rowpos + (cs.bottomPadding + rowheight - cs.topPadding + len(lines) * leading) / 2.0
            y -= fontsize
        for line in lines:
            if cs.alignment == "LEFT":
                x = colpos + cs.leftPadding
            elif cs.alignment == "RIGHT":
                x = colpos + colwidth - cs.rightPadding - _width(line, fontsize)
            else:
                x = colpos + (colwidth + cs.leftPadding - cs.rightPadding) * 0.5
                x -= 0.5 * _width(line, fontsize)
            self._lines.append((x, y, line, fontsize, leading))
            y -= leading

    def _queue_paragraph(self, p, cs, pos, size) -> bool:
        """Queue the lines of a simple Paragraph; False (nothing queued) for any other."""
        if not isinstance(p, _Para) or cs.valign != "MIDDLE":
            return False
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        # Table._listCellGeom (the wrap is the one kept from measuring the table)
        w, h = p.wrapOn(self.canv, colwidth - cs.leftPadding - cs.rightPadding,
                        rowheight - cs.topPadding - cs.bottomPadding)
        bl, st = p.blPara, p.style
        if (bl.kind != 0 or st.name not in _BLOCK_STYLES or st is not styles()[st.name] or bl.fontName != FONT
                or bl.fontSize != 9 or p.bulletText or getattr(bl, "us_lines", None)
                or getattr(bl, "link", None) or any(extra <= -1e-8 for extra, _ in bl.lines)):
            return False
        # Table._drawCell: where the Paragraph goes (no space before or after it)
        y = rowpos + (rowheight + cs.bottomPadding - cs.topPadding + h) / 2.0 - h
        if cs.alignment == "LEFT":
            x = colpos + cs.leftPadding
        else:
            x = colpos + (colwidth + cs.leftPadding - cs.rightPadding - w) / 2.0
        # Paragraph.drawPara, kind 0: first baseline a font size below the top, then
        # one leading a line; a centred line moved right by half its slack
        y += p.height - 9
        centred = st.alignment == TA_CENTER
        for extra, words in bl.lines:
            m = 0.5 * extra if centred else 0
            self._lines.append((x + m if m > 1e-6 else x, y, " ".join(words), 9, 11.5))
            y -= 11.5
        return True

    def _flush(self):
        if not self._lines:
            return
        canv = self.canv
        t = canv.beginText()
        code = t._code
        runs, names = _text_runs(canv)
        font = current = None
        for x, y, text, size, leading in self._lines:
            if canv.bottomup:
                code.append(f"1 0 0 1 {fp_str(x, y)} Tm")  # t.setTextOrigin(x, y)
            else:
                t.setTextOrigin(x, y)
            # what t._textOut(text) writes in the main font (PDFTextObject._formatText,
            # TrueType): per run of one subset, the subset's font (when it changes) and
            # the run; the runs are encoded once per document
            encoded = runs.get(text)
            if encoded is None:
                font = font or pdfmetrics.getFont(FONT)
                encoded = runs[text] = [(subset, f"({canv._escape(chars)}) Tj")
                                        for subset, chars in font.splitString(text, canv._doc)]
            for subset, op in encoded:
                if (subset, size, leading) != current:
                    current = (subset, size, leading)
                    name = names.get(current)
                    if name is None:
                        font = font or pdfmetrics.getFont(FONT)
                        name = names[current] = (f"{font.getSubsetInternalName(subset, canv._doc)} "
                                                 f"{fp_str(size)} Tf {fp_str(leading)} TL")
                    code.append(name)
                code.append(op)
        self._lines = []
        canv.setFillColor(colors.black)
        canv.drawText(t)


def _text_runs(canv) -> tuple[dict, dict]:
    """The canvas's (so the document's) texts encoded in the main font, and its
    subsets' font operators by (subset, size, leading)."""
    runs = canv.__dict__.get("_perfdesk_runs")
    if runs is None:
        runs = canv._perfdesk_runs = ({}, {})
    return runs


def _row(*cells, keys=None, min_height=6 * mm) -> _Row:
    return _Row(list(cells), dict(keys or {}), min_height)


def _heads(*titles) -> _Row:
    return _row(*[t if t is SPAN else _C(t, "head") for t in titles])


# ---- decorations ---------------------------------------------------------------


class _Title(Flowable):
    """The form's title, centred, in a stroked (bold-looking) face."""

    def __init__(self, text: str, size: float = 18):
        super().__init__()
        self.text, self.size = text, size

    def wrap(self, aw, ah):
        self.width = aw
        self.height = self.size * 1.4
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFont(FONT, self.size)
        c.setLineWidth(self.size * 0.035)
        t = c.beginText()
        t.setTextRenderMode(2)  # fill and stroke
        t.setFont(FONT, self.size)
        w = pdfmetrics.stringWidth(self.text, FONT, self.size)
        t.setTextOrigin((self.width - w) / 2, self.size * 0.35)
        t.textOut(self.text)
        c.drawText(t)
        c.restoreState()


class _StampBox(Flowable):
    """A blank square for the unit's stamp, labelled 单位盖章."""

    def __init__(self, side: float = 40 * mm):
        super().__init__()
        self.side = side

    def wrap(self, aw, ah):
        self.width, self.height = self.side, self.side + 6 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFont(FONT, 9)
        c.setFillColor(colors.black)
        c.drawCentredString(self.side / 2, self.side + 2 * mm, "单位盖章")
        c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        c.setLineWidth(0.5)
        c.setDash(2, 2)
        c.rect(0, 0, self.side, self.side, stroke=1, fill=0)
        c.restoreState()


@dataclass
class PrintedForm:
    """What was printed for one form."""

    index: int  # position in the department file
    project: str
    code: str  # verification code
    draft: bool  # printed with 草稿 (错误 remain)
    errors: int
    listed: int  # findings listed on the last page (0: no such page)
    missing: str = ""  # characters no available font has, printed as 〓
    pages: int = 0


class _FormStart(Flowable):
    """Zero-size mark at the top of a form's first page: which form the pages belong to."""

    def __init__(self, info: PrintedForm):
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        c = self.canv
        c._perfdesk_form = self.info
        key = f"form{self.info.index}"
        c.bookmarkPage(key)
        c.addOutlineEntry(self.info.project or "（未填项目名称）", key, level=0)


class _Canvas(Canvas):
    """Holds every page until the end, then stamps 第 N 页 共 M 页 (per form),
    the verification code and, for drafts, the 草稿 watermark."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
        self._perfdesk_form: PrintedForm | None = None

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totals = Counter(id(s["_perfdesk_form"]) for s in self._held)
        seen: Counter = Counter()
        for state in self._held:
            self.__dict__.update(state)
            info = self._perfdesk_form
            if info is not None:
                seen[id(info)] += 1
                info.pages = totals[id(info)]
                self._decorate(info, seen[id(info)], info.pages)
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, info: PrintedForm, page: int, pages: int) -> None:
        if info.draft:
            self.saveState()
            self.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.22))
            self.setFont(FONT, 150)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(40)
            self.drawCentredString(0, -50, DRAFT)
            self.restoreState()
        self.saveState()
        y = 9 * mm
        self.setFont(FONT, 8.5)
        self.drawString(MARGIN_X, y, f"校验码 {info.code}")
        self.setFont(FONT, 9)
        self.drawCentredString(PAGE_W / 2, y, f"第 {page} 页 共 {pages} 页")
        name = info.project or "（未填项目名称）"
        width = 62 * mm
        size = 8.0
        while size > 5.5 and pdfmetrics.stringWidth(name, FONT, size) > width:
            size -= 0.5
        while len(name) > 1 and pdfmetrics.stringWidth(name, FONT, size) > width:
            name = name[:-2] + "…"
        x = PAGE_W - MARGIN_X - width
        if _plain_fits(name, size, width):
            # where the one-line Paragraph below would put it (its top at y - size/4 + leading)
            self.setFont(FONT, size)
            self.drawRightString(x + width, y - size * 0.25 + size * 1.2 - size, name)
        else:
            style = ParagraphStyle("footname", fontName=FONT, fontSize=size, leading=size * 1.2,
                                   alignment=2, wordWrap="CJK")
            p = Paragraph(markup(name), style)
            _, h = p.wrap(width, 20 * mm)
            p.drawOn(self, x, y - size * 0.25)
        self.restoreState()


class _Doc(BaseDocTemplate):
    def __init__(self, out, **kwargs):
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            pageCompression=1,
            initialFontName=FONT,
            creator="perfdesk",
            **kwargs,
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("form", [frame])])


# ---- the form's parts ------------------------------------------------------------


def _department(form: Form, dfile: DepartmentFile) -> str:
    return form.department.strip() or dfile.department


def _heading(title: str, form: Form, dfile: DepartmentFile) -> list[Flowable]:
    year = dfile.year.strip()
    year_line = f"（{year}年度）" if year else "（" + "\u00a0" * 12 + "年度）"  # a blank to fill in
    st = styles()
    widths = [FRAME_W * 0.7, FRAME_W * 0.3]
    texts = ["填报部门：" + _department(form, dfile), "金额单位：" + (dfile.money_unit or "万元")]
    cells = [t if _plain_fits(t, 10, w) else _paragraph(t, st[name])  # a plain string: one line
             for t, w, name in zip(texts, widths, ("meta", "meta_right"), strict=True)]
    meta = _Grid(
        [cells],
        colWidths=widths,
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 10),  # as the meta styles, for a plain string
            ("LEADING", (0, 0), (-1, -1), 13),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]),
    )
    return [_Title(title), _paragraph(year_line, st["subtitle"]), Spacer(1, 2 * mm), meta]


def _signatures(form: Form) -> Flowable:
    st = styles()
    lines = [
        ("填报人：", form.filler),
        ("联系电话：", form.phone),
        ("单位负责人（签字）：", form.head),
        ("财务负责人（签字）：", form.finance_head),
        ("填报日期：", form.date),
    ]
    widths = [34 * mm, 62 * mm]
    # a one-line text is a plain string (the table's right padding, 6, left aside)
    data = [["" if not t.strip() else t if _plain_fits(t, 9, w - 6) else _paragraph(t, st["cell"])
             for t, w in zip(line, widths, strict=True)]
            for line in lines]
    left = _Grid(
        data,
        colWidths=widths,
        rowHeights=[8.5 * mm] * len(lines),
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),  # as the "cell" style, for a plain string
            ("LEADING", (0, 0), (-1, -1), 11.5),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]),
    )
    outer = _Grid(
        [[left, "", _StampBox()]],
        colWidths=[98 * mm, FRAME_W - 98 * mm - 44 * mm, 44 * mm],
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # even an empty cell names a font
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]),
        hAlign="LEFT",
    )
    return KeepTogether([Spacer(1, 3 * mm), outer])


def _level1_text(text: str, width: float) -> str:
    """``产出指标（50）`` breaks before its weight when the column is too narrow."""
    if _fits(text, "center", width):
        return text
    m = re.search(r"[（(]", text)
    return text[: m.start()] + "\n" + text[m.start():] if m and m.start() else text


def _indicator_rows(form: Form, indices: Iterable[int], with_def: bool, layout: str,
                    level1_width: float) -> list[_Row]:
    rows = []
    run1 = run2 = None
    text1 = text2 = ""
    for i in indices:
        ind = form.indicators[i]
        l1, l2 = ind.level1.strip(), ind.level2.strip()
        if run1 is None or (l1 and l1 != text1):
            run1, text1, run2 = i, l1, None
        if run2 is None or (l2 and l2 != text2):
            run2, text2 = i, l2
        level3 = ind.level3 + ("（不适用）" if ind.not_applicable else "")
        cells = [_C(_level1_text(text1, level1_width)), _C(text2), _C(level3, "cell")]
        if with_def:
            cells.append(_C(ind.definition, "cell"))
        cells += [_C(ind.target), _C(ind.actual)]
        if layout == "B":
            cells += [_C(ind.points), _C(ind.score), _C(ind.deviation, "cell")]
        else:
            cells.append(_C(ind.score))
        rows.append(_row(*cells, keys={0: ("1", run1), 1: ("2", run2)}))
    return rows or [_row(*[None] * ((8 if layout == "B" else 6) + with_def)) for _ in range(4)]


def _goal_rows(form: Form, minimum: int, with_completion: bool) -> list[_Row]:
    goals = list(form.goals) + [None] * max(0, minimum - len(form.goals))
    rows = []
    for g in goals:
        cells = [_C(g.target if g else "", "cell"), _C(g.result if g else "", "cell")]
        if with_completion:
            cells.append(_C(form.completion))
        rows.append(_row(*cells, keys={2: "completion"} if with_completion else {},
                         min_height=7 * mm))
    return rows


def _problems(title: str, text: str) -> _Block:
    return _Block(
        [1],
        header=[_row(_C(title, "section"))],
        body=[_row(_C(text, "cell"), min_height=18 * mm)],
    )


def _form_a(form: Form, dfile: DepartmentFile, ev: Evaluation) -> list[Flowable]:
    m = form.money
    out = _heading("部门预算项目绩效自评表", form, dfile)
    out.append(_Block(
        [18, 22, 72, 24, 44],
        body=[_row(_C("一、基本\n情况", "label"), _C("项目名称", "label"), _C(form.project, "cell"),
                   _C("实施预算单位", "label"), _C(form.unit, "cell"), min_height=8 * mm)],
        keep_whole=True,
    ))
    parts = [("total", "预算数：", "到位数：", "执行数："), ("fiscal",) + ("其中：财政资金",) * 3]
    if any(line.carryover.strip() for line in (m.budget, m.arrived, m.executed)):
        parts.append(("carryover",) + ("其中：上年结转",) * 3)
    parts.append(("other", "其他", "其他", "其他"))
    money_rows = [
        _row(_C(b, "label"), _C(getattr(m.budget, part)), _C(a, "label"), _C(getattr(m.arrived, part)),
             _C(e, "label"), _C(getattr(m.executed, part)), _C(m.progress), keys={6: "progress"})
        for part, b, a, e in parts
    ]
    out.append(_Block(
        [18, 25, 21, 25, 21, 25, 21, 24],
        label="二、预算\n执行情况",
        header=[_heads("预算安排情况（调整后）", SPAN, "资金到位情况", SPAN, "资金执行情况", SPAN,
                       "预算执行进度")],
        body=money_rows,
        keep_whole=True,
    ))
    out.append(_Block(
        [18, 67, 71, 24],
        label="三、目标\n完成情况",
        header=[_heads("年度预期目标", "具体完成情况", "总体完成率")],
        body=_goal_rows(form, 3, True),
    ))
    with_def = any(ind.definition.strip() for ind in form.indicators)
    if with_def:
        widths = [18, 22, 25, 31, 31, 19, 19, 15]
        heads = ["一级指标", "二级指标", "三级指标", "指标解释", "预期指标值", "实际完成值", "自评得分"]
    else:
        widths = [18, 24, 25, 47, 26, 24, 16]
        heads = ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成值", "自评得分"]
    span = [SPAN] * (len(heads) - 2)
    out.append(_Block(
        widths,
        label="四、年度\n绩效指标\n完成情况",
        header=[_heads(*heads)],
        body=_indicator_rows(form, range(len(form.indicators)), with_def, "A", widths[1] * mm),
        footer=[_row(_C("总分", "head"), *span, _C(form.total_score)),
                _row(_C("评价等级", "head"), *span, _C(form.grade))],
    ))
    out.append(_problems("五、存在问题、原因及下一步整改措施", form.problems))
    out.append(_signatures(form))
    return out


def _form_b(form: Form, dfile: DepartmentFile, ev: Evaluation) -> list[Flowable]:
    m = form.money
    unit = dfile.money_unit or "万元"
    out = _heading("项目支出绩效自评表", form, dfile)
    out.append(_Block(
        [24, 66, 24, 66],
        body=[
            _row(_C("项目名称", "label"), _C(form.project, "cell"), SPAN, SPAN, min_height=8 * mm),
            _row(_C("主管部门", "label"), _C(form.authority, "cell"), _C("实施单位", "label"),
                 _C(form.unit, "cell"), min_height=8 * mm),
        ],
        keep_whole=True,
    ))
    exec_row = ev.calc.exec_row
    points = rate = score = ""
    if exec_row is not None:
        ind = form.indicators[exec_row]
        points = ind.points.strip() or parse_weight(ind.level1)[1].text
        rate = ind.actual
        score = ind.score
    rate = rate.strip() or m.progress
    names = [("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"),
             ("carryover", "上年结转资金"), ("other", "其他资金")]
    money_rows = []
    for part, name in names:
        tail = [_C(points), _C(rate), _C(score)] if part == "total" else [_C("—"), _C(""), _C("—")]
        money_rows.append(_row(
            _C(name, "label"), _C(getattr(m.budget_initial, part)), _C(getattr(m.budget, part)),
            _C(getattr(m.executed, part)), *tail))
    out.append(_Block(
        [22, 33, 22, 22, 22, 16, 22, 21],
        label=f"项目资金\n（{unit}）",
        header=[_heads("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")],
        body=money_rows,
        keep_whole=True,
    ))
    with_completion = bool(form.completion.strip())
    goal_heads = ["预期目标", "实际完成情况"] + (["总体完成率"] if with_completion else [])
    out.append(_Block(
        [22, 67, 71, 20] if with_completion else [22, 79, 79],
        label="年度总体目标",
        header=[_heads(*goal_heads)],
        body=_goal_rows(form, 1, with_completion),
    ))
    with_def = any(ind.definition.strip() for ind in form.indicators)
    if with_def:
        widths = [16, 18, 22, 21, 21, 18, 18, 10, 10, 26]
        heads = ["一级指标", "二级指标", "三级指标", "指标解释", "年度指标值", "实际完成值",
                 "分值", "得分", "偏差原因分析及改进措施"]
    else:
        widths = [16, 18, 22, 30, 19, 19, 11, 11, 34]
        heads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                 "分值", "得分", "偏差原因分析及改进措施"]
    rows = [i for i in range(len(form.indicators)) if i != exec_row]
    n = len(heads)
    out.append(_Block(
        widths,
        label="绩效指标",
        header=[_heads(*heads)],
        body=_indicator_rows(form, rows, with_def, "B", widths[1] * mm),
        footer=[
            _row(_C("总分", "head"), *[SPAN] * (n - 4), _C("100"), _C(form.total_score), None),
            _row(_C("评价等级", "head"), *[SPAN] * (n - 3), _C(form.grade), None),
        ],
    ))
    if form.problems.strip():
        out.append(_problems("存在问题、原因及下一步整改措施", form.problems))
    out.append(_signatures(form))
    return out


def _findings_page(form: Form, ev: Evaluation, draft: bool) -> list[Flowable]:
    st = styles()
    if draft:
        items = list(ev.findings)
        errors = ev.count(ERROR, include_explained=True)
        title = "审核发现的问题"
        intro = (f"本表尚有 {errors} 处错误未改正，打印件为草稿，不能作为正式报表上报；"
                 f"改正后重新打印即不再有草稿标记。以下列出全部 {len(items)} 条审核意见。")
    else:
        items = [f for f in ev.findings if f.explained]
        title = "已说明的问题"
        intro = f"以下 {len(items)} 个问题经审核提示，填报人已逐条说明。"
    body = [
        _row(_C(str(n)), _C(f.severity), _C(f.code), _C(render(f, form), "cell"),
             _C(f.explained or "", "cell"), min_height=7 * mm)
        for n, f in enumerate(items, 1)
    ]
    return [
        _Title(title, 16),
        _paragraph("项目名称：" + form.project, st["note"]),
        Spacer(1, 1.5 * mm),
        _paragraph(intro, st["note"]),
        Spacer(1, 3 * mm),
        _Block([10, 12, 12, 92, 54] if any(f.explained for f in items) else [10, 12, 12, 118, 28],
               header=[_heads("序号", "级别", "代码", "问题", "填报人说明")], body=body),
    ]


# ---- the document -------------------------------------------------------------


def select_forms(dfile: DepartmentFile, projects: Iterable[str] | None = None) -> list[int]:
    """Indices of the forms to print: all, or those whose 项目名称 is named."""
    if not dfile.forms:
        raise PerfdeskError("文件中没有表，无法打印。")
    if not projects:
        return list(range(len(dfile.forms)))
    wanted = [p.strip() for p in projects]
    chosen = [i for i, f in enumerate(dfile.forms) if f.project.strip() in wanted]
    known = {f.project.strip() for f in dfile.forms}
    missing = [p for p in wanted if p not in known]
    if missing:
        raise PerfdeskError("文件中找不到这些项目：" + "、".join(f"「{p}」" for p in missing))
    return chosen


def _story(dfile: DepartmentFile, indices: list[int]) -> tuple[list[Flowable], list[PrintedForm]]:
    story: list[Flowable] = []
    printed = []
    for n, i in enumerate(indices):
        form = dfile.forms[i]
        ev = evaluate(form, dfile)
        errors = ev.count(ERROR, include_explained=True)
        draft = errors > 0
        explained = sum(1 for f in ev.findings if f.explained)
        listed = len(ev.findings) if draft else explained
        info = PrintedForm(i, form.project, form_code(form, dfile), draft, errors, listed,
                           missing_characters(_form_text(form)))
        printed.append(info)
        if n:
            story.append(PageBreak())
        story.append(_FormStart(info))
        story += _form_b(form, dfile, ev) if form.layout == "B" else _form_a(form, dfile, ev)
        if listed:
            story.append(PageBreak())
            story += _findings_page(form, ev, draft)
    return story, printed


def _render(dfile: DepartmentFile, projects=None) -> tuple[bytes, list[PrintedForm]]:
    indices = select_forms(dfile, projects)
    # cells and widths are made once per document (a form repeats its neighbours' titles)
    _rendering.cells, _rendering.widths = {}, {}
    try:
        story, printed = _story(dfile, indices)
        buf = io.BytesIO()
        title = "部门预算项目绩效自评表"
        if len(printed) == 1:
            title += "：" + printed[0].project
        doc = _Doc(buf, title=title, author=dfile.department, subject=f"{dfile.year}年度")
        doc.build(story, canvasmaker=_Canvas)
    finally:
        del _rendering.cells, _rendering.widths
    return buf.getvalue(), printed


def render_pdf(dfile: DepartmentFile, projects: Iterable[str] | None = None) -> bytes:
    """The PDF of the chosen forms (all by default), as bytes."""
    return _render(dfile, projects)[0]


@dataclass
class PdfResult:
    path: Path
    pages: int
    size: int  # bytes
    forms: list[PrintedForm]


def write_pdf(dfile: DepartmentFile, out_path: str | os.PathLike,
              projects: Iterable[str] | None = None) -> PdfResult:
    """Write the PDF to ``out_path`` (via a temporary file, so a failure leaves no half PDF)."""
    data, printed = _render(dfile, projects)
    path = Path(out_path)
    tmp = path.with_name(path.name + ".writing")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise PerfdeskError(
            f"无法写入 {path.name}：{err.strerror or err}（文件可能正被其他程序打开）") from err
    return PdfResult(path, sum(p.pages for p in printed), len(data), printed)
