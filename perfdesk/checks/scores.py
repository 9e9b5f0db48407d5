"""S — 评分: self-scores, subtotals, 总分 and 评价等级."""

from __future__ import annotations

from ..calc import grade_of, normalise_grade
from .base import ERROR, HINT, WARNING, Context, Finding, check, figure
from .money import rate_matches

_EPS = 0.005
# Provinces that cap 总分 by 执行率: (rate below, cap).
SCORE_CAPS = ((50, 59), (60, 69), (70, 79), (80, 89))


def _exec_row(ctx: Context):
    return None if ctx.calc.exec_row is None else ctx.calc.rows[ctx.calc.exec_row]


@check(
    "S01", ERROR, "预算执行率得分超过按执行率应得分",
    "预算执行率自评得分填 {typed}，但执行率为 {rate:.2f}%，最多应得 {weight} × {capped:.2f}% = {computed:.2f} 分。",
)
def s01_exec_score(ctx: Context):
    row, c = _exec_row(ctx), ctx.calc
    if row is None or c.exec_score is None or row.score.status != "ok":
        return
    if row.score.value > c.exec_score + 0.5:
        yield Finding(
            "S01",
            (f"indicators[{row.index}].score", "money.executed.total", "money.budget.total"),
            {"typed": row.score.text, "computed": c.exec_score, "rate": c.execution_rate,
             "weight": c.exec_weight},
        )


@check(
    "S02", ERROR, "预算执行率实际完成值与计算执行率不符",
    "预算执行率的实际完成值填 {typed}，但执行数 ÷ 预算数 = {computed:.2f}%。",
)
def s02_exec_actual(ctx: Context):
    row, c = _exec_row(ctx), ctx.calc
    if row is None or c.execution_rate is None or row.actual.kind != "number":
        return
    if not rate_matches(row.actual.value, row.actual.decimals, row.actual.unit, c.execution_rate):
        yield Finding(
            "S02",
            (f"indicators[{row.index}].actual", "money.executed.total", "money.budget.total"),
            {"typed": row.actual.text, "computed": c.execution_rate},
        )


@check(
    "S03", ERROR, "一级指标下得分之和超过其权重",
    "{level1}各项得分合计 {subtotal} 分，超过其权重 {weight} 分。",
)
def s03_subtotal(ctx: Context):
    for group in ctx.calc.groups.values():
        if group.name not in ctx.layout.default_weights() and not group.printed:
            continue
        if group.subtotal > group.weight_value + _EPS:
            cells = [f"indicators[{i}].score" for i in group.rows]
            if group.weight_cell:
                cells.insert(0, group.weight_cell)
            yield Finding(
                "S03",
                tuple(cells),
                {"level1": group.name, "subtotal": group.subtotal, "weight": group.weight_value},
            )


@check(
    "S04", ERROR, "总分与各项得分之和不符",
    "总分填 {typed}，但各项自评得分合计为 {computed} 分。",
)
def s04_total(ctx: Context):
    c = ctx.calc
    if c.typed_total.status == "blank":
        return
    if c.typed_total.status != "ok" or abs(c.typed_total.value - c.total) > _EPS:
        yield Finding("S04", ("total_score",), {"typed": c.typed_total.text, "computed": c.total})


@check(
    "S05", ERROR, "评价等级与总分不符",
    "评价等级填「{typed}」，但总分 {total} 分对应的等级是「{computed}」（≥90 优，≥80 良，≥60 中，其余差）。",
)
def s05_grade(ctx: Context):
    typed = ctx.form.grade.strip()
    if not typed:
        return
    c = ctx.calc
    total = c.typed_total.value if c.typed_total.status == "ok" else c.total
    if normalise_grade(typed) != grade_of(total):
        yield Finding(
            "S05", ("grade", "total_score"), {"typed": typed, "total": total, "computed": grade_of(total)}
        )


@check(
    "S06", ERROR, "自评得分不是数字或为负数",
    "{cell}「{typed}」不是有效的分数（应为不小于 0 的数字）。",
)
def s06_score_number(ctx: Context):
    for row in ctx.calc.rows:
        s = row.score
        if s.status == "unreadable" or (s.status == "ok" and s.value < 0):
            yield Finding("S06", (f"indicators[{row.index}].score",), {"typed": s.text})


@check(
    "S07", ERROR, "自评得分超过分值",
    "{cell}填 {typed}，超过该行分值 {points} 分。",
)
def s07_over_points(ctx: Context):
    for row in ctx.calc.rows:
        if row.points.status == "ok" and row.score.status == "ok":
            if row.score.value > row.points.value + _EPS:
                yield Finding(
                    "S07",
                    (f"indicators[{row.index}].score", f"indicators[{row.index}].points"),
                    {"typed": row.score.text, "points": row.points.value},
                )


