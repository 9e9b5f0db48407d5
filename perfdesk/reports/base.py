"""What a report check sees and what it finds.

Each T check is a ``checks.base.Check`` (code, severity, title, template and
function in one place, made by the same ``@check`` decorator); its function
takes a ``ReportContext`` and yields ``TextFinding``s that point at a
paragraph and the exact span of its text.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cached_property

from ..calc import Calculation
from ..checks.base import figure
from ..model import Form
from .quantities import Quantity, quantities, sentences
from .reading import Paragraph, Report


@dataclass(slots=True)
class TextFinding:
    code: str
    paragraph: int  # index into ReportContext.paras
    start: int  # span in the paragraph's text
    end: int
    args: dict = field(default_factory=dict)
    cells: tuple[str, ...] = ()  # T02: the form cells compared with
    form: str = ""  # T02: the project of that form
    severity: str = ""
    line: int = 0  # set by the runner: the paragraph's line
    quote: str = ""  # set by the runner: the exact span


@dataclass(frozen=True, slots=True)
class FormRef:
    """A form given with the report (``--forms``): where from, the form, its arithmetic."""

    source: str
    form: Form
    calc: Calculation


class Para:
    """A prose paragraph with its figures, sentences and the section it sits in."""

    def __init__(self, index: int, paragraph: Paragraph, section: int, heading: str):
        self.index = index
        self.line = paragraph.line
        self.text = paragraph.text
        self.section = section  # index of the heading paragraph that opens its section (-1: none)
        self.heading = heading

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.text)

    def in_span(self, lo: int, hi: int) -> list[Quantity]:
        return [q for q in self.quantities if lo <= q.start < hi]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next((s for s in self.sentences if s[0] <= pos < s[1]), (0, len(self.text)))


@dataclass
class ReportContext:
    report: Report
    forms: list[FormRef] = field(default_factory=list)

    @cached_property
    def paras(self) -> list[Para]:
        out, section, heading = [], -1, ""
        for p in self.report.paragraphs:
            if p.table:
                continue
            if p.heading:
                section, heading = len(out), p.text
            out.append(Para(len(out), p, section, heading))
        return out


def at(code: str, para: Para, start: int, end: int, **args) -> TextFinding:
    return TextFinding(code, para.index, start, end, args)


def span(*qs: Quantity) -> tuple[int, int]:
    return min(q.start for q in qs), max(q.end for q in qs)


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec):
        if not format_spec:
            return figure(value)
        return super().format_field(value, format_spec)


FORMATTER = _Formatter()


def pct(x: float) -> str:
    """A computed percent for a message: two decimals."""
    return f"{x:.2f}%"


def amount(q: Quantity) -> str:
    """A printed money figure as printed: 8.5万元, 24720元."""
    unit = {1.0: "万元", 0.0001: "元", 10000.0: "亿元"}.get(q.scale, "万元")
    return f"{q.printed:.{q.decimals}f}{unit}"


def wan(x: float) -> str:
    return f"{figure(round(x, 6))}万元"
