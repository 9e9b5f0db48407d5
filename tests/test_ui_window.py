"""The real window, driven with pytest-qt: live recompute, findings, the table, undo, forms."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_support import (  # noqa: E402
    background,
    codes,
    enter,
    header,
    ime_commit,
    list_texts,
    pick,
    retype,
    type_in_table,
)

from perfdesk.ui import theme  # noqa: E402

LABOUR = "劳务派遣人员专项资金"
JOBS = "就业专项资金"


def test_window_shows_the_forms_with_rate_score_grade_and_marks(win):
    fl = win.forms_list.table
    assert fl.rowCount() == 22
    assert [fl.horizontalHeaderItem(c).text() for c in range(4)] == ["项目名称", "执行率", "总分", "等级"]
    i = pick(win, JOBS)
    assert fl.item(i, 1).text() == "13.38%"
    assert fl.item(i, 2).text() == "100" and fl.item(i, 3).text() == "优"
    assert fl.item(i, 0).data(Qt.ItemDataRole.UserRole) == "错误"
    assert "错误" in fl.item(i, 0).toolTip()
    clean = next(k for k, f in enumerate(win.doc.forms) if f.project.startswith("退役人员"))
    assert fl.item(clean, 0).data(Qt.ItemDataRole.UserRole) in ("", "警告")
    assert "WenQuanYi" in QApplication.font().family() or "文泉" in QApplication.font().family()


def test_open_form_shows_paper_sections_and_merged_indicator_labels(win):
    pick(win, LABOUR)
    fields = win.form_view.fields
    for address in ("project", "unit", "money.budget.total", "money.arrived.fiscal", "money.executed.other",
                    "money.progress", "goals[0].target", "goals[0].result", "completion", "total_score",
                    "grade", "problems", "filler", "phone", "head", "finance_head", "date", "year"):
        assert address in fields, address
    assert "money.budget_initial.total" not in fields  # layout B only
    assert fields["project"].text() == LABOUR
    assert fields["money.executed.total"].text() == "98.33"
    table, model = win.table, win.model
    assert model.rowCount() == 7
    l1 = model.column_of("level1")
    assert table.rowSpan(0, l1) == 4  # 产出指标（50） over rows 1-4
    assert table.rowSpan(4, l1) == 2 and table.rowSpan(6, l1) == 1
    assert table.rowSpan(0, model.column_of("level2")) == 2
    first = model.index(0, l1).data()
    assert first.startswith("产出指标（50）") and "小计 80 / 50" in first
    assert [header(model, c) for c in range(model.columnCount())] == [
        "一级指标", "二级指标", "三级指标", "预期指标值", "实际完成值", "自评得分", "按规则得分"]


# ---- live recompute -----------------------------------------------------------------------


def test_typing_money_recomputes_rate_scores_and_findings(win, qtbot):
    i = pick(win, LABOUR)
    fl = win.forms_list.table
    assert fl.item(i, 1).text() == "22.40%"
    assert "S01" in codes(win)
    progress = win.form_view.fields["money.progress"]
    assert background(progress) != theme.BACKGROUND["错误"]

    executed = win.form_view.fields["money.executed.total"]
    retype(qtbot, executed, "439")
    assert win.doc.form(i).money.executed.total == "439"
    assert fl.item(i, 1).text() == "100.00%"
    assert "S01" not in codes(win)  # 10 of 10 is now right
    assert "B01" in codes(win)  # 22.4% typed, 100% computed
    assert "B02" in codes(win)  # 其中财政资金 98.33 ≠ 439
    assert background(progress) == theme.BACKGROUND["错误"]
    assert "预算执行进度填 22.4%" in progress.toolTip()
    assert win.form_view.computed["money.progress"].text() == "⟶ 计算 100.00%"
    assert win.form_view.computed["money.executed.parts"].text() == "⟶ 其中各项合计 98.33"
    exec_row = win.doc.evaluation(i).calc.exec_row
    assert win.model.index(exec_row, win.model.column_of("suggested")).data() == "10"

    retype(qtbot, executed, "43.9")  # 10 %
    assert fl.item(i, 1).text() == "10.00%"
    assert win.model.index(exec_row, win.model.column_of("suggested")).data() == "1"
    assert "S01" in codes(win)
    assert any("最多应得 10 × 10.00% = 1.00 分" in t for t in list_texts(win))


def test_typing_a_score_updates_subtotal_total_and_grade(win, qtbot):
    i = pick(win, LABOUR)
    model, table = win.model, win.table
    score = model.index(0, model.column_of("score"))
    table.setFocus()
    table.setCurrentIndex(score)
    type_in_table(qtbot, table, "5")  # typing on a cell replaces it, as in Excel
    assert table.state() == table.State.EditingState
    assert win.doc.form(i).indicators[0].score == "5"  # written at once, before Enter
    assert "小计 60 / 50" in model.index(0, model.column_of("level1")).data()
    assert win.form_view.computed["total_score"].text() == "⟶ 计算 80 分"
    assert "S04" in codes(win)
    assert win.forms_list.table.item(i, 2).text() == "80"
    assert win.forms_list.table.item(i, 3).text() == "良"
    enter(qtbot)
    assert table.state() != table.State.EditingState
    assert table.currentIndex().row() == 1  # Enter moves down

    total = win.form_view.fields["total_score"]
    retype(qtbot, total, "80")
    assert "S04" not in codes(win)
    assert "S05" in codes(win)  # 优 typed, 80 is 良
    assert win.form_view.computed["grade"].text() == "⟶ 按总分应为「良」"
    retype(qtbot, win.form_view.fields["grade"], "良")
    assert "S05" not in codes(win)


def test_escape_puts_a_table_cell_back(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(2, model.column_of("actual")))
    type_in_table(qtbot, table, "50%")
    assert win.doc.form(i).indicators[2].actual == "50%"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert win.doc.form(i).indicators[2].actual == "100%"
    assert not win.undo.canUndo() or win.undo.undoText() == ""


# ---- undo / redo ---------------------------------------------------------------------------


def test_undo_redo_a_cell_typed_in_several_keystrokes(win, qtbot):
    i = pick(win, JOBS)
    progress = win.form_view.fields["money.progress"]
    retype(qtbot, progress, "13.38%")
    assert "B01" not in codes(win)
    assert win.isWindowModified()
    qtbot.keyClick(progress, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the window's undo
    assert win.doc.form(i).money.progress == "100%"
    assert progress.text() == "100%"
    assert "B01" in codes(win)
    assert not win.isWindowModified()
    qtbot.keyClick(progress, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert win.doc.form(i).money.progress == "13.38%" and progress.text() == "13.38%"


def test_undo_of_an_edit_in_another_form_goes_back_to_it(win, qtbot):
    i = pick(win, JOBS)
    retype(qtbot, win.form_view.fields["phone"], "12345678")
    j = pick(win, LABOUR)
    win.undo.undo()
    assert win.current == i and win.doc.form(i).phone != "12345678"
    win.undo.redo()
    assert win.doc.form(i).phone == "12345678"
    assert j != i


def test_table_typing_then_undo_restores_the_cell(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(6, model.column_of("score")))
    type_in_table(qtbot, table, "2.24")
    enter(qtbot)
    assert win.doc.form(i).indicators[6].score == "2.24"
    assert "S01" not in codes(win)
    win.undo.undo()
    assert win.doc.form(i).indicators[6].score == "10"
    assert model.index(6, model.column_of("score")).data() == "10"
    assert "S01" in codes(win)


# ---- rows: paste, insert, remove, move ------------------------------------------------------

PASTE = (
    "效益指标（30）\t社会效益指标\t\"劳务派遣人员\n稳定就业\"\t≥60人\t65人\t10\r\n"
    "\t\t工资按时发放率\t100%\t100%\t10\r\n"
    "\t可持续影响指标\t制度健全\t健全\t健全\t10\r\n"
)


def test_paste_rows_from_excel_appends_and_undoes(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    n = model.rowCount()
    QApplication.clipboard().setText(PASTE)
    table.setFocus()
    table.setCurrentIndex(model.index(n - 1, 0))
    win.row_action("insert_below")
    assert model.rowCount() == n + 1
    table.setCurrentIndex(model.index(n, 0))
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = win.doc.form(i).indicators
    assert len(rows) == n + 3
    assert rows[n].level1 == "效益指标（30）" and rows[n].level3 == "劳务派遣人员\n稳定就业"
    assert rows[n + 2].level2 == "可持续影响指标" and rows[n + 2].score == "10"
    assert model.rowCount() == n + 3
    assert table.rowSpan(n, model.column_of("level1")) == 3
    assert "I02" not in codes(win)  # 效益指标 rows exist now
    assert "已粘贴 3 行" in win.statusBar().currentMessage()
    win.undo.undo()
    assert len(win.doc.form(i).indicators) == n + 1
    win.undo.undo()
    assert len(win.doc.form(i).indicators) == n
    assert model.rowCount() == n


def test_copy_cells_as_tab_separated_text(win):
    pick(win, LABOUR)
    table, model = win.table, win.model
    table.setCurrentIndex(model.index(4, model.column_of("level3")))
    table.selectionModel().select(model.index(4, model.column_of("target")),
                                  table.selectionModel().SelectionFlag.Select)
    table.copy_selection()
    assert QApplication.clipboard().text() == "工资发放及时满意度\t≥100%\r\n"


def test_insert_remove_move_rows_and_undo(win, qtbot):
    i = pick(win, LABOUR)
    form = win.doc.form(i)
    names = [r.level3 for r in form.indicators]
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.column_of("level3")))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # move down
    assert [r.level3 for r in form.indicators][:2] == [names[1], names[0]]
    assert form.indicators[0].level1 == "产出指标（50）"  # the merged label stays put
    assert table.currentIndex().row() == 1
    win.row_action("remove")
    assert [r.level3 for r in form.indicators] == [names[1], *names[2:]]
    win.row_action("insert_above")
    assert len(form.indicators) == len(names) and form.indicators[1].level3 == ""
    for _ in range(3):
        win.undo.undo()
    assert [r.level3 for r in form.indicators] == names


def test_delete_key_clears_selected_cells(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(1, model.column_of("score")))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert win.doc.form(i).indicators[1].score == ""
    win.undo.undo()
    assert win.doc.form(i).indicators[1].score == "25"


def test_set_a_level1_label_inside_a_merged_group(win, dialogs):
    i = pick(win, LABOUR)
    win.table.setCurrentIndex(win.model.index(2, win.model.column_of("level3")))
    dialogs.answers["getItem"] = ("效益指标（30）", True)
    win.set_label("level1")
    assert win.doc.form(i).indicators[2].level1 == "效益指标（30）"
    l1 = win.model.column_of("level1")
    assert win.table.rowSpan(0, l1) == 2 and win.table.rowSpan(2, l1) == 2
    assert "I01" not in codes(win)


def test_goals_add_and_remove(win, qtbot):
    i = pick(win, LABOUR)
    win.form_view.goal_add.emit()
    assert len(win.doc.form(i).goals) == 2
    assert "goals[1].target" in win.form_view.fields
    box = win.form_view.fields["goals[1].result"]
    box.setFocus()
    ime_commit(box, "已完成")
    assert win.doc.form(i).goals[1].result == "已完成"
    win.undo.undo()
    win.undo.undo()
    assert len(win.doc.form(i).goals) == 1


# ---- findings -------------------------------------------------------------------------------


def test_clicking_a_finding_selects_and_shows_its_cell(win, qtbot):
    i = pick(win, JOBS)
    items = win.findings.list
    b01 = next(k for k, f in enumerate(win.findings._findings) if f.code == "B01")
    rect = items.visualItemRect(items.item(b01))
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QApplication.focusWidget() is win.form_view.fields["money.progress"]
    s01 = next(k for k, f in enumerate(win.findings._findings) if f.code == "S01")
    win.findings.list.setCurrentRow(s01)
    win.findings.go_button.click()
    exec_row = win.doc.evaluation(i).calc.exec_row
    assert win.table.currentIndex().row() == exec_row
    assert win.table.currentIndex().column() == win.model.column_of("score")
    assert QApplication.focusWidget() is win.table


def test_explain_a_warning_with_a_note_and_refuse_an_error(win, dialogs):
    i = pick(win, LABOUR)
    warnings = [k for k, f in enumerate(win.findings._findings) if f.severity == "警告"]
    k = warnings[0]
    f = win.findings._findings[k]
    win.findings.list.setCurrentRow(k)
    assert win.findings.explain_button.isEnabled()
    dialogs.answers["getMultiLineText"] = ("已与财政局核对，属实", True)
    win.findings.explain_button.click()
    again = next(x for x in win.findings._findings if x.code == f.code and x.cells == f.cells)
    assert again.explained == "已与财政局核对，属实"
    text = next(t for t in list_texts(win) if t.startswith(f"已说明  {f.code}"))
    assert "说明：已与财政局核对，属实" in text
    assert "项已说明" in win.findings.summary.text()
    win.undo.undo()
    assert win.doc.form(i).explanations == []

    e = next(k for k, x in enumerate(win.findings._findings) if x.severity == "错误")
    win.findings.list.setCurrentRow(e)
    assert not win.findings.explain_button.isEnabled()
    win.explain(win.findings._findings[e])
    assert dialogs.said("information")
    assert win.doc.form(i).explanations == []


# ---- forms -----------------------------------------------------------------------------------


def test_add_duplicate_rename_delete_forms_with_undo(win, dialogs):
    i = pick(win, LABOUR)
    fl = win.forms_list.table
    win._form_action("duplicate")
    assert len(win.doc.forms) == 23 and win.current == i + 1
    assert fl.item(i + 1, 0).text() == LABOUR + "（副本）"
    dialogs.answers["getText"] = ("劳务派遣（二）", True)
    win._form_action("rename")
    assert win.doc.form(i + 1).project == "劳务派遣（二）"
    assert win.form_view.fields["project"].text() == "劳务派遣（二）"
    assert fl.item(i + 1, 0).text() == "劳务派遣（二）"
    win._form_action("delete")
    assert len(win.doc.forms) == 22
    win._form_action("add")
    assert len(win.doc.forms) == 23 and win.doc.form(win.current).project == ""
    assert fl.rowCount() == 23
    for _ in range(4):
        win.undo.undo()
    assert len(win.doc.forms) == 22 and fl.rowCount() == 22


def test_layout_b_shows_its_extra_money_cells_and_columns(win, qtbot):
    i = pick(win, LABOUR)
    win.layout_actions["B"].trigger()
    assert win.doc.form(i).layout == "B"
    fields = win.form_view.fields
    assert "money.budget_initial.total" in fields and "money.budget.carryover" in fields
    assert "authority" in fields
    headers = [header(win.model, c) for c in range(win.model.columnCount())]
    assert headers == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "按规则得分", "偏差原因分析及改进措施"]
    retype(qtbot, fields["money.budget.carryover"], "1")
    assert "B02" in codes(win)
    win.undo.undo()
    win.undo.undo()
    assert win.doc.form(i).layout == "A" and "money.budget_initial.total" not in win.form_view.fields


def test_year_is_a_file_field_and_reevaluates_every_form(win, qtbot):
    pick(win, LABOUR)
    year = win.form_view.fields["year"]
    retype(qtbot, year, "")
    assert win.doc.dfile.year == ""
    assert any(f.code == "C01" and f.cells == ("year",) for f in win.findings._findings)
    win.undo.undo()
    assert win.doc.dfile.year == "2020" and year.text() == "2020"


# ---- keyboard ---------------------------------------------------------------------------------


def test_chinese_input_method_works_in_fields_and_table_cells(win):
    i = pick(win, LABOUR)
    problems = win.form_view.fields["problems"]
    problems.setFocus()
    problems.selectAll()
    ime_commit(problems, "资金执行进度偏慢，下一步加快拨付。")
    assert win.doc.form(i).problems == "资金执行进度偏慢，下一步加快拨付。"
    assert "I09" not in codes(win)
    unit = win.form_view.fields["unit"]
    unit.setFocus()
    unit.selectAll()
    ime_commit(unit, "人社局")
    assert win.doc.form(i).unit == "人社局"
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(2, model.column_of("level3")))
    ime_commit(table, "工资发放")  # on a cell that is not being edited: starts the editor
    assert table.state() == table.State.EditingState
    assert win.doc.form(i).indicators[2].level3 == "工资发放"



def test_enter_and_arrows_move_between_cells(win, qtbot):
    pick(win, LABOUR)
    f = win.form_view.fields
    f["money.budget.total"].setFocus()
    qtbot.keyClick(f["money.budget.total"], Qt.Key.Key_Return)
    assert QApplication.focusWidget() is f["money.budget.fiscal"]
    qtbot.keyClick(f["money.budget.fiscal"], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is f["money.budget.other"]
    qtbot.keyClick(f["money.budget.other"], Qt.Key.Key_Up)
    assert QApplication.focusWidget() is f["money.budget.fiscal"]
    f["money.arrived.total"].setFocus()
    qtbot.keyClick(f["money.arrived.total"], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is f["money.arrived.fiscal"]
    # from the goals' 总体完成率 down into the indicator table, and out again below it
    f["completion"].setFocus()
    qtbot.keyClick(f["completion"], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is win.table
    assert win.table.currentIndex().row() == 0
    last = win.model.rowCount() - 1
    win.table.setCurrentIndex(win.model.index(last, win.model.column_of("score")))
    qtbot.keyClick(win.table, Qt.Key.Key_Down)
    assert QApplication.focusWidget() in (f["total_score"], f["grade"])


def test_tab_in_the_table_skips_the_computed_column(win, qtbot):
    pick(win, LABOUR)
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.column_of("score")))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.currentIndex().row() == 1
    assert table.currentIndex().column() == model.column_of("level3")  # merged 一级/二级 skipped
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, model.column_of("score"))


def test_mark_a_row_not_applicable_rescales_the_total(win):
    i = pick(win, LABOUR)
    model = win.model
    win.table.setCurrentIndex(model.index(4, model.column_of("level3")))
    win.doc.set_cell(i, "indicators[4].points", "5")  # 分值 known: its points leave the 100
    win.toggle_not_applicable()
    assert win.doc.form(i).indicators[4].not_applicable
    assert model.index(4, model.column_of("suggested")).data() == "不适用"
    assert win.doc.evaluation(i).calc.total == pytest.approx(95 * 100 / 95)
    win.undo.undo()
    assert not win.doc.form(i).indicators[4].not_applicable


def test_file_rules_turn_checks_on_and_undo(win):
    pick(win, "创业扶持资金")  # 52.73 % executed, 100 points
    assert "S12" not in codes(win)
    win.rule_actions["score_cap_by_rate"].trigger()
    assert "S12" in codes(win) and win.doc.dfile.settings.score_cap_by_rate
    win.undo.undo()
    assert "S12" not in codes(win) and not win.rule_actions["score_cap_by_rate"].isChecked()
    pick(win, "9村村民参加企业职工养老保险区级财政补贴资金")  # 填报人 blank
    win.rule_actions["finalising"].trigger()
    c01 = [f for f in win.doc.evaluation(win.current).findings if f.code == "C01"]
    assert c01 and all(f.severity == "错误" for f in c01)