@check(
    "S08", WARNING, "未完成指标却得满分",
    "指标未达到目标（目标 {target}，实际 {actual}），却得满分 {score}{suggestion}。",
)
def s08_missed_full(ctx: Context):
    for row in ctx.calc.rows:
        if row.index == ctx.calc.exec_row or not row.quantitative or row.met is not False:
            continue
        if row.points.status == "ok" and row.score.status == "ok":
            if row.score.value >= row.points.value - _EPS:
                yield Finding(
                    "S08",
                    (f"indicators[{row.index}].score", f"indicators[{row.index}].actual",
                     f"indicators[{row.index}].target"),
                    {"target": row.target.text, "actual": row.actual.text,
                     "score": row.score.text, "suggested": row.suggested[0] if row.suggested else None},
                )


@check(
    "S09", WARNING, "一级指标权重不是50/30/10/10或合计不为100",
    "一级指标权重为 {weights}（合计 {total}），通常为 产出50、效益30、满意度10、预算执行率10，合计100。",
)
def s09_weights(ctx: Context):
    groups = [g for g in ctx.calc.groups.values() if g.printed]
    if not groups:
        return
    defaults = ctx.layout.default_weights()
    if not defaults:  # a layout without an indicator tree (C) weighs each row instead
        return
    known = [g for g in ctx.calc.groups.values() if g.name in defaults]
    total = sum(g.weight_value for g in known)
    unusual = [g for g in known if abs(g.weight_value - defaults[g.name]) > _EPS]
    # With a 一级 missing (I02) the sum cannot be judged.
    if unusual or (len(known) == len(defaults) and abs(total - 100) > _EPS):
        yield Finding(
            "S09",
            tuple(g.weight_cell for g in groups if g.weight_cell),
            {"weights": "、".join(f"{g.name}{g.weight_value:g}" for g in known), "total": total},
        )


@check(
    "S10", WARNING, "扣分指标未填偏差原因",
    "{cell}为空：该指标扣了分或未达目标，请填写偏差原因分析及改进措施。",
)
def s10_deviation(ctx: Context):
    if not ctx.layout.always_prints("deviation"):
        return
    for row in ctx.calc.rows:
        if ctx.layout.money.scored and row.index == ctx.calc.exec_row:
            continue  # printed in the money block, which has no 偏差原因
        lost = row.met is False or (
            row.points.status == "ok" and row.score.status == "ok"
            and row.score.value < row.points.value - _EPS
        )
        if lost and not ctx.form.indicators[row.index].deviation.strip():
            yield Finding("S10", (f"indicators[{row.index}].deviation",), {})


@check(
    "S11", WARNING, "定性指标得分不在档次范围内",
    "定性指标实际完成为「{actual}」（{outcome}），得分 {score} 不在 {lo}–{hi} 分的档次内。",
)
def s11_tier(ctx: Context):
    for row in ctx.calc.rows:
        if row.actual.kind != "qualitative" or row.suggested is None or row.score.status != "ok":
            continue
        if row.index == ctx.calc.exec_row:  # judged by 执行率 (S01), not by a tier
            continue
        lo, hi = row.suggested
        if not lo - _EPS <= row.score.value <= hi + _EPS:
            yield Finding(
                "S11",
                (f"indicators[{row.index}].score", f"indicators[{row.index}].actual"),
                {"actual": row.actual.text, "outcome": row.actual.outcome,
                 "score": row.score.text, "lo": lo, "hi": hi},
            )


@check(
    "S12", HINT, "总分超过按执行率设定的上限",
    "执行率 {rate:.2f}%，按本省规定总分不应超过 {cap} 分，现为 {total} 分。",
)
def s12_cap(ctx: Context):
    c = ctx.calc
    if not ctx.settings.score_cap_by_rate or c.execution_rate is None:
        return
    total = c.typed_total.value if c.typed_total.status == "ok" else c.total
    for below, cap in SCORE_CAPS:
        if c.execution_rate < below:
            if total > cap + _EPS:
                yield Finding(
                    "S12",
                    ("total_score", "money.executed.total", "money.budget.total"),
                    {"total": total, "cap": cap, "rate": c.execution_rate},
                )
            return


@s01_exec_score.phrase
def _s01_words(a, label):
    return {"capped": min(a["rate"], 100.0)}


@s08_missed_full.phrase
def _s08_words(a, label):
    s = a.get("suggested")
    return {"suggestion": f"；按规则应得约 {figure(s)} 分" if s is not None else ""}
