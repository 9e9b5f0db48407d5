"""T07: the same quantity of the same item printed twice with different values.

Two ways a report names "the same quantity":

- an execution rate stated with the same budget and spending figures as
  another (seed 003: 7047.68 and 4044.35 give 52.39 % in one paragraph and
  57.39 % in another);
- within one section (the text under one heading, which is one project in the
  seeds), a 年初预算, 全年预算, 全年支出 or 执行率 stated in two paragraphs, with
  the same words before it or none.  Figures inside one paragraph are left
  alone: a paragraph that lists projects gives each its own 预算金额.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..checks.base import ERROR, check
from .base import Para, ReportContext, TextFinding, at
from .quantities import Quantity
from .rates import rate_facts
from .sums import of_which

STRONG = {
    "budget_initial": ("年初预算", "年初预算数", "年初预算资金", "年初财政预算资金", "年初批复预算数"),
    "budget_full": ("全年预算", "全年预算数", "调整后全年预算数", "全年预算金额"),
    "spent": ("全年支出", "实际支出", "全年实际支出", "共支出", "累计支出", "全年执行数", "执行金额", "执行数"),
    "rate": ("执行率", "预算执行率"),
}
_PROJECTS = re.compile(r"\d+\s*个项目|项目\s*\d+\s*个")
WHAT = {"budget_initial": "年初预算", "budget_full": "全年预算", "spent": "全年支出", "rate": "执行率"}


def _show(q: Quantity) -> str:
    return f"{q.printed:g}%" if q.unit == "%" else f"{q.value:g}万元"


def _agree(a: Quantity, b: Quantity) -> bool:
    return a.fits(b.value) or b.fits(a.value)


@check("T07", ERROR, "报告中同一数字前后不一致", "{what}前后不一致：第 {first_line} {where}写 {first}，此处写 {second}")
def repeated(ctx: ReportContext) -> Iterator[TextFinding]:
    where = "行" if ctx.report.path.lower().endswith(".txt") else "段"
    yield from _rates(ctx, where)
    yield from _sections(ctx, where)


def _rates(ctx: ReportContext, where: str) -> Iterator[TextFinding]:
    seen: dict[tuple[float, float], Quantity] = {}
    lines: dict[int, int] = {}
    for fact in rate_facts(ctx):
        key = (round(fact.budget.value, 6), round(fact.spent.value, 6))
        first = seen.setdefault(key, fact.rate)
        lines.setdefault(id(fact.rate), fact.para.line)
        if first is not fact.rate and not _agree(first, fact.rate):
            yield at("T07", fact.para, fact.rate.start, fact.rate.end, what="执行率", first_line=lines[id(first)],
                     where=where, first=_show(first), second=_show(fact.rate))


def _sections(ctx: ReportContext, where: str) -> Iterator[TextFinding]:
    seen: dict[tuple[int, str], list[tuple[Para, Quantity]]] = {}
    for para in ctx.paras:
        if para.section < 0:
            continue
        parts = {id(q) for p in of_which(para) for q in p.parts}
        eligible = [q for q in para.quantities
                    if q.role in STRONG and q.keyword in STRONG[q.role] and id(q) not in parts]
        roles = [q.role for q in eligible]
        for q in eligible:
            if roles.count(q.role) > 1 or _PROJECTS.search(para.text):
                continue  # a paragraph listing projects, or summing up a group of them
            if q.role == "rate" and q.unit != "%" or q.role != "rate" and not q.money:
                continue
            earlier = seen.setdefault((para.section, q.role), [])
            clash = next(((p, o) for p, o in earlier
                          if p is not para and _same_subject(o, q) and not _agree(o, q)), None)
            earlier.append((para, q))
            if clash is None:
                continue
            p, o = clash
            yield at("T07", para, q.start, q.end, what=WHAT[q.role], first_line=p.line, where=where,
                     first=_show(o), second=_show(q))


def _same_subject(a: Quantity, b: Quantity) -> bool:
    return not a.subject or not b.subject or a.subject == b.subject


CHECKS = (repeated,)
