"""G — 目标完成情况 (checks.md): G01–G03, table-driven."""

from __future__ import annotations

import pytest
from forms import EXEC, at_rate, build, findings, found, one, row, run, wrong_severities

from perfdesk.checks import ERROR, WARNING
from perfdesk.messages import render

TARGET = "组织职业技能培训100人"
G02 = ("goals[0].result", "money.executed.total")


def _said(text: str, i: int = 0) -> dict:
    goals = [(TARGET, "完成职业技能培训110人")] * (i + 1)
    goals[i] = (TARGET, text)
    return {"goals": tuple(goals)}


def test_baseline_has_no_findings_at_all():
    _, fs = findings()
    assert fs == []


CASES = [
    # ---- G01 总体完成率 ≥ 100 % with a missed indicator or 执行率 < 60 %
    ("G01 100% with 执行率 55 %", at_rate("55"), {("G01", ("completion", "money.executed.total"))}),
    ("G01 执行率 60 % is not low", at_rate("60"), set()),
    ("G01 100% with a missed count", row(0, actual="90人"),
     {("G01", ("completion", "indicators[0].actual"))}),
    ("G01 both reasons",
     {**at_rate("55"), **row(0, actual="90人"), **row(1, target="≤5%", actual="8%")},
     {("G01", ("completion", "indicators[0].actual", "indicators[1].actual",
               "money.executed.total"))}),
    ("G01 bare 100 is a percent", {"completion": "100", **row(0, actual="90人")},
     {("G01", ("completion", "indicators[0].actual"))}),
    ("G01 above 100 %", {"completion": "105%", **row(0, actual="90人")},
     {("G01", ("completion", "indicators[0].actual"))}),
    ("G01 95% is honest", {"completion": "95%", **row(0, actual="90人")}, set()),
    ("G01 blank completion", {"completion": "", **at_rate("55")}, set()),
    ("G01 a qualitative miss is not quantitative",
     row(2, target="是", actual="否", score="10"), set()),
    ("G01 预算执行率 row is not an indicator miss", row(EXEC, target="100%"), set()),
    # ---- G02 an amount said to be spent matches no executed amount
    ("G02 matches the total", _said("共支出95万元"), set()),
    ("G02 matches at its precision", {"executed": "94.997", "progress": "95%",
                                      **row(EXEC, actual="95%"), **_said("支出95.00万元")},
     set()),
    ("G02 off by one 万元", _said("共支出94万元"), {("G02", G02)}),
    ("G02 off in the typed precision", _said("支出94.99万元"), {("G02", G02)}),
    ("G02 more decimals than the amount", _said("使用资金95.001万元"), {("G02", G02)}),
    ("G02 in 元", _said("累计发放补贴950000元"), set()),
    ("G02 in 元, one 元 off", _said("累计发放补贴950001元"), {("G02", G02)}),
    ("G02 matches a part",
     {"money.executed.fiscal": "80", "money.executed.other": "15",
      **_said("其中财政资金拨付80万元")},
     set()),
    ("G02 seed 劳动监察: 2.96478 万元 vs 4.9745",
     {"budget": "5", "arrived": "5", "executed": "4.9745", "progress": "99%",
      **row(EXEC, actual="99.49%", score="9.95"), **_said("支出2.96478万元")},
     {("G02", G02)}),
    ("G02 seed 就业专项资金: 1039 万元 vs 139",
     {"budget": "1039", "arrived": "1039", "executed": "139", "progress": "13.38%",
      **row(EXEC, actual="13.38%", score="1.34"), **_said("支出就业资金1039万元")},
     {("G02", G02), ("G01", ("completion", "money.executed.total"))}),
    ("G02 full-width figures", _said("支出９５万元"), set()),
    ("G02 a budget is not spending", _said("年初预算100万元"), set()),
    ("G02 a rate is not an amount", _said("资金执行率95%"), set()),
    ("G02 the second goal", _said("支出50万元", i=1), {("G02", ("goals[1].result",
                                                             "money.executed.total"))}),
    ("G02 nothing executed to compare", {"executed": "", "progress": "", **row(EXEC, actual="")},
     set()),
    # ---- G03 具体完成情况 blank while 年度预期目标 filled
    ("G03 result blank (seed 医保代办员)", {"goals": ((TARGET, ""),)},
     {("G03", ("goals[0].result",))}),
    ("G03 result only spaces", {"goals": ((TARGET, "  "),)}, {("G03", ("goals[0].result",))}),
    ("G03 both blank", {"goals": (("", ""),)}, set()),
    ("G03 no goals", {"goals": ()}, set()),
    ("G03 third row", {"goals": ((TARGET, "完成培训110人"), ("开展创业培训", "完成"),
                                 ("开展技能鉴定", ""))},
     {("G03", ("goals[2].result",))}),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_goal_checks(changes, expected):
    _, fs = findings(changes)
    assert found(fs, "G") == expected


SEVERITIES = {"G01": WARNING, "G02": ERROR, "G03": WARNING}


@pytest.mark.parametrize("changes", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_severities(changes):
    assert not wrong_severities(changes, SEVERITIES)


MESSAGES = [
    ("G01", at_rate("55"), ["100%", "55.00%"]),
    ("G01", row(0, actual="90人"), ["100%", "1 项"]),
    ("G02", {"budget": "5", "arrived": "5", "executed": "4.9745", "progress": "99%",
             **row(EXEC, actual="99.49%", score="9.95"), **_said("支出2.96478万元")},
     ["支出2.96478万元", "4.9745"]),
    ("G03", {"goals": ((TARGET, ""),)}, ["具体完成情况"]),
]


@pytest.mark.parametrize("code, changes, parts", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages_name_typed_and_correct_figures(code, changes, parts):
    form, fs = findings(changes)
    text = render(one(fs, code), form)
    for part in parts:
        assert part in text, (part, text)


def test_explained_warning_carries_the_note():
    form, options = build({"goals": ((TARGET, ""),)})
    form.explain("G03", ("goals[0].result",), "见附件")
    g03 = one(run(form, **options), "G03")
    assert (g03.severity, g03.explained) == (WARNING, "见附件")


def test_errors_are_never_explained():
    form, options = build(_said("共支出94万元"))
    form.explain("G02", G02, "含上年结转")
    g02 = one(run(form, **options), "G02")
    assert (g02.severity, g02.explained) == (ERROR, None)
