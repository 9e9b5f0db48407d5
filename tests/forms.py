"""Small builders for check and calc tests.

``make_form()`` returns a filled, self-consistent layout-A form that triggers
no finding at all (each check file asserts this).  Tests change it with a dict
whose keys are either ``make_form`` keywords (``budget``, ``rows`` …), cell
addresses (``money.progress``, ``indicators[4].score``) or run options
(``finalising``, ``score_cap_by_rate``, ``year``, ``money_unit``).

Row tuples are ``(一级, 二级, 三级, 预期指标值, 实际完成值, 分值, 自评得分[, 偏差原因])``.
"""

from __future__ import annotations

from perfdesk.checks import evaluate
from perfdesk.model import (
    DepartmentFile,
    Form,
    Goal,
    Indicator,
    Money,
    MoneyLine,
    Settings,
    set_cell,
)

# Budget 100, executed 95: 执行率 95 %, 预算执行率 score 9.5, 总分 99.5 (优).
ROWS = (
    ("产出指标（50）", "数量指标", "培训人数", "≥100人", "110人", "", "30"),
    ("", "质量指标", "培训合格率", "≥90%", "95%", "", "20"),
    ("效益指标（30）", "社会效益指标", "培训后就业率", "≥80%", "85%", "", "30"),
    ("满意度指标（10）", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "", "10"),
    ("预算执行率（10）", "预算执行率", "预算执行率", "100%", "95%", "", "9.5"),
)
EXEC = 4  # index of the 预算执行率 row in ROWS

# The same table with a 分值 column (as layout B prints it); the 预算执行率 row lost
# half a point, so it carries a 偏差原因.
ROWS_WITH_POINTS = (
    ("产出指标（50）", "数量指标", "培训人数", "≥100人", "110人", "30", "30"),
    ("", "质量指标", "培训合格率", "≥90%", "95%", "20", "20"),
    ("效益指标（30）", "社会效益指标", "培训后就业率", "≥80%", "85%", "30", "30"),
    ("满意度指标（10）", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10"),
    ("预算执行率（10）", "预算执行率", "预算执行率", "100%", "95%", "10", "9.5",
     "年末有5万元尚未支付，下一年度加快支付进度"),
)

RUN_OPTIONS = ("finalising", "score_cap_by_rate", "year", "money_unit")


def make_form(
    *,
    layout: str = "A",
    project: str = "就业培训补助资金",
    unit: str = "某某区人力资源和社会保障局",
    budget: str = "100",
    arrived: str = "100",
    executed: str = "95",
    progress: str = "95%",
    goals=(("组织职业技能培训100人", "完成职业技能培训110人，共支出95万元"),),
    completion: str = "100%",
    rows=ROWS,
    total: str = "",
    grade: str = "",
    problems: str = "",
    filler: str = "张三",
    phone: str = "0851-86812345",
) -> Form:
    return Form(
        layout=layout,
        project=project,
        unit=unit,
        money=Money(
            budget=MoneyLine(total=budget),
            arrived=MoneyLine(total=arrived),
            executed=MoneyLine(total=executed),
            progress=progress,
        ),
        goals=[Goal(t, r) for t, r in goals],
        completion=completion,
        indicators=[_indicator(r) for r in rows],
        total_score=total,
        grade=grade,
        problems=problems,
        filler=filler,
        phone=phone,
    )


def _indicator(row) -> Indicator:
    if isinstance(row, Indicator):
        return row
    level1, level2, level3, target, actual, points, score, *rest = row
    return Indicator(
        level1=level1, level2=level2, level3=level3, target=target, actual=actual,
        points=points, score=score, deviation=rest[0] if rest else "",
    )


def row(i: int, **fields) -> dict:
    """Changes to indicator row ``i``: ``row(1, target="≥5人")``."""
    return {f"indicators[{i}].{k}": v for k, v in fields.items()}


def at_rate(executed: str, score: str | None = None) -> dict:
    """Changes for a budget of 100 with ``executed`` spent, kept consistent:
    预算执行进度, the 预算执行率 row's 实际完成值 and its score follow."""
    rate = float(executed)
    return {
        "executed": executed,
        "progress": f"{rate:g}%",
        "goals": (("组织职业技能培训100人", f"完成职业技能培训110人，共支出{executed}万元"),),
        **row(EXEC, actual=f"{rate:g}%", score=score if score is not None else f"{rate / 10:g}"),
    }


def build(changes: dict | None = None) -> tuple[Form, dict]:
    """The baseline form with ``changes`` applied, and the run options."""
    changes = dict(changes or {})
    options = {k: changes.pop(k) for k in RUN_OPTIONS if k in changes}
    cells = {k: changes.pop(k) for k in list(changes) if "." in k or "[" in k}
    form = make_form(**changes)
    for address, value in cells.items():
        set_cell(form, address, value)
    return form, options


def run(form: Form, *, finalising: bool = False, score_cap_by_rate: bool = False,
        year: str = "2020", money_unit: str = "万元"):
    dfile = DepartmentFile(
        department="某某区人力资源和社会保障局",
        year=year,
        money_unit=money_unit,
        settings=Settings(score_cap_by_rate=score_cap_by_rate, finalising=finalising),
    )
    return evaluate(form, dfile).findings


def findings(changes: dict | None = None):
    form, options = build(changes)
    return form, run(form, **options)


def wrong_severities(changes: dict, severities: dict[str, str]) -> list[tuple[str, str]]:
    """(code, severity) of each finding whose severity is not the catalogue's."""
    _, fs = findings(changes)
    return [(f.code, f.severity) for f in fs if f.code in severities and f.severity != severities[f.code]]


def found(fs, area: str = "") -> set[tuple[str, tuple[str, ...]]]:
    return {(f.code, f.cells) for f in fs if f.code.startswith(area)}


def one(fs, code: str):
    """The single finding with ``code``."""
    hits = [f for f in fs if f.code == code]
    assert len(hits) == 1, hits
    return hits[0]
