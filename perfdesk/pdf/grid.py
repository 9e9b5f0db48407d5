"""The ruled table that writes its cells' text in one text object (``_Grid``)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle

from .fonts import FONT, styles
from .text import _PAD_X, _PAD_Y, _Para, _width

_BLOCK_STYLES = ("cell", "center", "head", "label", "section")  # 9 pt on 11.5, black, no indent


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

