"""T05 and T06: a scoring the prose walks through, and the grade given with a score.

T05, in a stated scoring (seed 003: nine indicators, each ``权重分值为 N 分，
自评得分 M 分``, and ``综合得分``): a 得分 above its 权重; a 得分 ≠ 权重 × min(完成率,
100 %) where the paragraph gives the 完成率; Σ 得分 ≠ the 综合得分 that follows;
Σ 权重 ≠ 100.  A score stated alone with an execution rate (``执行率 57.39 %，得
5.74 分``) is the 预算执行率 row: it counts in Σ 得分 either way, and its weight
(得分 ÷ 执行率, 10 as a rule) in Σ 权重.

T06: a 评价等级 (优/优秀, 良/良好, 中, 差) stated in the sentence of its score,
against the bands of form.md (≥ 90 优, ≥ 80 良, ≥ 60 中).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..calc import grade_of, normalise_grade
from ..checks.base import ERROR, check
from .base import Para, ReportContext, TextFinding, at, span
from .quantities import Quantity

MIN_ROWS = 3  # fewer weight/score pairs than this is no stated scoring


@dataclass(frozen=True, slots=True)
class Row:
    para: Para
    weight: Quantity
    score: Quantity
    completion: Quantity | None


def _rows(para: Para) -> list[Row]:
    qs, rows = para.quantities, []
    for w in (q for q in qs if q.role == "weight" and q.unit == "分"):
        s = next((q for q in qs if q.start > w.start and q.role == "score" and q.unit == "分"), None)
        if s is None or any(r.score is s for r in rows):
            continue
        c = next((q for q in reversed(qs) if q.start < w.start and q.role == "completion" and q.unit == "%"), None)
        rows.append(Row(para, w, s, c))
    return rows


def _lone(para: Para, rows: list[Row]) -> list[tuple[Quantity, Quantity | None]]:
    """Scores with no weight before them, each with the execution rate of its sentence."""
    paired = {id(r.score) for r in rows}
    out = []
    for q in para.quantities:
        if q.role == "score" and q.unit == "分" and id(q) not in paired:
            lo, hi = para.sentence_of(q.start)
            rate = next((r for r in para.in_span(lo, q.start) if r.role == "rate" and r.unit == "%"), None)
            out.append((q, rate))
    return out


@check("T05", ERROR, "报告中的评分计算不符", "{what}")
def scoring(ctx: ReportContext) -> Iterator[TextFinding]:
    rows: list[Row] = []
    lone: list[tuple[Quantity, Quantity | None]] = []
    for para in ctx.paras:
        here = _rows(para)
        yield from _row_findings(here)
        rows += here
        lone += _lone(para, here)
        for total in (q for q in para.quantities if q.role == "total_score" and q.unit == "分"):
            if len(rows) >= MIN_ROWS:
                yield from _totals(para, total, rows, lone)
            rows, lone = [], []


def _row_findings(rows: list[Row]) -> Iterator[TextFinding]:
    for r in rows:
        w, s = r.weight.value, r.score.value
        if s > w + r.score.half_unit:
            yield at("T05", r.para, *span(r.weight, r.score),
                     what=f"自评得分 {r.score.printed:g} 分高于其权重 {r.weight.printed:g} 分")
            continue
        if r.completion is None:
            continue
        want = w * min(r.completion.value / 100, 1.0)
        slack = w * r.completion.half_unit / 100 + r.score.half_unit
        if not r.score.fits(want) and abs(s - want) > slack:
            yield at("T05", r.para, *span(r.completion, r.score),
                     what=f"自评得分应为 {want:.2f} 分（权重 {w:g} × 完成率 {min(r.completion.value, 100):g}%），"
                          f"报告写的是 {r.score.printed:g} 分")


def _totals(para: Para, total: Quantity, rows: list[Row], lone) -> Iterator[TextFinding]:
    scores = sum(r.score.value for r in rows)
    extra = sum(q.value for q, _ in lone)
    slack = sum(r.score.half_unit for r in rows) + sum(q.half_unit for q, _ in lone) + total.half_unit
    if not any(total.fits(x) or abs(total.value - x) <= slack for x in (scores, scores + extra)):
        yield at("T05", para, total.start, total.end,
                 what=f"各项自评得分之和为 {scores + extra:g} 分（{len(rows) + len(lone)} 项），"
                      f"报告的综合得分是 {total.printed:g} 分")
    weights = sum(r.weight.value for r in rows)
    implied = sum(round(q.value / (rate.value / 100)) for q, rate in lone if rate is not None and rate.value)
    if abs(weights - 100) > 1e-6 and abs(weights + implied - 100) > 1e-6:
        first = rows[0]
        yield at("T05", first.para, first.weight.start, first.weight.end,
                 what=f"各项权重之和为 {weights + implied:g} 分，应为 100 分")


_GRADE = re.compile(
    r"(?<![全均都])(?:评价等级|评价结果|自评结果|自评等级|评定等级|等级)\s*(?:为|是|：|:)?\s*[“\"「『]?"
    r"(优秀|良好|中等|较差|优|良|中|差)(?![的秀好等])"
)


@check("T06", ERROR, "报告中评价等级与得分不符", "得分 {score} 分应评为「{expected}」，报告写的是「{stated}」")
def grade(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        for m in _GRADE.finditer(para.text):
            lo, hi = para.sentence_of(m.start())
            scores = [q for q in para.in_span(lo, m.start()) if q.role in ("total_score", "score") and q.unit == "分"]
            if not scores:
                continue
            s = scores[-1]
            stated = normalise_grade(m.group(1))
            expected = grade_of(s.value)
            if stated and stated != expected:
                yield at("T06", para, s.start, m.end(), score=f"{s.printed:g}", expected=expected, stated=m.group(1))


CHECKS = (scoring, grade)
