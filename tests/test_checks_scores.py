"""S — 评分 (checks.md): S01–S12, table-driven."""

from __future__ import annotations

import pytest
from forms import (
    EXEC,
    ROWS,
    ROWS_WITH_POINTS,
    at_rate,
    build,
    findings,
    found,
    one,
    row,
    run,
    wrong_severities,
)

from perfdesk.checks import ERROR, HINT, WARNING
from perfdesk.messages import render

S01 = (f"indicators[{EXEC}].score", "money.executed.total", "money.budget.total")
S02 = (f"indicators[{EXEC}].actual", "money.executed.total", "money.budget.total")
S03_OUT = ("indicators[0].level1", "indicators[0].score", "indicators[1].score")
S03_EXEC = (f"indicators[{EXEC}].level1", f"indicators[{EXEC}].score")
S04 = ("total_score",)
S05 = ("grade", "total_score")
S09_ALL = tuple(f"indicators[{i}].level1" for i in (0, 2, 3, 4))
S12 = ("total_score", "money.executed.total", "money.budget.total")
POINTS = {"rows": ROWS_WITH_POINTS}
B = {"layout": "B", "rows": ROWS_WITH_POINTS}
# 劳务派遣人员专项资金: 98.33 of 439 executed, 22.40 %.
SEED_22 = {"budget": "439", "arrived": "439", "executed": "98.33", "progress": "22.4%", "goals": (),
           **row(EXEC, actual="22.4%")}


def _level1(weights) -> dict:
    """Retype the four 一级 cells: ``_level1(("产出指标（40）", …))``."""
    return {f"indicators[{i}].level1": w for i, w in zip((0, 2, 3, 4), weights, strict=True)}


def _scores(*scores) -> dict:
    return {f"indicators[{i}].score": s for i, s in enumerate(scores)}


def test_baseline_has_no_findings_at_all():
    for changes in ({}, POINTS, B, {"total": "99.5", "grade": "优"}):
        _, fs = findings(changes)
        assert fs == [], changes


