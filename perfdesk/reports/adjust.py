"""T04: the budget adjustment as the prose states it.

年初 + 调增 − 调减 = 调整后, and 调整率 = (调增 − 调减) ÷ 年初, when one
paragraph states the figures (seed 003: 4726.44 + 2321.24 = 7047.68, 49.11 %).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..checks.base import ERROR, check
from .base import Para, ReportContext, TextFinding, at, pct, span, wan
from .quantities import Quantity


def _of(para: Para, role: str) -> list[Quantity]:
    return [q for q in para.quantities if q.role == role and (q.money or role == "adjust_rate")]


@check("T04", ERROR, "报告中预算调整数前后不符", "{what}：报告写 {stated}，按{how}应为 {expected}")
def adjustment(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        initial = _of(para, "budget_initial")
        inc, dec = _of(para, "increase"), _of(para, "decrease")
        if not initial or not (inc or dec):
            continue
        i = initial[0]
        up = inc[0].value if inc else 0.0
        down = dec[0].value if dec else 0.0
        slack = i.half_unit + sum(q.half_unit for q in inc[:1] + dec[:1])
        how = f"年初 {wan(i.value)}" + (f" + 调增 {wan(up)}" if inc else "") + (f" − 调减 {wan(down)}" if dec else "")
        changed = [q for q in _of(para, "budget_full") if q.start > i.start and "调整后" in q.keyword]
        for full in changed[:1]:
            want = i.value + up - down
            if not full.fits(want) and abs(full.value - want) > slack + full.half_unit:
                yield at("T04", para, *span(i, full), what="调整后预算", stated=wan(full.value),
                         how=how, expected=wan(want))
        for rate in _of(para, "adjust_rate")[:1]:
            if i.value and not rate.fits((up - down) / i.value * 100):
                yield at("T04", para, *span(i, rate), what="预算调整率", stated=f"{rate.printed:g}%",
                         how=f"（{'调增 ' + wan(up) if inc else ''}{' − 调减 ' + wan(down) if dec else ''}）÷ 年初 {wan(i.value)}",
                         expected=pct((up - down) / i.value * 100))


CHECKS = (adjustment,)
