"""B — 预算执行情况 (checks.md): B01–B06, table-driven."""

from __future__ import annotations

import pytest
from forms import build, findings, found, one, row, run, wrong_severities

from perfdesk.checks import ERROR, WARNING
from perfdesk.messages import render

B01 = ("money.progress", "money.executed.total", "money.budget.total")


def _money(**columns) -> dict:
    """``budget_initial=("100", "80", "", "20")`` -> total, fiscal, carryover, other."""
    changes = {}
    for column, values in columns.items():
        for part, value in zip(("total", "fiscal", "carryover", "other"), values, strict=False):
            changes[f"money.{column}.{part}"] = value
    return changes


def test_baseline_has_no_findings_at_all():
    _, fs = findings()
    assert fs == []


CASES = [
    # ---- B01 预算执行进度 vs 执行数 ÷ 预算数, at the typed precision
    ("B01 99% matches 99.49 %", {"executed": "99.49", "progress": "99%"}, set()),
    ("B01 81.72% matches 81.7252 %", {"executed": "81.7252", "progress": "81.72%"}, set()),
    ("B01 100.00% vs 99.93 % fires",
     {"budget": "15.00", "arrived": "15.00", "executed": "14.99", "progress": "100.00%"},
     {("B01", B01)}),
    ("B01 90.86% vs 90.38 % fires (seed 远程教育站点)",
     {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.86%"},
     {("B01", B01)}),
    ("B01 100% vs 13.38 % fires (seed 就业专项资金)",
     {"budget": "1039", "arrived": "1039", "executed": "139", "progress": "100%"}, {("B01", B01)}),
    ("B01 13.38% vs 13.378 % matches",
     {"budget": "1,039", "arrived": "1039", "executed": "139", "progress": "13.38%"}, set()),
    ("B01 99.5 % rounds up to 100%", {"executed": "99.5", "progress": "100%"}, set()),
    ("B01 99.5 % truncates to 99%", {"executed": "99.5", "progress": "99%"}, set()),
    ("B01 98% vs 99.5 % fires", {"executed": "99.5", "progress": "98%"}, {("B01", B01)}),
    ("B01 bare number is a percent", {"progress": "95"}, set()),
    ("B01 full-width percent sign", {"progress": "９５％"}, set()),
    ("B01 trailing zeros are precision", {"progress": "95.00%"}, set()),
    ("B01 one point off fires", {"progress": "94%"}, {("B01", B01)}),
    ("B01 a fraction with decimals is a rate (printed so in some provinces)", {"progress": "0.95"},
     set()),
    ("B01 a wrong fraction fires", {"progress": "0.90"}, {("B01", B01)}),
    ("B01 a fraction with a percent sign is a percent", {"progress": "0.95%"}, {("B01", B01)}),
    ("B01 blank progress is not checked", {"progress": ""}, set()),
    ("B01 no rate when 预算数 blank (B04 instead)", {"budget": "", "arrived": ""},
     {("B04", ("money.budget.total", "money.executed.total"))}),
    ("B01 unreadable progress is B05, not B01", {"progress": "约95%"},
     {("B05", ("money.progress",))}),
    # ---- B02 parts vs total, where parts are filled
    ("B02 parts add up", _money(budget=("100", "80", "", "20")), set()),
    ("B02 fiscal alone equals total", _money(budget=("100", "100")), set()),
    ("B02 parts short of total", _money(budget=("100", "80", "", "10")),
     {("B02", ("money.budget.total", "money.budget.fiscal", "money.budget.other"))}),
    ("B02 seed 就业专项资金: 10839 under 1039",
     {"budget": "1039", "arrived": "1039", "executed": "139", "progress": "13.38%",
      **_money(budget=("1039", "10839"))},
     {("B02", ("money.budget.total", "money.budget.fiscal"))}),
    ("B02 executed column", _money(executed=("95", "90")),
     {("B02", ("money.executed.total", "money.executed.fiscal"))}),
    ("B02 layout B carry-over counts", {"layout": "B", **_money(budget=("100", "60", "30", "10"))},
     set()),
    ("B02 layout B carry-over missing",
     {"layout": "B", **_money(budget_initial=("100", "60", "30"))},
     {("B02", ("money.budget_initial.total", "money.budget_initial.fiscal",
               "money.budget_initial.carryover"))}),
    ("B02 decimals add up without float noise", _money(budget_initial=("0.3", "0.1", "", "0.2")),
     set()),
    ("B02 off in the 4th decimal", _money(budget_initial=("4.9745", "4.9744")),
     {("B02", ("money.budget_initial.total", "money.budget_initial.fiscal"))}),
    ("B02 no parts filled", _money(budget_initial=("100",)), set()),
    ("B02 total blank: nothing to compare", _money(budget_initial=("", "50")), set()),
    ("B02 a part in 元 converted (B06 only)", _money(budget_initial=("100", "1000000元")),
     {("B06", ("money.budget_initial.fiscal",))}),
    # ---- B03 执行数 > 到位数 or 到位数 > 预算数
    ("B03 executed above arrived", {"arrived": "90"},
     {("B03", ("money.executed.total", "money.arrived.total"))}),
    ("B03 arrived above budget", {"arrived": "110"},
     {("B03", ("money.arrived.total", "money.budget.total"))}),
    ("B03 equal is fine", {"arrived": "95"}, set()),
    ("B03 arrived blank", {"arrived": ""}, set()),
    ("B03 both at once",
     {"budget": "100", "arrived": "120", "executed": "130", "progress": "130%"},
     {("B03", ("money.executed.total", "money.arrived.total")),
      ("B03", ("money.arrived.total", "money.budget.total"))}),
    # ---- B04 预算数 blank or 0 while 执行数 > 0
    ("B04 budget blank", {"budget": "", "arrived": ""},
     {("B04", ("money.budget.total", "money.executed.total"))}),
    ("B04 budget 0", {"budget": "0", "arrived": ""},
     {("B04", ("money.budget.total", "money.executed.total"))}),
    ("B04 budget a dash", {"budget": "—", "arrived": ""},
     {("B04", ("money.budget.total", "money.executed.total"))}),
    ("B04 nothing executed either", {"budget": "0", "arrived": "", "executed": "0"}, set()),
    ("B04 executed blank", {"budget": "", "arrived": "", "executed": ""}, set()),
    ("B04 unreadable budget is B05 only", {"budget": "一百", "arrived": ""},
     {("B05", ("money.budget.total",))}),
    # ---- B05 negative or unreadable amounts
    ("B05 unreadable executed", {"executed": "九十五"}, {("B05", ("money.executed.total",))}),
    ("B05 negative arrived (and so executed > arrived)", {"arrived": "-5"},
     {("B05", ("money.arrived.total",)),
      ("B03", ("money.executed.total", "money.arrived.total"))}),
    ("B05 negative budget: no rate, no B04", {"budget": "-100", "arrived": ""},
     {("B05", ("money.budget.total",))}),
    ("B05 unreadable part", _money(budget_initial=("100", "1.2.3")),
     {("B05", ("money.budget_initial.fiscal",))}),
    ("B05 unreadable progress", {"progress": "abc"}, {("B05", ("money.progress",))}),
    ("B05 full-width digits are readable", _money(budget_initial=("１０３９",)), set()),
    ("B05 thousands separator is readable", _money(budget_initial=("1,039",)), set()),
    ("B05 a dash is blank, not unreadable", _money(budget_initial=("—",)), set()),
    # ---- B06 元 in a 万元 form (or the reverse)
    ("B06 amount in 元", _money(budget_initial=("1000000元",)),
     {("B06", ("money.budget_initial.total",))}),
    ("B06 amount in 万元 in a 万元 form", _money(budget_initial=("100万元",)), set()),
    ("B06 amount in 万 in a 元 form",
     {"money_unit": "元", "budget": "1000000", "arrived": "1000000", "executed": "950000",
      "goals": (), **_money(budget_initial=("100万",))},
     {("B06", ("money.budget_initial.total",))}),
    ("B06 target in 元 by the indicator's name (seed 远程教育站点)",
     {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.38%",
      "goals": (),
      **row(1, level2="成本指标", level3="经费总额（元）", target="≤20800", actual="18800")},
     {("B06", ("indicators[1].target", "money.budget.total"))}),
    ("B06 target in 元 by its unit",
     {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.38%",
      "goals": (),
      **row(1, level2="成本指标", level3="经费总额", target="≤20800元", actual="18800元")},
     {("B06", ("indicators[1].target", "money.budget.total"))}),
    ("B06 a 元 target far below the budget is plausible",
     {**row(1, level2="成本指标", level3="经费总额（元）", target="≤9000", actual="8000")},
     set()),
    ("B06 target in 万元 is fine",
     {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.38%",
      "goals": (),
      **row(1, level2="成本指标", level3="经费总额（万元）", target="≤2.08万元", actual="1.88万元")},
     set()),
    ("B06 a per-worker 元 target is not an amount (≥8400元 per worker)",
     {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.38%",
      "goals": (),
      **row(1, level2="成本指标", level3="人均劳务报酬", target="≥8400元", actual="8600元")},
     set()),
    ("B06 a per-head 元 standard is not an amount",
     {**row(1, level2="成本指标", level3="补助标准", target="≤1500元/学期",
            actual="1500元/学期")},
     set()),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_money_checks(changes, expected):
    _, fs = findings(changes)
    assert found(fs, "B") == expected


SEVERITIES = {"B01": ERROR, "B02": ERROR, "B03": WARNING, "B04": ERROR, "B05": ERROR,
              "B06": WARNING}


@pytest.mark.parametrize("changes", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_severities(changes):
    assert not wrong_severities(changes, SEVERITIES)


MESSAGES = [
    ("B01", {"budget": "15.00", "arrived": "15.00", "executed": "14.99", "progress": "100.00%"},
     ["预算执行进度", "100.00%", "99.93%", "14.99", "15.00"]),
    ("B02", _money(budget=("1039", "10839")), ["预算数", "10839", "1039"]),
    ("B03", {"arrived": "90"}, ["执行数", "到位数", "95", "90"]),
    ("B04", {"budget": "0", "arrived": ""}, ["预算数", "「0」", "95"]),
    ("B05", {"executed": "九十五"}, ["执行数", "九十五", "无法识别"]),
    ("B05", {"arrived": "-5"}, ["到位数", "-5", "负数"]),
    ("B06", _money(budget_initial=("24720元",)), ["年初预算数", "24720元", "2.472万元"]),
    ("B06", {"budget": "2.08", "arrived": "2.08", "executed": "1.88", "progress": "90.38%",
             **row(1, level2="成本指标", level3="经费总额（元）", target="≤20800", actual="18800")},
     ["经费总额（元）", "≤20800", "2.08万元"]),
]


@pytest.mark.parametrize("code, changes, parts", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages_name_typed_and_correct_figures(code, changes, parts):
    form, fs = findings(changes)
    text = render(one(fs, code), form)
    for part in parts:
        assert part in text, (part, text)


def test_explained_warning_carries_the_note():
    form, options = build({"arrived": "90"})
    form.explain("B03", ("money.executed.total", "money.arrived.total"), "年底追加拨款，次年到位")
    b03 = one(run(form, **options), "B03")
    assert b03.severity == WARNING
    assert b03.explained == "年底追加拨款，次年到位"


def test_errors_are_never_explained():
    form, options = build({"progress": "100%"})
    form.explain("B01", B01, "按财政口径填报")
    b01 = one(run(form, **options), "B01")
    assert b01.severity == ERROR
    assert b01.explained is None
