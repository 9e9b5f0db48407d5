"""Layout C in the window: the department demo opens with its own labels and cells."""

from __future__ import annotations

from pathlib import Path

from perfdesk.ui.main_window import MainWindow

DEPT = Path(__file__).resolve().parents[1] / "resources" / "demo" / "dept-2023.perfdesk"


def test_department_form_opens_with_its_cells(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_path(DEPT)
    view = w.form_view
    for address in ("money.increase.total", "money.decrease.total", "money.budget.personnel",
                    "money.executed.project", "staff_quota"):
        assert address in view.fields, address
    assert "money.arrived.total" not in view.fields  # C has no 到位数
    assert view.fields["money.increase.total"].text() == "2321.24"
    assert w.forms_list.table.item(0, 0).text() == "部门（单位）整体支出绩效自评表"
