"""T01 and T08: stated rates against their computation.

T01 — a sentence gives a budget, a spending and an 执行率; T08 — any other
stated ratio: an execution rate whose budget stands in an earlier sentence,
an 指标完成率 (实际 ÷ 目标), a 评优率 (优 ÷ 项目数).  Where the paragraph offers
more than one budget (年初 and 全年, 财政拨款 and 预算), a rate that fits any of
them is silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..checks.base import ERROR, check
from .base import Para, ReportContext, TextFinding, amount, at, pct, span
from .quantities import BUDGETS, Quantity, cn_number

RATE_ROLES = ("rate",)


@dataclass(frozen=True, slots=True)
class RateFact:
    """A stated execution rate with the budget and spending it was computed from."""

    para: Para
    budget: Quantity
    spent: Quantity
    rate: Quantity


def _is_budget(q: Quantity) -> bool:
    return q.money and (q.role in BUDGETS or q.role == "total")


def _is_spent(q: Quantity) -> bool:
    return q.money and q.role == "spent"


def _rates(para: Para) -> Iterator[tuple[Quantity, list[Quantity], list[Quantity]]]:
    """Each stated 执行率 with the budgets and spendings of its own sentence before it."""
    for lo, hi in para.sentences:
        floor = lo
        for q in para.in_span(lo, hi):
            if q.role in RATE_ROLES and q.unit == "%":
                before = [o for o in para.in_span(floor, q.start)]
                yield q, [o for o in before if _is_budget(o)], [o for o in before if _is_spent(o)]
                floor = q.end


def _fits(rate: Quantity, budgets, spents) -> tuple[Quantity, Quantity] | None:
    for b in budgets:
        for s in spents:
            if b.value > 0 and rate.fits(s.value / b.value * 100):
                return b, s
    return None


def _paragraph_budgets(para: Para, before: int) -> list[Quantity]:
    return [q for q in para.quantities if _is_budget(q) and q.start < before]


def rate_facts(ctx: ReportContext) -> list[RateFact]:
    """The rates stated with both their figures in one sentence, whether they fit or not."""
    facts = []
    for para in ctx.paras:
        for rate, budgets, spents in _rates(para):
            if budgets and spents:
                pair = _fits(rate, budgets, spents) or (budgets[-1], spents[-1])
                facts.append(RateFact(para, pair[0], pair[1], rate))
    return facts


@check("T01", ERROR, "报告中执行率与同一句的预算、支出不符",
       "{quote_figures}，执行率应为 {expected}，报告写的是 {stated}")
def rate_in_sentence(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        for rate, budgets, spents in _rates(para):
            if not (budgets and spents):
                continue
            if _fits(rate, budgets, spents) or _fits(rate, _paragraph_budgets(para, rate.start), spents):
                continue
            b, s = budgets[-1], spents[-1]
            yield at("T01", para, *span(b, s, rate), **_args(b, s, rate))


def _args(b: Quantity, s: Quantity, rate: Quantity) -> dict:
    return {
        "quote_figures": f"{b.keyword or '预算'} {amount(b)}、{s.keyword or '支出'} {amount(s)}",
        "expected": pct(s.value / b.value * 100) if b.value else "无法计算",
        "stated": f"{rate.printed:g}%",
    }


@check("T08", ERROR, "报告中其他比率与其计算不符", "{what}应为 {expected}（{how}），报告写的是 {stated}")
def other_ratios(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        yield from _rate_across_sentences(para)
        yield from _completion(para)
        yield from _excellent_rate(para)


def _rate_across_sentences(para: Para) -> Iterator[TextFinding]:
    for rate, budgets, spents in _rates(para):
        if budgets or not spents:
            continue
        earlier = _paragraph_budgets(para, rate.start)
        if not earlier or _fits(rate, earlier, spents):
            continue
        b, s = earlier[-1], spents[-1]
        yield at("T08", para, *span(s, rate), what="执行率", expected=pct(s.value / b.value * 100),
                 how=f"{s.keyword} {amount(s)} ÷ 前文{b.keyword} {amount(b)}", stated=f"{rate.printed:g}%")


_TARGET = re.compile(r"(?:预期指标值|指标值|目标值)[为是：:]?\s*(?:大于等于|小于等于|大于|小于|等于|不低于|不高于|≥|≤|>=|<=|=)?\s*$")


def _completion(para: Para) -> Iterator[TextFinding]:
    """指标完成率 = 实际 ÷ 目标 (either way round for a ceiling target, capped or not)."""
    qs = para.quantities
    for c in (q for q in qs if q.role == "completion" and q.unit == "%"):
        targets = [q for q in qs if q.start < c.start and _TARGET.search(para.text[max(q.start - 12, 0):q.start])]
        if not targets:
            continue
        t = targets[-1]
        actuals = [q for q in qs if q is not t and q is not c and q.start < c.start and q.unit == t.unit]
        bases = [t] + [q for q in qs if _is_budget(q) and q.start < c.start]
        if not actuals or _any_ratio_fits(c, actuals, bases):
            continue
        a = actuals[-1]
        yield at("T08", para, *span(t, c), what="指标完成率", expected=pct(a.value / t.value * 100) if t.value else "无法计算",
                 how=f"实际完成值 {a.printed:g}{a.unit} ÷ 预期指标值 {t.printed:g}{t.unit}", stated=f"{c.printed:g}%")


def _any_ratio_fits(c: Quantity, actuals, bases) -> bool:
    if c.fits(100.0):
        return True  # reached, or capped at 100 %
    for a in actuals:
        for b in bases:
            if b.value and c.fits(a.value / b.value * 100):
                return True
            if a.value and c.fits(b.value / a.value * 100):
                return True
    return False


_PROJECTS = re.compile(r"(?:项目总数|一共有|共有|共计|共)\s*(\d+|[一二两三四五六七八九十]+)\s*[个项](?:评价)?(?:项目)?")
_ALL_EXCELLENT = re.compile(r"(?:全部|均|都)(?:为|是|评为)?[“\"]?优")
_SOME_EXCELLENT = re.compile(r"(?:为|是)[“\"]?优[”\"]?的?(?:共|有)\s*(\d+)\s*[个项]")
_ONE_EXCELLENT = re.compile(r"(?:评价等级|评价结果|等级)(?:为|是)[“\"]?优")


def _excellent_rate(para: Para) -> Iterator[TextFinding]:
    """评优率 = projects graded 优 ÷ projects, when the paragraph says both."""
    for e in (q for q in para.quantities if q.role == "excellent_rate" and q.unit == "%"):
        text = para.text[:e.start]
        m = _PROJECTS.search(text)
        if not m:
            continue
        n = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
        some = _SOME_EXCELLENT.search(text, m.end())
        if _ALL_EXCELLENT.search(text, m.end()):
            good = n
        elif some:
            good = int(some.group(1))
        elif n == 1 and _ONE_EXCELLENT.search(text, m.end()):
            good = 1
        else:
            continue
        if n and not e.fits(good / n * 100):
            yield at("T08", para, m.start(), e.end, what="评优率", expected=pct(good / n * 100),
                     how=f"{good} 个为优 ÷ {n} 个项目", stated=f"{e.printed:g}%")


CHECKS = (rate_in_sentence, other_ratios)
