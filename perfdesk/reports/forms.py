"""T02: the report's figure for a project against that project's form.

A figure is about a form's project when the words just before it name the
project (``9村村民参加企业职工养老保险区级财政补贴资金450万元``), or when they
name nothing and the project is the current one: the last named by a heading
or a sentence (``（三）远程教育站点专项资金`` … ``自评总分为88分``).  A heading
that ends in 绩效评价 opens another office's part and forgets the current
project.  Names compare without brackets, quotes and spaces; a form name
matches when it is contained in the words, the longest match winning.

Compared: 预算 (the form's 预算数, or a part of it, or the sum of the sentence's
amounts: ``财政预算安排3万元；上级专款4.06万元`` is 7.06), 执行数, 执行率, 总分
and 评价等级, at the printed precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..calc import normalise_grade
from ..checks.base import ERROR, check
from ..numbers import read_score
from .base import FormRef, Para, ReportContext, TextFinding, at, pct, wan
from .quantities import BUDGETS, Quantity
from .reading import HEADING
from .scoring import _GRADE

_BRACKETS = re.compile(r"[（(][^）)]*[）)]|[“”\"‘’'「」《》\s]")
_FILLER = re.compile(
    r"\d+年度?|\d+|项目支出预算执行情况|预算执行情况|自评结果|执行情况|情况|我局|我单位|本单位|本部门|经过自评|通过自评|结合工作实际|该项目|本项目|项目|资金|财政|全年|当年|"
    r"为|达到|达|共计|共|的|了|，|、|：|:|。|；|\.|．|\s"
)
_NEW_OFFICE = re.compile(r"绩效评价?\s*$")
_ITEM = re.compile(r"(资金|经费|项目|补贴|补助|费|金)\s*$")


def _key(name: str) -> str:
    return _BRACKETS.sub("", name)


class _Matcher:
    def __init__(self, forms: list[FormRef]):
        self.keys = sorted(((_key(f.form.project), f) for f in forms if len(_key(f.form.project)) >= 4),
                           key=lambda kf: len(kf[0]), reverse=True)

    def named(self, text: str) -> FormRef | None:
        flat = _key(text)
        return next((f for k, f in self.keys if k in flat), None)

    def heading(self, text: str) -> FormRef | None:
        """The form a heading names: most of the heading is the form's name."""
        flat = _key(HEADING.sub("", text, count=1)).rstrip("。")
        return next((f for k, f in self.keys if k in flat and len(k) >= 0.7 * len(flat)), None)


def _residual(text: str, keyword: str) -> str:
    return _FILLER.sub("", text.replace(keyword, "")) if keyword else _FILLER.sub("", text)


@check("T02", ERROR, "报告中项目数字与其绩效自评表不符", "报告中「{project}」的{what}为 {stated}，自评表中为 {form_value}")
def against_forms(ctx: ReportContext) -> Iterator[TextFinding]:
    if not ctx.forms:
        return
    match, current, elsewhere = _Matcher(ctx.forms), None, False
    for para in ctx.paras:
        if para.index == para.section:  # a heading
            named = match.heading(para.text)
            item = bool(_ITEM.search(para.text.rstrip("。")))
            if named or item or _NEW_OFFICE.search(para.text):
                current, elsewhere = named, item and not named
            continue
        if elsewhere:
            continue  # under the heading of an item no form is given for
        for lo, hi in para.sentences:
            current = yield from _sentence(para, lo, hi, match, current)


def _sentence(para: Para, lo: int, hi: int, match: _Matcher, current: FormRef | None):
    floor, budget_run = lo, False
    figures = [q for q in para.in_span(lo, hi) if q.money or q.role in ("rate", "total_score")]
    for q in figures:
        words = para.text[floor:q.start]
        named = match.named(words)
        current = named or current
        # The current project only for a figure whose words name nothing (自评总分为95分).
        form = named or (current if not _residual(words, q.keyword) and "、" not in words else None)
        budget_run = q.role in BUDGETS or (budget_run and q.role == "" and q.money and words.startswith("、"))
        role = "budget" if budget_run and q.role == "" else q.role
        if form is not None:
            f = _compare(para, q, role, form, figures)
            if f is not None:
                yield f
        floor = q.end
    for m in _GRADE.finditer(para.text, lo, hi):
        form = match.named(para.text[lo:m.start()]) or current
        if form is not None:
            f = _grade(para, m, form)
            if f is not None:
                yield f
    return current


def _compare(para: Para, q: Quantity, role: str, ref: FormRef, sentence: list[Quantity]) -> TextFinding | None:
    c = ref.calc
    if q.money and role in BUDGETS:
        total = c.amount("money.budget.total")
        if total is None:
            return None
        parts = [c.amount(f"money.budget.{p}") for p in ("fiscal", "carryover", "other")]
        parts.append(c.amount("money.budget_initial.total"))
        together = sum(o.value for o in sentence if o.money and o.role not in ("spent", "balance"))
        if q.fits(total) or any(p is not None and q.fits(p) for p in parts) or abs(together - total) < 1e-6:
            return None
        return _finding(para, q, ref, "预算数", wan(q.value), wan(total), ("money.budget.total",))
    if q.money and role == "spent":
        done = c.amount("money.executed.total")
        if done is None or q.fits(done):
            return None
        return _finding(para, q, ref, "执行数", wan(q.value), wan(done), ("money.executed.total",))
    if role == "rate" and q.unit == "%" and c.execution_rate is not None and not q.fits(c.execution_rate):
        return _finding(para, q, ref, "执行率", f"{q.printed:g}%", pct(c.execution_rate),
                        ("money.budget.total", "money.executed.total"))
    if role == "total_score" and q.unit == "分":
        typed = read_score(ref.form.total_score)
        value = typed.value if typed.status == "ok" else c.total
        if not q.fits(value) and abs(q.value - value) > 1e-6:
            return _finding(para, q, ref, "总分", f"{q.printed:g} 分", f"{value:g} 分", ("total_score",))
    return None


def _grade(para: Para, m: re.Match, ref: FormRef) -> TextFinding | None:
    stated = normalise_grade(m.group(1))
    typed = normalise_grade(ref.form.grade) or ref.calc.grade
    if not stated or stated == typed:
        return None
    f = at("T02", para, m.start(1), m.end(1), project=ref.form.project, what="评价等级",
           stated=f"「{m.group(1)}」", form_value=f"「{ref.form.grade or typed}」")
    f.cells, f.form = ("grade",), ref.form.project
    return f


def _finding(para: Para, q: Quantity, ref: FormRef, what: str, stated: str, form_value: str, cells) -> TextFinding:
    f = at("T02", para, q.start, q.end, project=ref.form.project, what=what, stated=stated, form_value=form_value)
    f.cells, f.form = tuple(cells), ref.form.project
    return f


CHECKS = (against_forms,)