CASES = [
    # ---- S01 预算执行率 score above weight × min(执行率, 1) + 0.5
    ("S01 at weight×rate", {}, set()),
    ("S01 within the 0.5 slack", row(EXEC, score="10"), set()),
    ("S01 just over the slack (and over the weight: S03)", row(EXEC, score="10.01"),
     {("S01", S01), ("S03", S03_EXEC)}),
    ("S01 seed 劳务派遣: 22.4 % with 10", {**SEED_22, **row(EXEC, score="10")}, {("S01", S01)}),
    ("S01 22.4 %: 2.73 is within 2.2399 + 0.5", {**SEED_22, **row(EXEC, score="2.73")}, set()),
    ("S01 22.4 %: 2.74 is not", {**SEED_22, **row(EXEC, score="2.74")}, {("S01", S01)}),
    ("S01 rate above 100 % caps at the weight",
     {"arrived": "120", "executed": "120", "progress": "120%", **row(EXEC, actual="120%",
                                                                      score="10")},
     set()),
    ("S01 rate above 100 %: 10.6 is too much",
     {"arrived": "120", "executed": "120", "progress": "120%", **row(EXEC, actual="120%",
                                                                      score="10.6")},
     {("S01", S01), ("S03", S03_EXEC)}),
    ("S01 weight 20: 19 is weight × 95 %",
     {**_level1(("产出指标（40）", "效益指标（30）", "满意度指标（10）", "预算执行率（20）")),
      **_scores("20", "20", "30", "10", "19.5")},
     {("S09", S09_ALL)}),
    ("S01 weight 20: 19.6 is too much",
     {**_level1(("产出指标（40）", "效益指标（30）", "满意度指标（10）", "预算执行率（20）")),
      **_scores("20", "20", "30", "10", "19.6")},
     {("S09", S09_ALL), ("S01", S01)}),
    ("S01 no rate, no check", {"budget": "", "arrived": "", **row(EXEC, score="10")}, set()),
    ("S01 unreadable score is S06's", row(EXEC, score="优"),
     {("S06", (f"indicators[{EXEC}].score",))}),
    # ---- S02 预算执行率 实际完成值 vs 执行率 at its precision
    ("S02 bare number is a percent", row(EXEC, actual="95"), set()),
    ("S02 trailing zeros", row(EXEC, actual="95.00%"), set()),
    ("S02 100% vs 95 % fires", row(EXEC, actual="100%"), {("S02", S02)}),
    ("S02 94.99% vs 95 % fires", row(EXEC, actual="94.99%"), {("S02", S02)}),
    ("S02 a fraction with decimals is the rate", row(EXEC, actual="0.95"), set()),
    ("S02 a wrong fraction fires", row(EXEC, actual="0.85"), {("S02", S02)}),
    ("S02 22.40% rounds 22.3986 %", {**SEED_22, **row(EXEC, actual="22.40%", score="2.24")}, set()),
    ("S02 22.39% truncates 22.3986 %", {**SEED_22, **row(EXEC, actual="22.39%", score="2.24")},
     set()),
    ("S02 seed 劳务派遣: 66.55% vs 22.40 %", {**SEED_22, **row(EXEC, actual="66.55%",
                                                              score="2.24")},
     {("S02", S02)}),
    ("S02 words are not checked", row(EXEC, actual="已完成"), set()),
    ("S02 no rate, no check", {"budget": "", "arrived": "", **row(EXEC, actual="100%")}, set()),
    # ---- S03 scores under one 一级 above its weight
    ("S03 产出 exactly 50", _scores("30", "20"), set()),
    ("S03 产出 50.004 is rounding", _scores("30", "20.004"), set()),
    ("S03 产出 50.01 fires", _scores("30", "20.01"), {("S03", S03_OUT)}),
    ("S03 seed 劳务派遣: 25+25+15+15 = 80 > 50",
     {"rows": (("产出指标（50）", "数量指标", "派遣人数", "≥10人", "10人", "", "25"),
               ("", "质量指标", "工资发放及时率", "100%", "100%", "", "25"),
               ("", "时效指标", "按时发放", "按月", "按月", "", "15"),
               ("", "成本指标", "人均费用", "≤3000元", "3000元", "", "15"),
               *ROWS[2:])},
     {("S03", ("indicators[0].level1", "indicators[0].score", "indicators[1].score",
               "indicators[2].score", "indicators[3].score"))}),
    ("S03 a 不适用 row does not count",
     {**_scores("30", "25"), "indicators[1].not_applicable": True}, set()),
    ("S03 weight carried by a custom 一级",
     {**_level1(("产出指标（40）", "效益指标（40）", "满意度指标（10）", "预算执行率（10）")),
      **_scores("30", "20")},
     {("S09", S09_ALL), ("S03", S03_OUT)}),
    ("S03 unknown 一级 with no weight is not judged",
     {"rows": (*ROWS, ("其他指标", "其他", "其他事项", "完成", "完成", "", "5"))}, set()),
    # ---- S04 typed 总分 vs Σ 自评得分
    ("S04 total matches", {"total": "99.5"}, set()),
    ("S04 total with trailing zero and 分", {"total": "99.50分"}, set()),
    ("S04 total off", {"total": "100"}, {("S04", S04)}),
    ("S04 total unreadable", {"total": "优"}, {("S04", S04)}),
    ("S04 blank total not checked", {"total": ""}, set()),
    ("S04 不适用 rescales to 100 (72 of 80 → 90)",
     {**POINTS, **_scores("30", "", "24", "8.5", "9.5"), "indicators[1].not_applicable": True,
      "total": "90"},
     set()),
    ("S04 不适用: the raw sum is not the total",
     {**POINTS, **_scores("30", "", "24", "8.5", "9.5"), "indicators[1].not_applicable": True,
      "total": "72"},
     {("S04", S04)}),
    # ---- S05 评价等级 vs the grade of 总分
    ("S05 优 for 99.5", {"total": "99.5", "grade": "优"}, set()),
    ("S05 优秀 is 优", {"total": "99.5", "grade": "优秀"}, set()),
    ("S05 良 for 99.5", {"total": "99.5", "grade": "良"}, {("S05", S05)}),
    ("S05 seed 被征地农民: 90 with 良", {**_scores("21", "19.5"), "total": "90", "grade": "良"},
     {("S05", S05)}),
    ("S05 90 is 优", {**_scores("21", "19.5"), "total": "90", "grade": "优"}, set()),
    ("S05 80 is 良", {**_scores("11", "19.5"), "total": "80", "grade": "良"}, set()),
    ("S05 80 is not 中", {**_scores("11", "19.5"), "total": "80", "grade": "中"}, {("S05", S05)}),
    ("S05 graded on the computed total when 总分 blank", {"grade": "良"}, {("S05", S05)}),
    ("S05 unknown grade word", {"total": "99.5", "grade": "A"}, {("S05", S05)}),
    ("S05 unreadable 总分: graded on the sum (S04 only)", {"total": "优", "grade": "优"},
     {("S04", S04)}),
    ("S05 blank grade not checked", {"total": "99.5", "grade": ""}, set()),
    # ---- S06 自评得分 not a number or negative
    ("S06 a grade in the score column (seed 被征地农民)", _scores("优"),
     {("S06", ("indicators[0].score",))}),
    ("S06 negative", _scores("-1"), {("S06", ("indicators[0].score",))}),
    ("S06 分 after the figure is fine", _scores("30分"), set()),
    ("S06 full-width figure is fine", _scores("３０"), set()),
    ("S06 blank is not S06", _scores(""), set()),
    # ---- S07 自评得分 above the row's 分值
    ("S07 over 分值", {**POINTS, **row(0, points="25", score="26")},
     {("S07", ("indicators[0].score", "indicators[0].points"))}),
    ("S07 equal to 分值", {**POINTS, **row(0, points="25", score="25")}, set()),
    ("S07 no 分值, no check", row(0, score="26"), set()),
    # ---- S08 quantitative target missed, full 分值
    ("S08 missed with full marks", {**POINTS, **row(0, actual="90人")},
     {("S08", ("indicators[0].score", "indicators[0].actual", "indicators[0].target"))}),
    ("S08 missed, points taken off", {**POINTS, **row(0, actual="90人", score="27")}, set()),
    ("S08 met exactly", {**POINTS, **row(0, actual="100人")}, set()),
    ("S08 reverse target missed", {**POINTS, **row(1, target="≤5%", actual="6%")},
     {("S08", ("indicators[1].score", "indicators[1].actual", "indicators[1].target"))}),
    ("S08 reverse target met", {**POINTS, **row(1, target="≤5%", actual="5%")}, set()),
    ("S08 strict > met only above", {**POINTS, **row(0, target=">100人", actual="100人")},
     {("S08", ("indicators[0].score", "indicators[0].actual", "indicators[0].target"))}),
    ("S08 strict < met only below", {**POINTS, **row(1, target="<5%", actual="5%")},
     {("S08", ("indicators[1].score", "indicators[1].actual", "indicators[1].target"))}),
    ("S08 no 分值, no check", row(0, actual="90人"), set()),
    ("S08 not the 预算执行率 row", {**POINTS, **row(EXEC, score="10")}, set()),
    ("S08 layout B also wants a 偏差原因", {**B, **row(0, actual="90人")},
     {("S08", ("indicators[0].score", "indicators[0].actual", "indicators[0].target")),
      ("S10", ("indicators[0].deviation",))}),
    # ---- S09 weights not 50/30/10/10 or not adding up to 100
    ("S09 changed but adding up to 100",
     {**_level1(("产出指标（40）", "效益指标（40）", "满意度指标（10）", "预算执行率（10）")),
      **_scores("20", "20")},
     {("S09", S09_ALL)}),
    ("S09 default names, adding up to 110",
     _level1(("产出指标（50）", "效益指标（30）", "满意度指标（10）", "预算执行率（20）")),
     {("S09", S09_ALL)}),
    ("S09 written with 分 and full-width figures",
     _level1(("产出指标（５０分）", "效益指标（30分）", "满意度指标（10）", "预算执行率(10)")), set()),
    ("S09 no weights typed",
     _level1(("产出指标", "效益指标", "满意度指标", "预算执行率")), set()),
    ("S09 one weight typed, unusual", {**_level1(("产出指标（60）", "效益指标", "满意度指标",
                                                   "预算执行率"))},
     {("S09", ("indicators[0].level1",))}),
    # ---- S10 lost points with a blank 偏差原因 (layout B)
    ("S10 points lost", {**B, **row(0, score="25")}, {("S10", ("indicators[0].deviation",))}),
    ("S10 points lost, reason given", {**B, **row(0, score="25", deviation="部分学员未按时结业")},
     set()),
    ("S10 only layout B", {**POINTS, **row(0, score="25")}, set()),
    ("S10 target missed without 分值",
     {"layout": "B", **row(0, actual="90人")}, {("S10", ("indicators[0].deviation",))}),
    ("S10 B prints the 预算执行率 row in its money block, which has no 偏差原因",
     {**B, **row(EXEC, deviation="")}, set()),
    ("S10 预算执行率 row lost half a point (layout C: an indicator row like the others)",
     {**B, "layout": "C", **row(EXEC, deviation="")}, {("S10", (f"indicators[{EXEC}].deviation",))}),
    # ---- S11 qualitative score outside its tier
    ("S11 达成 at 80 %", {**POINTS, **row(2, target="是", actual="是", score="24")}, set()),
    ("S11 达成 below 80 %", {**POINTS, **row(2, target="是", actual="是", score="23")},
     {("S11", ("indicators[2].score", "indicators[2].actual"))}),
    ("S11 部分达成 at 80 %", {**POINTS, **row(2, target="完成", actual="基本完成", score="24")},
     set()),
    ("S11 部分达成 above 80 %", {**POINTS, **row(2, target="完成", actual="基本完成", score="25")},
     {("S11", ("indicators[2].score", "indicators[2].actual"))}),
    ("S11 否 scored full", {**POINTS, **row(2, target="是", actual="否", score="30")},
     {("S11", ("indicators[2].score", "indicators[2].actual"))}),
    ("S11 否 at 60 %", {**POINTS, **row(2, target="是", actual="否", score="18")}, set()),
    ("S11 no 分值, no tier", row(2, target="是", actual="否", score="30"), set()),
    ("S11 not the 预算执行率 row (S01 judges it)", row(EXEC, actual="已完成", score="10"), set()),
    # ---- S12 总分 above the 执行率 cap (per province)
    ("S12 off by default", at_rate("75"), set()),
    ("S12 75 %: 97.5 above 89", {**at_rate("75"), "score_cap_by_rate": True}, {("S12", S12)}),
    ("S12 75 %: 89 at the cap",
     {**at_rate("75"), **_scores("21", "20", "30", "10"), **row(EXEC, score="8"),
      "score_cap_by_rate": True},
     set()),
    ("S12 75 %: typed 总分 89.5 above the cap",
     {**at_rate("75"), **_scores("21.5", "20", "30", "10"), **row(EXEC, score="8"),
      "total": "89.5", "score_cap_by_rate": True},
     {("S12", S12)}),
    ("S12 80 % is not capped", {**at_rate("80"), "score_cap_by_rate": True}, set()),
    ("S12 70 % is capped at 89", {**at_rate("70"), "score_cap_by_rate": True}, {("S12", S12)}),
    ("S12 below 50 %: 59",
     {**at_rate("40"), **_scores("10", "5", "30", "10"), "score_cap_by_rate": True},
     set()),
    ("S12 below 50 %: 60 is above 59",
     {**at_rate("40"), **_scores("11", "5", "30", "10"), "score_cap_by_rate": True},
     {("S12", S12)}),
    ("S12 seed 创业扶持资金: 52.73 % with 100 (cap 69)",
     {"budget": "500", "arrived": "500", "executed": "263.65", "progress": "52.73%", "goals": (),
      **row(EXEC, actual="52.73%", score="10"), "total": "100", "score_cap_by_rate": True},
     {("S12", S12), ("S01", S01)}),
    ("S12 52.73 %: 69 at the cap",
     {"budget": "500", "arrived": "500", "executed": "263.65", "progress": "52.73%", "goals": (),
      **row(EXEC, actual="52.73%", score="5.27"), **_scores("20", "10", "25", "8.73"),
      "total": "69", "score_cap_by_rate": True},
     set()),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_score_checks(changes, expected):
    _, fs = findings(changes)
    assert found(fs, "S") == expected


def test_a_missing_group_does_not_make_s09_judge_the_sum():
    _, fs = findings({"rows": ROWS[:2] + ROWS[3:]})  # no 效益指标: I02's business
    assert found(fs, "S") == set()


SEVERITIES = {**dict.fromkeys(("S01", "S02", "S03", "S04", "S05", "S06", "S07"), ERROR),
              **dict.fromkeys(("S08", "S09", "S10", "S11"), WARNING), "S12": HINT}


@pytest.mark.parametrize("changes", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_severities(changes):
    assert not wrong_severities(changes, SEVERITIES)


MESSAGES = [
    ("S01", {**SEED_22, **row(EXEC, score="10")}, ["自评得分填 10", "22.40%", "2.24"]),
    ("S02", {**SEED_22, **row(EXEC, actual="66.55%", score="2.24")}, ["66.55%", "22.40%"]),
    ("S03", _scores("30", "25"), ["产出指标", "55", "50"]),
    ("S04", {"total": "100"}, ["总分填 100", "99.5"]),
    ("S05", {"total": "99.5", "grade": "良"}, ["「良」", "99.5", "「优」"]),
    ("S06", _scores("优"), ["培训人数", "「优」"]),
    ("S07", {**POINTS, **row(0, points="25", score="26")}, ["培训人数", "26", "25"]),
    ("S08", {**POINTS, **row(0, actual="90人")}, ["≥100人", "90人", "满分 30", "27"]),
    ("S09", _level1(("产出指标（40）", "效益指标（40）", "满意度指标（10）", "预算执行率（10）")),
     ["产出指标40", "效益指标40", "合计 100"]),
    ("S10", {**B, **row(0, score="25")}, ["培训人数", "偏差原因"]),
    ("S11", {**POINTS, **row(2, target="是", actual="否", score="30")},
     ["「否」", "未达成", "得分 30", "0–18"]),
    ("S12", {**at_rate("75"), "score_cap_by_rate": True}, ["75.00%", "89", "97.5"]),
]


@pytest.mark.parametrize("code, changes, parts", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages_name_typed_and_correct_figures(code, changes, parts):
    form, fs = findings(changes)
    text = render(one(fs, code), form)
    for part in parts:
        assert part in text, (part, text)


def test_explained_warning_carries_the_note():
    form, options = build({**POINTS, **row(0, actual="90人")})
    cells = ("indicators[0].score", "indicators[0].actual", "indicators[0].target")
    form.explain("S08", cells, "按省厅口径，未达目标部分不扣分")
    s08 = one(run(form, **options), "S08")
    assert s08.severity == WARNING
    assert s08.explained == "按省厅口径，未达目标部分不扣分"


def test_errors_are_never_explained():
    form, options = build({**SEED_22, **row(EXEC, score="10")})
    form.explain("S01", S01, "按实际完成情况自评")
    s01 = one(run(form, **options), "S01")
    assert s01.severity == ERROR
    assert s01.explained is None


def test_s12_hint_can_be_explained():
    form, options = build({**at_rate("75"), "score_cap_by_rate": True})
    form.explain("S12", S12, "本省未执行该规定")
    s12 = one(run(form, **options), "S12")
    assert (s12.severity, s12.explained) == (HINT, "本省未执行该规定")
