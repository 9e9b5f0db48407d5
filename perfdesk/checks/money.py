"""B — 预算执行情况: the money block."""

from __future__ import annotations

import re

from .. import layouts
from ..numbers import matches_at_precision, read_amount
from .base import ERROR, WARNING, Context, Finding, check

_TOLERANCE = 1e-6


def rate_matches(value: float, decimals: int, unit: str, rate: float) -> bool:
    """A typed 执行率 against the computed percent: ``86%``/``86`` as a percent, or a bare
    fraction with decimals (``0.86``, ``1.00``), as some provinces print it."""
    if matches_at_precision(value, decimals, rate):
        return True
    return unit != "%" and decimals > 0 and 0 <= value <= 1.5 and matches_at_precision(
        value, decimals, rate / 100)


# 人均, 每人, 标准 …: a per-head or per-item amount in 元, never a share of the budget.
_PER_UNIT = re.compile(r"人均|每[人户名次月年亩件所校]|单价|标准|单位成本|/[人户名月年亩件次]")


@check(
    "B01", ERROR, "预算执行进度与执行数÷预算数不符",
    "预算执行进度填 {typed}，但执行数 {executed} ÷ 预算数 {budget} = {computed:.2f}%，应填 {computed:.2f}%。",
)
def b01_progress(ctx: Context):
    c = ctx.calc
    if c.execution_rate is None or c.progress.status != "ok":
        return
    if not rate_matches(c.progress.value, c.progress.decimals, c.progress.unit, c.execution_rate):
        yield Finding(
            "B01",
            ("money.progress", "money.executed.total", "money.budget.total"),
            {
                "typed": ctx.form.money.progress,
                "computed": c.execution_rate,
                "executed": ctx.form.money.executed.total,
                "budget": ctx.form.money.budget.total,
            },
        )


@check(
    "B02", ERROR, "其中各项之和与合计不符",
    "{column}：其中各项之和为 {parts_sum}，与合计 {total} 不符。",
)
def b02_parts(ctx: Context):
    money = layouts.get(ctx.form.layout).money
    amounts = ctx.calc.amounts
    for column in money.columns:
        for whole in money.rows:
            parts = money.parts_of(whole.key)
            if not parts:
                continue
            total = amounts[f"money.{column.key}.{whole.key}"]
            if total.status != "ok":
                continue
            filled = [(a, amounts[a]) for a in (f"money.{column.key}.{r.key}" for r in parts)
                      if amounts[a].status == "ok"]
            if not filled:
                continue
            parts_sum = sum(n.value for _, n in filled)
            if abs(parts_sum - total.value) > _TOLERANCE:
                yield Finding(
                    "B02",
                    (f"money.{column.key}.{whole.key}", *(a for a, _ in filled)),
                    {"column": column.key, "row": whole.key, "total": total.text, "parts_sum": parts_sum},
                )


@check(
    "B03", WARNING, "执行数大于到位数，或到位数大于预算数",
    "{higher} {hi} 大于 {lower} {lo}，请核对。",
)
def b03_order(ctx: Context):
    for higher, lower in (("executed", "arrived"), ("arrived", "budget")):
        hi = ctx.calc.amount(f"money.{higher}.total")
        lo = ctx.calc.amount(f"money.{lower}.total")
        if hi is not None and lo is not None and hi > lo + _TOLERANCE:
            yield Finding(
                "B03",
                (f"money.{higher}.total", f"money.{lower}.total"),
                {"higher": higher, "lower": lower, "hi": hi, "lo": lo},
            )


@check(
    "B04", ERROR, "预算数为空或为0而执行数大于0",
    "预算数为「{budget}」，执行数却为 {executed}，无法计算执行率；请填写预算数。",
)
def b04_no_budget(ctx: Context):
    budget = ctx.calc.amounts.get("money.budget.total")
    if budget is None:  # a layout without 预算数
        return
    executed = ctx.calc.amount("money.executed.total")
    # An unreadable or negative 预算数 is B05's, not "blank or 0".
    no_budget = budget.status == "blank" or (budget.status == "ok" and budget.value == 0)
    if executed is not None and executed > 0 and no_budget:
        yield Finding(
            "B04",
            ("money.budget.total", "money.executed.total"),
            {"budget": ctx.form.money.budget.total, "executed": executed},
        )


@check(
    "B05", ERROR, "金额为负数或无法识别",
    "{cell}「{typed}」{problem}。",
)
def b05_unreadable(ctx: Context):
    for address, n in ctx.calc.amounts.items():
        if n.status == "unreadable" or (n.status == "ok" and n.value < 0):
            yield Finding("B05", (address,), {"typed": n.text, "negative": n.status == "ok"})
    if ctx.calc.progress.status == "unreadable":
        yield Finding("B05", ("money.progress",), {"typed": ctx.calc.progress.text, "negative": False})


