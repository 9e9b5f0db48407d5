"""I — 绩效指标 (checks.md): I01–I09, table-driven."""

from __future__ import annotations

import pytest
from forms import EXEC, ROWS, build, findings, found, one, row, run, wrong_severities

from perfdesk.checks import ERROR, HINT, WARNING
from perfdesk.messages import render

BLANK_ROW = ("", "", "", "", "", "", "")


def _cells(i: int, *fields) -> tuple[str, ...]:
    return tuple(f"indicators[{i}].{f}" for f in fields)


def test_baseline_has_no_findings_at_all():
    _, fs = findings()
    assert fs == []


CASES = [
    # ---- I01 二级 under the wrong 一级
    ("I01 seed 劳务派遣: 社会效益指标 under 产出", row(1, level2="社会效益指标"),
     {("I01", _cells(1, "level2"))}),
    ("I01 数量指标 under 效益", row(2, level2="数量指标"), {("I01", _cells(2, "level2"))}),
    ("I01 预算执行率 under 产出", row(1, level2="预算执行率"), {("I01", _cells(1, "level2"))}),
    ("I01 满意度指标 as the 二级 of 满意度指标", row(3, level2="满意度指标"), set()),
    ("I01 a line-wrapped 二级 is its name (廊坊 2019)", row(2, level2="经济效益\n指标"), set()),
    ("I01 spaced 二级 is its name", row(3, level2="服务对象 满意度指 标"), set()),
    ("I01 every allowed 二级 of 效益",
     {"rows": (*ROWS[:3],
               ("", "经济效益指标", "带动增收", "≥10万元", "12万元", "", ""),
               ("", "生态效益指标", "绿化面积", "≥1亩", "1亩", "", ""),
               ("", "可持续影响指标", "长效机制", "建立", "已建立", "", ""),
               *ROWS[3:])},
     set()),
    ("I01 一级 without its weight still known", row(2, level1="效益指标", level2="时效指标"),
     {("I01", _cells(2, "level2"))}),
    ("I01 blank 二级 carries down", row(1, level2=""), set()),
    ("I01 unknown 一级 is not judged",
     {"rows": (*ROWS, ("其他指标", "数量指标", "其他事项", "≥1项", "1项", "", ""))}, set()),
    # ---- I02 a 一级 with no rows
    ("I02 no 效益指标 (seed 劳务派遣)", {"rows": ROWS[:2] + ROWS[3:]}, {("I02", ("indicators",))}),
    ("I02 no 预算执行率 row", {"rows": ROWS[:EXEC]}, {("I02", ("indicators",))}),
    ("I02 an empty table is not judged", {"rows": ()}, set()),
    ("I02 numbered 一级 names are recognised", row(0, level1="一、产出指标（50）"), set()),
    # ---- I03 预期指标值 blank or unreadable
    ("I03 seed 远程教育站点: ≥ with no number", row(3, target="≥"), {("I03", _cells(3, "target"))}),
    ("I03 blank target", row(0, target=""), {("I03", _cells(0, "target"))}),
    ("I03 是否完成 is a qualitative target", row(0, target="是否完成", actual="完成"), set()),
    ("I03 free text is a target", row(2, target="就业质量逐步提高", actual="有所提高"), set()),
    ("I03 预算执行率 row's target is not needed", row(EXEC, target=""), set()),
    ("I03 a blank row is skipped", {"rows": (*ROWS, BLANK_ROW)}, set()),
    # ---- I04 units of name, target and actual disagree
    ("I04 seed 劳动监察: 企业数（家） with ≥100% and 72.00",
     row(0, level3="日常检查企业数（家）", target="≥100%", actual="72.00"),
     {("I04", _cells(0, "level3", "target"))}),
    ("I04 人 target, 元 actual", row(0, actual="110元"), {("I04", _cells(0, "target", "actual"))}),
    ("I04 name, target and actual agree", row(0, level3="培训人数（人）"), set()),
    ("I04 人 and 人次 are one measure", row(0, actual="110人次"), set()),
    ("I04 元 and 元/学期 are one measure",
     row(1, level2="成本指标", level3="补助标准（元）", target="≤1500元/学期", actual="1500元/学期"),
     set()),
    ("I04 a bare actual takes the target's unit", row(0, actual="110"), set()),
    ("I04 % target for a count named in 人", row(0, level3="培训人数（人）", target="≥100%",
                                               actual="100%"),
     {("I04", _cells(0, "level3", "target", "actual"))}),
    # ---- I05 actual beats target by more than 20 %
    ("I05 121 of ≥100", row(0, actual="121人"), {("I05", _cells(0, "target", "actual"))}),
    ("I05 120 of ≥100 is exactly 20 %", row(0, actual="120人"), set()),
    ("I05 seed 高龄体检: 2460 of ≥2045", row(0, target="≥2045", actual="2460"),
     {("I05", _cells(0, "target", "actual"))}),
    ("I05 = target overshot", row(0, target="=100人", actual="130人"),
     {("I05", _cells(0, "target", "actual"))}),
    ("I05 not for a ceiling", row(0, target="≤100人", actual="50人"), set()),
    ("I05 not for percents", row(2, target="≥50%", actual="85%"), set()),
    # ---- I06 satisfaction target of 100 % or more
    ("I06 ≥100% satisfaction", row(3, target="≥100%", actual="100%"), {("I06", _cells(3, "target"))}),
    ("I06 100% satisfaction", row(3, target="100%", actual="100%"), {("I06", _cells(3, "target"))}),
    ("I06 ≥95% is fine", row(3, target="≥95%"), set()),
    ("I06 satisfaction named outside 满意度指标", row(2, level3="群众满意率", target="100%",
                                                      actual="100%"),
     {("I06", _cells(2, "target"))}),
    ("I06 100% elsewhere is fine", row(1, target="100%", actual="100%"), set()),
    # ---- I07 实际完成值 blank while 预期指标值 filled
    ("I07 actual blank", row(0, actual=""), {("I07", _cells(0, "actual"))}),
    ("I07 whitespace is blank", row(0, actual="  "), {("I07", _cells(0, "actual"))}),
    ("I07/I03 无 answering 无 is filled",
     row(1, level3="是否存在截留挪用资金情况", target="无", actual="无"), set()),
    ("I07 预算执行率 row too", row(EXEC, actual=""), {("I07", _cells(EXEC, "actual"))}),
    ("I07 both blank is I03", row(0, target="", actual=""), {("I03", _cells(0, "target"))}),
    # ---- I08 成本指标 with a floor
    ("I08 ≥ on a cost", row(1, level2="成本指标", level3="人均培训成本", target="≥600元/人",
                           actual="580元/人"),
     {("I08", _cells(1, "target"))}),
    ("I08 > on a cost, 二级 carried down",
     {"rows": (ROWS[0], ("", "成本指标", "人均培训成本", "≤600元/人", "580元/人", "", "10"),
               ("", "", "场地租金", ">2万元", "2.1万元", "", "10"), *ROWS[2:])},
     {("I08", _cells(2, "target"))}),
    ("I08 ≤ on a cost is right", row(1, level2="成本指标", level3="人均培训成本",
                                    target="≤600元/人", actual="580元/人"),
     set()),
    ("I08 a bare cost is not a floor", row(1, level2="成本指标", level3="人均培训成本",
                                          target="600元/人", actual="600元/人"),
     set()),
    ("I08 a floor elsewhere is fine", {}, set()),
    # ---- I09 placeholders and template text
    ("I09 xx as project", {"project": "xx"}, {("I09", ("project",))}),
    ("I09 指标1 as 三级", row(0, level3="指标1"), {("I09", _cells(0, "level3"))}),
    ("I09 指标 １ (full-width, seed 被征地农民)", row(0, level3="指标 １"),
     {("I09", _cells(0, "level3"))}),
    ("I09 * as target (also unreadable)", row(0, target="*"),
     {("I09", _cells(0, "target")), ("I03", _cells(0, "target"))}),
    ("I09 template text in 五 (seed 劳动监察)",
     {"problems": "(主要填写项目绩效存在问题及原因分析,下一步改进措施)"}, {("I09", ("problems",))}),
    ("I09 template text with full-width parentheses",
     {"problems": "（主要填写项目绩效存在问题及原因分析）"}, {("I09", ("problems",))}),
    ("I09 * as a goal's result", {"goals": (("组织职业技能培训100人", "*"),)},
     {("I09", ("goals[0].result",))}),
    ("I09 指标1: with a colon (廊坊 2019)", row(0, level3="指标1:"), {("I09", _cells(0, "level3"))}),
    ("I09 …… left as a row name (廊坊 2019)", row(0, level3="……"), {("I09", _cells(0, "level3"))}),
    ("I09 Sichuan's instruction text in a goal",
     {"goals": (("保障工资及时足额发放", "对照年度目标,说明相关任务目标的完成情况(100字以内)"),)},
     {("I09", ("goals[0].result",))}),
    ("I09 a result that mentions 字 is real", {"goals": (("编印手册", "编印手册3000册，每册约2万字"),)},
     set()),
    ("I09 指标1工程完工率 is a real name", row(0, level3="指标1工程完工率"), set()),
    ("I09 指标 1审批批次 is a real name", row(0, level3="指标 1审批批次"), set()),
    ("I09 XX县 is a real name", {"project": "XX县就业培训补助资金"}, set()),
    ("I09 real problems text", {"problems": "部分学员未按时结业，下一步加强跟踪管理。"}, set()),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_indicator_checks(changes, expected):
    _, fs = findings(changes)
    assert found(fs, "I") == expected


def test_i02_names_each_missing_level1():
    _, fs = findings({"rows": ROWS[:2]})
    assert {f.args["level1"] for f in fs if f.code == "I02"} == {"效益指标", "满意度指标", "预算执行率"}


SEVERITIES = {"I01": ERROR, "I02": WARNING, "I03": WARNING, "I04": WARNING, "I05": HINT,
              "I06": HINT, "I07": WARNING, "I08": WARNING, "I09": WARNING}


@pytest.mark.parametrize("changes", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_severities(changes):
    assert not wrong_severities(changes, SEVERITIES)


MESSAGES = [
    ("I01", row(1, level2="社会效益指标"), ["社会效益指标", "产出指标", "效益指标"]),
    ("I02", {"rows": ROWS[:2] + ROWS[3:]}, ["效益指标"]),
    ("I03", row(3, target="≥"), ["学员满意度", "「≥」"]),
    ("I04", row(0, level3="日常检查企业数（家）", target="≥100%", actual="72.00"),
     ["日常检查企业数（家）", "「家」", "「%」"]),
    ("I05", row(0, target="≥2045", actual="2460"), ["2460", "≥2045", "120.29%"]),
    ("I06", row(3, target="≥100%", actual="100%"), ["学员满意度", "≥100%"]),
    ("I07", row(0, actual=""), ["培训人数"]),
    ("I08", row(1, level2="成本指标", level3="人均培训成本", target="≥600元/人", actual="580元/人"),
     ["人均培训成本", "≥600元/人"]),
    ("I09", {"problems": "(主要填写项目绩效存在问题及原因分析,下一步改进措施)"},
     ["存在问题", "(主要填写项目绩效存在问题及原因分析,下…"]),
]


@pytest.mark.parametrize("code, changes, parts", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages_name_the_cells_and_figures(code, changes, parts):
    form, fs = findings(changes)
    text = render(one(fs, code), form)
    for part in parts:
        assert part in text, (part, text)


def test_explained_warning_carries_the_note():
    form, options = build(row(0, actual=""))
    form.explain("I07", _cells(0, "actual"), "年底统计口径尚未公布")
    i07 = one(run(form, **options), "I07")
    assert (i07.severity, i07.explained) == (WARNING, "年底统计口径尚未公布")


def test_explanation_is_keyed_by_cells():
    form, options = build(row(0, actual=""))
    form.explain("I07", _cells(1, "actual"), "另一行的说明")
    assert one(run(form, **options), "I07").explained is None


def test_errors_are_never_explained():
    form, options = build(row(1, level2="社会效益指标"))
    form.explain("I01", _cells(1, "level2"), "按模板填写")
    i01 = one(run(form, **options), "I01")
    assert (i01.severity, i01.explained) == (ERROR, None)
