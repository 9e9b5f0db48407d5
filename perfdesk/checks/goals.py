"""G — 目标完成情况: the goals and what the text says was spent."""

from __future__ import annotations

import re

from ..numbers import read_amount, read_percent
from .base import ERROR, WARNING, Context, Finding, check

# "共支出2.96478万元", "拨付“雨露计划”扶贫资金3万元", "发放补贴24720元"
_SPENT = re.compile(
    r"(?:支出|执行|使用|拨付|发放|支付|花费|用于)[^。；;，,0-9０-９]{0,16}?"
    r"([0-9０-９][0-9０-９,，.．]*)\s*(万元|元)"
)
_PART_NAMES = ("total", "fiscal", "carryover", "other")


@check(
    "G01", WARNING, "总体完成率100%但有指标未完成或执行率低于60%",
    "总体完成率填 {typed}，但{why}。",
)
def g01_completion(ctx: Context):
    done = read_percent(ctx.form.completion)
    if done.status != "ok" or done.value < 100:
        return
    c = ctx.calc
    missed = [r for r in c.rows if r.index != c.exec_row and r.quantitative and r.met is False]
    low_rate = c.execution_rate is not None and c.execution_rate < 60
    if missed or low_rate:
        cells = ["completion"] + [f"indicators[{r.index}].actual" for r in missed]
        if low_rate:
            cells.append("money.executed.total")
        yield Finding(
            "G01",
            tuple(cells),
            {"typed": ctx.form.completion, "missed": len(missed),
             "rate": c.execution_rate if low_rate else None},
        )


@check(
    "G02", ERROR, "具体完成情况所述支出金额与执行数不符",
    "具体完成情况写「{said}」，与执行数（合计或其中各项）都不符；执行数为 {executed}。",
)
def g02_spent_amount(ctx: Context):
    executed = [
        ctx.calc.amount(f"money.executed.{p}") for p in _PART_NAMES
    ]
    executed = [e for e in executed if e is not None]
    if not executed:
        return
    for i, goal in enumerate(ctx.form.goals):
        for m in _SPENT.finditer(goal.result):
            said = read_amount(m.group(1) + m.group(2), ctx.money_unit)
            if said.status != "ok":
                continue
            if not any(_same_amount(said.value, said.decimals, m.group(2), ctx.money_unit, e) for e in executed):
                yield Finding(
                    "G02",
                    (f"goals[{i}].result", "money.executed.total"),
                    {"said": m.group(0), "amount": said.value, "executed": ctx.form.money.executed.total},
                )


def _same_amount(said: float, decimals: int, unit: str, money_unit: str, executed: float) -> bool:
    """Does the text's figure equal the executed amount at the precision it was written?"""
    step = 10.0**-decimals
    if unit != money_unit:  # written in the other unit: compare in the unit it was written in
        step = step * (0.0001 if unit == "元" else 10000)
    return abs(said - executed) <= step / 2 + 1e-9


@check(
    "G03", WARNING, "具体完成情况为空",
    "已填年度预期目标，具体完成情况却为空。",
)
def g03_result_blank(ctx: Context):
    for i, goal in enumerate(ctx.form.goals):
        if goal.target.strip() and not goal.result.strip():
            yield Finding("G03", (f"goals[{i}].result",), {})


@g01_completion.phrase
def _g01_words(a, label):
    why = []
    if a.get("missed"):
        why.append(f"有 {a['missed']} 项量化指标未达到目标")
    if a.get("rate") is not None:
        why.append(f"执行率只有 {a['rate']:.2f}%")
    return {"why": "，".join(why)}
