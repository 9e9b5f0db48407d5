"""Totals and their parts as the prose states them (T03 for money, T09 for counts).

- ``X，其中 A a、B b …``: a 其中 may list only some parts, so it is wrong only
  when the parts it lists *exceed* X.  Its parts run to the end of the sentence,
  stop at a figure of another kind (a 全年支出 after the parts of a 预算) and
  leave out a nested ``（其中 …）``, which is checked against its own total.
- ``A a，B b，合计/共计/共 X``: X must be the sum of the figures just before it;
  any run of two or more of them will do.
- ``预算 b，支出 s，结余 r`` in one sentence: r = b − s (a 上年结余 is last year's).

Rounded parts may add up to a little more or less than their total: the
tolerance is half the last printed digit of every figure involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..checks.base import ERROR, check
from .base import Para, ReportContext, TextFinding, at, span, wan
from .quantities import BUDGETS, ROLE_GROUP, Quantity, clause_start

_OF_WHICH = re.compile(r"其中")


@dataclass(frozen=True, slots=True)
class Parts:
    para: Para
    total: Quantity
    parts: tuple[Quantity, ...]
    exhaustive: bool  # 合计 after the parts: they must add up; 其中: they may not exceed

    @property
    def sum(self) -> float:
        return sum(q.value for q in self.parts)

    @property
    def slack(self) -> float:
        return sum(q.half_unit for q in self.parts) + 1e-9

    def wrong(self) -> bool:
        if self.exhaustive:
            return abs(self.sum - self.total.value) > self.slack and not self.total.fits(self.sum)
        return self.sum > self.total.value + self.slack and not self.total.fits(self.sum)


def _alike(a: Quantity, b: Quantity) -> bool:
    return (a.money and b.money) or (a.count and a.unit == b.unit)


def _depth(text: str, lo: int, hi: int) -> int:
    """How many brackets opened in text[lo:hi] are still open at hi."""
    depth = 0
    for ch in text[lo:hi]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


def of_which(para: Para) -> Iterator[Parts]:
    """Every ``X，其中 …`` of the paragraph with the parts it lists."""
    text = para.text
    for m in _OF_WHICH.finditer(text):
        lo, hi = para.sentence_of(m.start())
        nested = text[max(m.start() - 1, 0)] in "（("
        limit = m.start() - 1 if nested else m.start()
        before = [q for q in para.quantities if q.end <= limit and (q.start >= lo or text[lo:m.start()].strip(" ，,：:") == "")]
        if not before:
            continue
        total = before[-1]
        parts = _parts_after(para, m.end(), hi, total, nested)
        if parts:
            yield Parts(para, total, tuple(parts), exhaustive=False)


def _parts_after(para: Para, start: int, hi: int, total: Quantity, nested: bool) -> list[Quantity]:
    text, parts = para.text, []
    for q in para.in_span(start, hi):
        if nested and _closed(text, start, q.start):
            break  # the bracket closed: the nested 其中 is over
        if not nested and (_depth(text, start, q.start) > 0):
            continue  # inside a bracket: a nested 其中 or a remark of its own
        if not nested and _another_of_which(text, start, q.start):
            break
        if not _alike(q, total):
            continue
        if _other_kind(q, total):
            break
        parts.append(q)
    return parts


def _closed(text: str, lo: int, hi: int) -> bool:
    depth = 0
    for ch in text[lo:hi]:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return True
            depth -= 1
    return False


def _another_of_which(text: str, lo: int, hi: int) -> bool:
    i = text.find("其中", lo, hi)
    while i != -1:
        if _depth(text, lo, i) == 0:
            return True
        i = text.find("其中", i + 2, hi)
    return False


def _other_kind(q: Quantity, total: Quantity) -> bool:
    """A figure that is no part of the total: a new total, a rate, or another kind of money."""
    if q.role in ("total", "rate", "balance"):
        return True
    group, total_group = ROLE_GROUP.get(q.role), ROLE_GROUP.get(total.role)
    return bool(group and total_group and group != total_group)


def sums_before(para: Para) -> Iterator[Parts]:
    """Every ``A a，B b，合计 X``: X with the alike figures of its sentence before it."""
    for t in para.quantities:
        if t.role != "total" or t.keyword not in ("合计", "共计", "共", "总计"):
            continue
        lo, _ = para.sentence_of(t.start)
        opening = para.text[clause_start(para.text, t.start, lo):t.start]
        if para.text[lo:t.start].rfind("其中") > -1 or not opening.strip().startswith(t.keyword):
            continue  # 合计 opens its clause: ``…，合计19万元``
        before = []
        for q in reversed(para.in_span(lo, t.start)):
            if not _alike(q, t) or q.role == "total":
                break
            before.insert(0, q)
        if len(before) < 2:
            continue
        runs = [Parts(para, t, tuple(before[i:]), exhaustive=True) for i in range(len(before) - 1)]
        if all(r.wrong() for r in runs):
            yield runs[0]


def all_parts(para: Para) -> list[Parts]:
    return [*of_which(para), *sums_before(para)]


@check("T03", ERROR, "报告中合计与其各项之和不符", "{what}：{total} 与所列各项之和 {sum} 不符（{parts}）")
def totals(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        for p in all_parts(para):
            if p.total.money and p.wrong():
                yield _finding("T03", p)
        yield from _balances(para)


def _finding(code: str, p: Parts) -> TextFinding:
    unit = "万元" if p.total.money else p.total.unit
    show = (lambda q: wan(q.value)) if p.total.money else (lambda q: f"{q.printed:g}{unit}")
    what = "合计" if p.exhaustive else "其中所列各项超过总数"
    return at(code, p.para, *span(p.total, *p.parts), what=what, total=show(p.total),
              sum=wan(p.sum) if p.total.money else f"{p.sum:g}{unit}",
              parts=" + ".join(show(q) for q in p.parts))


def _balances(para: Para) -> Iterator[TextFinding]:
    for lo, hi in para.sentences:
        qs = para.in_span(lo, hi)
        for r in qs:
            if r.role != "balance" or not r.money or re.search(r"(上年|历年|以前年度|往年)", r.subject + r.keyword):
                continue
            budgets = [q for q in qs if q.money and q.role in BUDGETS and q.start < r.start]
            spents = [q for q in qs if q.money and q.role == "spent" and q.start < r.start]
            if not (budgets and spents):
                continue
            if any(r.fits(b.value - s.value) or abs(r.value - (b.value - s.value)) <= r.half_unit + b.half_unit + s.half_unit
                   for b in budgets for s in spents):
                continue
            b, s = budgets[-1], spents[-1]
            yield at("T03", para, *span(b, s, r), what="结余", total=wan(r.value),
                     sum=wan(b.value - s.value), parts=f"{b.keyword} {wan(b.value)} − {s.keyword} {wan(s.value)}")


CHECKS = (totals,)
