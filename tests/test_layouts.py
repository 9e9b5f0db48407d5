"""Layouts described once: what cells a layout has, and no finding outside them."""

from __future__ import annotations

import random

import pytest
from forms import make_form

from perfdesk import layouts
from perfdesk.addresses import parse_row_address
from perfdesk.checks import evaluate
from perfdesk.model import DepartmentFile, set_cell

JUNK = ("", "", "", "12", "-5", "1,039", "abc", "30元", "９９", "100%", "0")


def _fuzzed(layout: str, seed: int):
    """A demo-like form of ``layout`` with every money cell (on the layout or not) filled at random."""
    rnd = random.Random(seed)
    form = make_form(layout=layout)
    for column in ("budget_initial", "budget", "arrived", "executed"):
        for row in ("total", "fiscal", "carryover", "other"):
            set_cell(form, f"money.{column}.{row}", rnd.choice(JUNK))
    form.money.progress = rnd.choice(JUNK)
    return form


def _shown(layout, form, address: str) -> bool:
    """Is the cell on the form as the window and the PDF show it?"""
    if address.startswith("money.") and address != "money.progress":
        _, column, row = address.split(".")
        columns, rows = layout.money.shown(form.money)
        return any(c.key == column for c in columns) and any(r.key == row for r in rows)
    if address == "completion":
        return layout.goals.completion == "always" or bool(form.completion.strip())
    cell = parse_row_address(address)
    if cell and cell[0] == "indicators":
        column = layout.indicator_column(cell[2])
        return cell[2] == "not_applicable" or column is not None
    return layout.has_cell(address)


@pytest.mark.parametrize("code", sorted(layouts.LAYOUTS))
def test_no_finding_points_at_a_cell_its_layout_does_not_show(code):
    layout = layouts.get(code)
    for seed in range(300):
        form = _fuzzed(code, seed)
        for f in evaluate(form, DepartmentFile(year="2020", forms=[form])).findings:
            hidden = [c for c in f.cells if not _shown(layout, form, c)]
            assert not hidden, (seed, f.code, hidden)


def test_each_layout_has_its_own_money_cells():
    a, b = layouts.get("A"), layouts.get("B")
    assert a.has_money("arrived") and b.has_money("arrived")  # optional on B: kept when filled
    assert [c.key for c in a.money.columns if not c.optional] == ["budget", "arrived", "executed"]
    assert [c.key for c in b.money.columns if not c.optional] == ["budget_initial", "budget", "executed"]
    assert [r.key for r in b.money.rows] == ["total", "fiscal", "carryover", "other"]
    assert b.has_cell("authority") and not a.has_cell("authority")


def test_optional_money_is_shown_only_when_filled():
    form = make_form(layout="B", arrived="")
    columns, _ = layouts.get("B").money.shown(form.money)
    assert "arrived" not in [c.key for c in columns]
    form.money.arrived.total = "100"
    columns, _ = layouts.get("B").money.shown(form.money)
    assert "arrived" in [c.key for c in columns]


def test_unknown_layout_reads_as_a():
    assert layouts.get("Z") is layouts.get("A")


def test_cells_are_named_as_the_layout_prints_them():
    from perfdesk.messages import cell_label

    assert cell_label("money.executed.total", make_form(layout="B")) == "全年执行数"
    assert cell_label("money.executed.fiscal", make_form(layout="A")) == "执行数（其中：财政资金）"
    assert cell_label("unit", make_form(layout="B")) == "实施单位"
    assert cell_label("indicators[0].target", make_form(layout="B")).endswith("的年度指标值")
    assert cell_label("goals[1].result", make_form(layout="A")) == "第 2 条具体完成情况"


def test_a_new_form_starts_from_its_layout_tree():
    from perfdesk.document import new_form

    form = new_form("x", "B")
    assert [i.level1 for i in form.indicators if i.level1] == [
        "产出指标（50）", "效益指标（30）", "满意度指标（10）", "预算执行率（10）"]
