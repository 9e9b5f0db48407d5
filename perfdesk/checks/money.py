"""B — 预算执行情况: the money block."""

from __future__ import annotations

from ..model import Money, MoneyLine
from ..numbers import matches_at_precision
from .base import Context, Finding

_TOLERANCE = 1e-6


def b01_progress(ctx: Context):
    c = ctx.calc
    if c.execution_rate is None or c.progress.status != "ok":
        return
    if not matches_at_precision(c.progress.value, c.progress.decimals, c.execution_rate):
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


def b02_parts(ctx: Context):
    for column in Money.COLUMNS:
        total = ctx.calc.amounts[f"money.{column}.total"]
        if total.status != "ok":
            continue
        parts = [
            (f"money.{column}.{p}", ctx.calc.amounts[f"money.{column}.{p}"]) for p in MoneyLine.PARTS
        ]
        filled = [(a, n) for a, n in parts if n.status == "ok"]
        if not filled:
            continue
        parts_sum = sum(n.value for _, n in filled)
        if abs(parts_sum - total.value) > _TOLERANCE:
            yield Finding(
                "B02",
                (f"money.{column}.total", *(a for a, _ in filled)),
                {"column": column, "total": total.text, "parts_sum": parts_sum},
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


def b04_no_budget(ctx: Context):
    budget = ctx.calc.amounts["money.budget.total"]
    executed = ctx.calc.amount("money.executed.total")
    # An unreadable or negative 预算数 is B05's, not "blank or 0".
    no_budget = budget.status == "blank" or (budget.status == "ok" and budget.value == 0)
    if executed is not None and executed > 0 and no_budget:
        yield Finding(
            "B04",
            ("money.budget.total", "money.executed.total"),
            {"budget": ctx.form.money.budget.total, "executed": executed},
        )


def b05_unreadable(ctx: Context):
    for address, n in ctx.calc.amounts.items():
        if n.status == "unreadable" or (n.status == "ok" and n.value < 0):
            yield Finding("B05", (address,), {"typed": n.text, "negative": n.status == "ok"})
    if ctx.calc.progress.status == "unreadable":
        yield Finding("B05", ("money.progress",), {"typed": ctx.calc.progress.text, "negative": False})


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