@check(
    "B06", WARNING, "金额单位（元/万元）填错",
    "{cell}「{typed}」按{unit}计应为 {converted}{unit}，与本表金额单位（{unit}）相差一万倍，请核对单位。",
)
def b06_unit(ctx: Context):
    """Amounts or money targets written in the other unit (元 vs 万元)."""
    other = "元" if ctx.money_unit == "万元" else "万元"
    for address, n in ctx.calc.amounts.items():
        if n.status == "ok" and n.unit == other:
            yield Finding(
                "B06", (address,), {"typed": n.text, "converted": n.value, "unit": ctx.money_unit}
            )
    budget = ctx.calc.amount("money.budget.total")
    if not budget or ctx.money_unit != "万元":
        return
    for row in ctx.calc.rows:
        name = ctx.form.indicators[row.index].level3
        says_yuan = row.target.unit == "元" or "（元）" in name or "(元)" in name
        if _PER_UNIT.search(name) or _PER_UNIT.search(row.target.text):
            continue
        if says_yuan and row.quantitative and row.target.value > budget * 100:
            yield Finding(
                "B06",
                (f"indicators[{row.index}].target", "money.budget.total"),
                {
                    "typed": row.target.text,
                    "converted": row.target.value / 10000,
                    "unit": ctx.money_unit,
                    "name": name,
                },
            )


@b02_parts.phrase
def _b02_words(a, label):
    return {"column": label(f"money.{a['column']}.{a.get('row', 'total')}")}


@b03_order.phrase
def _b03_words(a, label):
    return {"higher": label(f"money.{a['higher']}.total"), "lower": label(f"money.{a['lower']}.total")}


@b05_unreadable.phrase
def _b05_words(a, label):
    return {"problem": "是负数" if a["negative"] else "无法识别为数字（原样保留）"}


@check(
    "B07", ERROR, "年初预算数加调增减调减与全年预算数不符",
    "{row}：年初预算数 {initial} + 调增 {increase} − 调减 {decrease} = {computed}，与全年预算数 {budget} 不符。",
)
def b07_adjusted(ctx: Context):
    """Only where the layout prints 调增/调减 and one of them is filled (a blank one counts as 0)."""
    money = ctx.layout.money
    if not (ctx.layout.has_money("increase") and ctx.layout.has_money("decrease")):
        return
    for row in money.rows:
        cells = [f"money.{c}.{row.key}" for c in ("budget_initial", "increase", "decrease", "budget")]
        initial, increase, decrease, budget = (ctx.calc.amounts[a] for a in cells)
        if initial.status != "ok" or budget.status != "ok":
            continue
        if increase.status != "ok" and decrease.status != "ok":
            continue
        up = increase.value if increase.status == "ok" else 0.0
        down = decrease.value if decrease.status == "ok" else 0.0
        computed = initial.value + up - down
        if abs(computed - budget.value) > _TOLERANCE:
            yield Finding(
                "B07", (cells[3], *cells[:3]),
                {"row": row.label.text.removeprefix("其中："), "initial": initial.text, "increase": increase.text or "0",
                 "decrease": decrease.text or "0", "computed": computed, "budget": budget.text},
            )


@check(
    "B08", ERROR, "调整率与（调增−调减）÷年初预算数不符",
    "调整率填 {typed}，但（调增 {increase} − 调减 {decrease}）÷ 年初预算数 {initial} = {computed:.2f}%。",
)
def b08_adjustment_rate(ctx: Context):
    typed = ctx.calc.adjustment
    initial = ctx.calc.amount("money.budget_initial.total")
    increase = ctx.calc.amount("money.increase.total")
    decrease = ctx.calc.amount("money.decrease.total")
    if typed.status != "ok" or not initial or (increase is None and decrease is None):
        return
    computed = ((increase or 0.0) - (decrease or 0.0)) / initial * 100
    if not matches_at_precision(typed.value, typed.decimals, computed):
        yield Finding(
            "B08",
            ("money.adjustment", "money.increase.total", "money.decrease.total", "money.budget_initial.total"),
            {"typed": typed.text, "computed": computed, "initial": initial,
             "increase": increase or 0, "decrease": decrease or 0},
        )


@check(
    "B09", ERROR, "项目小计与所列项目之和不符",
    "「{group}」{name}的{column} {typed} 与所列 {count} 个项目之和 {computed} 不符。",
)
def b09_project_subtotal(ctx: Context):
    lines = ctx.form.projects
    for i, line in enumerate(lines):
        if not line.subtotal:
            continue
        members = [k for k, x in enumerate(lines) if x.group == line.group and not x.subtotal]
        if not members:  # a group printed by its subtotal alone (结转 …)
            continue
        for column in ("budget", "executed"):
            typed = read_amount(getattr(line, column), ctx.money_unit)
            values = [read_amount(getattr(lines[k], column), ctx.money_unit) for k in members]
            if typed.status != "ok" or any(v.status != "ok" for v in values):
                continue
            computed = sum(v.value for v in values)
            if abs(computed - typed.value) > _TOLERANCE:
                yield Finding(
                    "B09",
                    (f"projects[{i}].{column}", *(f"projects[{k}].{column}" for k in members)),
                    {"group": line.group, "name": line.name, "column": column, "typed": typed.text,
                     "count": len(members), "computed": computed},
                )


@b09_project_subtotal.phrase
def _b09_words(a, label):
    return {"column": "预算数" if a["column"] == "budget" else "执行数"}
