"""What every printed section shares: the title column, how a title wraps in it,
how a layout's width hints become column widths, and a cell's value by address."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from .fonts import FONT
from .page import FRAME_W
from .text import _PAD_X

LABEL_W = 18  # mm: the section title column on the left of each block
NUMERALS = "一二三四五六七八九十"
_NUMBERED = re.compile(f"[{NUMERALS}]+、")


def section_label(title: str) -> str:
    """A section title as printed down its narrow column: ``三、目标\\n完成情况``, ``四、年度\\n
    绩效指标\\n完成情况`` (the number with two characters, then four a line); a title that
    has its own line breaks keeps them."""
    if "\n" in title:
        return title
    m = _NUMBERED.match(title)
    head = m.group(0) if m else ""
    rest = title[len(head):]
    first = rest[:2] if head else rest[:4]
    rest = rest[len(first):]
    return "\n".join([head + first] + [rest[i:i + 4] for i in range(0, len(rest), 4)])


def share(hints: list[float], width: float, grow: list[bool] | None = None) -> list[float]:
    """Column widths filling ``width`` (mm) from width hints (mm): a hint of 0 takes an
    equal share of what the others leave; the ``grow`` columns (the free texts) take
    the room left over, or give up room (down to two thirds of their hint) when the
    table is too wide, in proportion to their hints; what is still too wide is
    narrowed all alike."""
    fixed = sum(hints)
    free = hints.count(0)
    if free:
        each = max((width - fixed) / free, 12)
        hints = [h or each for h in hints]
    grow = grow or [False] * len(hints)
    total = sum(hints)
    growing = sum(h for h, g in zip(hints, grow, strict=True) if g)
    if growing:
        change = max(width - total, -growing / 3)
        hints = [h + (h * change / growing if g else 0) for h, g in zip(hints, grow, strict=True)]
        total = sum(hints)
    return [h * width / total for h in hints]


def fit(texts, cap: float) -> float:
    """The width (mm) a block's cell needs to hold the longest line of ``texts`` on one
    line (at most ``cap``)."""
    widest = max((pdfmetrics.stringWidth(line, FONT, 9) for t in texts for line in t.split("\n")),
                 default=0)
    return min((widest + 2 * _PAD_X) / mm + 0.1, cap)


def body_width() -> float:
    """The frame's width right of the title column, mm."""
    return FRAME_W / mm - LABEL_W


def value_of(form, address: str) -> str:
    """The typed text of a one-cell field: ``project``, ``money.progress`` …"""
    value = form
    for part in address.split("."):
        value = getattr(value, part, "")
    return value if isinstance(value, str) else ""
