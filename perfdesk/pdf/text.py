"""Text in cells: the CJK Paragraph that never overhangs, Paragraphs made without the parser,
and when a text can be drawn as a plain string instead."""

from __future__ import annotations

import copy
import re
import threading

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import dumbSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from .fonts import FONT, _main_chars, markup, styles

_rendering = threading.local()  # .cells, .widths: per document being built (see document._render)
_PAD_X = 2.5
_PAD_Y = 2.2


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

