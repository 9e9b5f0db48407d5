"""S13–S15 — 完成率: forms that print each indicator's 完成率 and score by it (layout C).

Silent on forms without a typed 完成率, so they apply wherever a layout has
that column.
"""

from __future__ import annotations

from ..calc import same_measure
from ..numbers import matches_at_precision
from .base import ERROR, HINT, WARNING, Context, Finding, check

_EPS = 0.005
_CEILING = ("<=", "<")


def _rated_rows(ctx: Context):
    """Rows with a readable 完成率, other than the 预算执行率 row (S01/S02 judge that)."""
    for row in ctx.calc.rows:
        if row.rate.status == "ok" and row.index != ctx.calc.exec_row and not row.not_applicable:
            yield row


def _name(ctx: Context, row) -> str:
    return ctx.form.indicators[row.index].level3.strip()


@check(
    "S13", ERROR, "自评得分与权重×完成率不符",
    "指标「{name}」权重 {points} 分、完成率 {rate}，应得 {points} × {capped:.2f}% = {computed:.2f} 分，"
    "自评得分却为 {score}。",
)
def s13_score_by_rate(ctx: Context):
    """得分 = 权重 × min(完成率, 100 %), at the typed score's precision."""
    for row in _rated_rows(ctx):
        if row.points.status != "ok" or row.score.status != "ok":
            continue
        capped = min(row.rate.value, 100.0)
        computed = row.points.value * capped / 100
        if not matches_at_precision(row.score.value, row.score.decimals, computed):
            i = row.index
            yield Finding(
                "S13", (f"indicators[{i}].score", f"indicators[{i}].rate", f"indicators[{i}].points"),
                {"name": _name(ctx, row), "points": row.points.text, "rate": row.rate.text,
                 "capped": capped, "computed": computed, "score": row.score.text},
            )


@check(
    "S14", HINT, "达到目标的逆向指标按完成率扣了分",
    "指标「{name}」目标 {target}、实际 {actual}，已达到目标；按逆向指标的规则应得满分 {points} 分，"
    "本表按完成率 {rate} 计 {score} 分。两种计分口径不同，请按本地规定核对。",
)
def s14_ceiling_scored_as_rate(ctx: Context):
    """A met ceiling target (≤ x) scored points × 完成率: a convention difference, not an error."""
    for row in _rated_rows(ctx):
        if row.target.op not in _CEILING or row.met is not True:
            continue
        if row.points.status != "ok" or row.score.status != "ok":
            continue
        if row.score.value < row.points.value - _EPS and row.rate.value < 100:
            i = row.index
            yield Finding(
                "S14", (f"indicators[{i}].score", f"indicators[{i}].target", f"indicators[{i}].actual"),
                {"name": _name(ctx, row), "target": row.target.text, "actual": row.actual.text,
                 "points": row.points.text, "rate": row.rate.text, "score": row.score.text},
            )


@check(
    "S15", WARNING, "完成率与实际完成值÷预期指标值不符",
    "指标「{name}」实际 {actual} ÷ 目标 {target} = {computed:.2f}%，完成率却填 {rate}。",
)
def s15_rate(ctx: Context):
    """For targets to reach (≥, >, =, a bare figure); a rate capped at 100 % is accepted too."""
    for row in _rated_rows(ctx):
        t, a = row.target, row.actual
        if not row.quantitative or t.op in _CEILING or not t.value or t.value < 0:
            continue
        if a.kind != "number" or a.value is None or not same_measure(t, a):
            continue
        computed = a.value / t.value * 100
        if not any(matches_at_precision(row.rate.value, row.rate.decimals, x)
                   for x in (computed, min(computed, 100.0))):
            i = row.index
            yield Finding(
                "S15", (f"indicators[{i}].rate", f"indicators[{i}].actual", f"indicators[{i}].target"),
                {"name": _name(ctx, row), "actual": a.text, "target": t.text,
                 "computed": computed, "rate": row.rate.text},
            )
