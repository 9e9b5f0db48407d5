"""Layout C, the department form (seed 003): B07–B09 and S13–S15 (docs/checks-added.md), table-driven.

The baseline is seed 003's form as the demo file holds it; its figures agree, so
these checks stay silent on it, and each case changes a few cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfdesk.checks import evaluate
from perfdesk.messages import render
from perfdesk.model import DepartmentFile, set_cell

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo" / "dept-2023.json"
CODES = ("B07", "B08", "B09", "S13", "S14", "S15")
BUDGET_ROW = 1  # 预算经费 ≤ 4726.44, scored 6.89 of 12 by its 57.39 % (S14 on the baseline)
S14_BASELINE = ("S14", ("indicators[1].score", "indicators[1].target", "indicators[1].actual"))


def _findings(changes: dict):
    dfile = DepartmentFile.from_dict(json.loads(DEMO.read_text(encoding="utf-8")))
    form = dfile.forms[0]
    for address, value in changes.items():
        set_cell(form, address, value)
    return form, evaluate(form, dfile).findings


def _found(fs):
    return {(f.code, f.cells) for f in fs if f.code in CODES}


CASES = [
    ("seed 003 as printed: only the convention hint", {}, {S14_BASELINE}),
    # ---- B07 年初 + 调增 − 调减 = 全年
    ("B07 调增 off by 1", {"money.increase.total": "2320.24"},
     {S14_BASELINE, ("B07", ("money.budget.total", "money.budget_initial.total", "money.increase.total",
               "money.decrease.total")), ("B08", ("money.adjustment", "money.increase.total",
                                                  "money.decrease.total", "money.budget_initial.total"))}),
    ("B07 调减 counted (the 调整率 then is not)",
     {"money.decrease.total": "100", "money.budget.total": "6947.68"},
     {S14_BASELINE, ("B08", ("money.adjustment", "money.increase.total", "money.decrease.total",
                             "money.budget_initial.total"))}),
    ("B07 a row without 调增/调减 is not judged (基本支出 262.86 → 276.55)", {}, {S14_BASELINE}),
    ("B07 基本支出 with its 调增 typed wrong",
     {"money.increase.basic": "10"},
     {S14_BASELINE, ("B07", ("money.budget.basic", "money.budget_initial.basic", "money.increase.basic",
                             "money.decrease.basic"))}),
    ("B07 基本支出 with its 调增 typed right", {"money.increase.basic": "13.69"}, {S14_BASELINE}),
    # ---- B08 调整率
    ("B08 调整率 typed 52.39%", {"money.adjustment": "52.39%"},
     {S14_BASELINE, ("B08", ("money.adjustment", "money.increase.total", "money.decrease.total",
                             "money.budget_initial.total"))}),
    ("B08 调整率 truncated 49.1% holds", {"money.adjustment": "49.1%"}, {S14_BASELINE}),
    ("B08 调整率 blank", {"money.adjustment": ""}, {S14_BASELINE}),
    # ---- B09 project subtotals
    ("B09 one project's budget mistyped", {"projects[0].budget": "1566.8"},
     {S14_BASELINE, ("B09", ("projects[7].budget", *(f"projects[{k}].budget" for k in range(7))))}),
    ("B09 executed subtotal mistyped", {"projects[12].executed": "1200.10"},
     {S14_BASELINE, ("B09", ("projects[12].executed", "projects[9].executed", "projects[10].executed",
                             "projects[11].executed"))}),
    ("B09 a group printed by its subtotal alone (结转) is not judged",
     {"projects[8].budget": "99"}, {S14_BASELINE}),
    ("B09 an unreadable line: not judged", {"projects[0].budget": "见附件"}, {S14_BASELINE}),
    # ---- S13 得分 = 权重 × min(完成率, 1)
    ("S13 满意度 scored 8 at 99.21 %", {"indicators[8].score": "8"},
     {S14_BASELINE, ("S13", ("indicators[8].score", "indicators[8].rate", "indicators[8].points"))}),
    ("S13 a whole-number score rounds (10 for 9.921)", {"indicators[8].score": "10"}, {S14_BASELINE}),
    ("S13 a rate over 100 % caps at full marks", {"indicators[0].score": "8"}, {S14_BASELINE}),
    ("S13 rounded to the typed precision holds (6.7 for 6.6984)", {}, {S14_BASELINE}),
    ("S13 truncated holds (9.9 for 9.921)", {"indicators[8].score": "9.9"}, {S14_BASELINE}),
    ("S13 without a 完成率 nothing is judged", {"indicators[8].rate": "", "indicators[8].score": "10"},
     {S14_BASELINE}),
    # ---- S14 a met ceiling scored by its rate
    ("S14 gone when the ceiling row gets full marks",
     {"indicators[1].score": "12", "indicators[1].rate": "100%"}, set()),
    ("S14 silent when the ceiling was missed",
     {"indicators[1].actual": "4800万元"}, set()),
    # ---- S15 完成率 = 实际 ÷ 目标
    ("S15 完成率 of 高龄体检 mistyped", {"indicators[0].rate": "102.29%"},
     {S14_BASELINE, ("S15", ("indicators[0].rate", "indicators[0].actual", "indicators[0].target"))}),
    ("S15 a rate capped at 100 % holds", {"indicators[0].rate": "100%"}, {S14_BASELINE}),
    ("S15 not judged for a ceiling target", {"indicators[1].rate": "12%", "indicators[1].score": "1.44"},
     {S14_BASELINE}),
    ("S15 not judged across units", {"indicators[0].actual": "2460户", "indicators[0].rate": "50%",
                                    "indicators[0].score": "4"}, {S14_BASELINE}),
]


@pytest.mark.parametrize("name,changes,expected", CASES, ids=[c[0] for c in CASES])
def test_department_checks(name, changes, expected):
    _, fs = _findings(changes)
    assert _found(fs) == expected


def test_messages_name_both_figures():
    form, fs = _findings({"indicators[8].score": "8", "money.adjustment": "52.39%"})
    text = {f.code: render(f, form) for f in fs}
    assert "10 × 99.21% = 9.92 分" in text["S13"] and "却为 8" in text["S13"]
    assert "52.39%" in text["B08"] and "49.11%" in text["B08"]
    assert "逆向指标" in text["S14"] and "6.89" in text["S14"]
