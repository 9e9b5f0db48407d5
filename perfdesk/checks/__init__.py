"""The check catalogue (checks.md): an explicit registry and the runner."""

from __future__ import annotations

from ..calc import Calculation, calculate
from ..model import DepartmentFile, Form, Settings
from ..newyear import match_form
from . import completeness as c
from . import goals as g
from . import indicators as i
from . import money as b
from . import scores as s
from . import years as y
from .base import ERROR, HINT, SEVERITY_ORDER, WARNING, Check, Context, Finding

__all__ = ["CHECKS", "BY_CODE", "Evaluation", "evaluate", "run_checks", "Finding", "ERROR", "WARNING", "HINT"]

CHECKS: tuple[Check, ...] = (
    Check("B01", ERROR, "预算执行进度与执行数÷预算数不符", b.b01_progress),
    Check("B02", ERROR, "其中各项之和与合计不符", b.b02_parts),
    Check("B03", WARNING, "执行数大于到位数，或到位数大于预算数", b.b03_order),
    Check("B04", ERROR, "预算数为空或为0而执行数大于0", b.b04_no_budget),
    Check("B05", ERROR, "金额为负数或无法识别", b.b05_unreadable),
    Check("B06", WARNING, "金额单位（元/万元）填错", b.b06_unit),
    Check("S01", ERROR, "预算执行率得分超过按执行率应得分", s.s01_exec_score),
    Check("S02", ERROR, "预算执行率实际完成值与计算执行率不符", s.s02_exec_actual),
    Check("S03", ERROR, "一级指标下得分之和超过其权重", s.s03_subtotal),
    Check("S04", ERROR, "总分与各项得分之和不符", s.s04_total),
    Check("S05", ERROR, "评价等级与总分不符", s.s05_grade),
    Check("S06", ERROR, "自评得分不是数字或为负数", s.s06_score_number),
    Check("S07", ERROR, "自评得分超过分值", s.s07_over_points),
    Check("S08", WARNING, "未完成指标却得满分", s.s08_missed_full),
    Check("S09", WARNING, "一级指标权重不是50/30/10/10或合计不为100", s.s09_weights),
    Check("S10", WARNING, "扣分指标未填偏差原因", s.s10_deviation),
    Check("S11", WARNING, "定性指标得分不在档次范围内", s.s11_tier),
    Check("S12", HINT, "总分超过按执行率设定的上限", s.s12_cap),
    Check("I01", ERROR, "二级指标不属于所在一级指标", i.i01_level2_parent),
    Check("I02", WARNING, "缺少一级指标", i.i02_missing_level1),
    Check("I03", WARNING, "预期指标值为空或无法识别", i.i03_target_unreadable),
    Check("I04", WARNING, "指标值与指标名称的单位不一致", i.i04_units),
    Check("I05", HINT, "实际完成值超出目标20%以上", i.i05_target_low),
    Check("I06", HINT, "满意度目标为100%或以上", i.i06_satisfaction_100),
    Check("I07", WARNING, "实际完成值为空", i.i07_actual_blank),
    Check("I08", WARNING, "成本指标设了下限而非上限", i.i08_cost_floor),
    Check("I09", WARNING, "单元格中留有模板说明或占位符", i.i09_placeholder),
    Check("G01", WARNING, "总体完成率100%但有指标未完成或执行率低于60%", g.g01_completion),
    Check("G02", ERROR, "具体完成情况所述支出金额与执行数不符", g.g02_spent_amount),
    Check("G03", WARNING, "具体完成情况为空", g.g03_result_blank),
    Check("C01", WARNING, "必填项为空", c.c01_required),
    Check("C02", WARNING, "执行率低或指标未完成但未填存在问题", c.c02_problems),
    Check("C03", HINT, "联系电话格式不对", c.c03_phone),
    Check("Y01", HINT, "指标目标比上年放宽", y.y01_target_lower),
    Check("Y02", HINT, "上年有的指标今年没有了", y.y02_indicator_gone),
)
BY_CODE = {check.code: check for check in CHECKS}


def run_checks(form: Form, calc: Calculation, settings: Settings, year: str,
               money_unit: str = "万元", last_year: Form | None = None) -> list[Finding]:
    """All findings on one form, 错误 first, explained notes attached.

    ``last_year`` is last year's form of the same project, for the Y checks."""
    ctx = Context(form, calc, settings, year, money_unit, last_year)
    findings = []
    for check in CHECKS:
        for f in check.run(ctx):
            f.severity = f.severity or check.severity
            if f.severity != ERROR and form.explanations:
                explanation = form.explanation_for(f.code, f.cells)
                f.explained = explanation.note if explanation else None
            findings.append(f)
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


class Evaluation:
    """A form's arithmetic and findings, computed together."""

    __slots__ = ("calc", "findings")

    def __init__(self, calc: Calculation, findings: list[Finding]):
        self.calc = calc
        self.findings = findings

    def count(self, severity: str, include_explained: bool = False) -> int:
        return sum(
            1 for f in self.findings
            if f.severity == severity and (include_explained or f.explained is None)
        )


def evaluate(form: Form, dfile: DepartmentFile, last_year: DepartmentFile | None = None) -> Evaluation:
    """Arithmetic and findings; ``last_year`` (last year's file) enables the Y checks."""
    calc = calculate(form, dfile.money_unit)
    last = match_form(form, last_year) if last_year is not None else None
    return Evaluation(
        calc, run_checks(form, calc, dfile.settings, dfile.year, dfile.money_unit, last)
    )
