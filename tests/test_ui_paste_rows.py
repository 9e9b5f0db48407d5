"""Pasting rows copied from Excel/WPS in the real window: nothing overwritten, merged labels one
cell per run, in the window and the PDF."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import copy  # noqa: E402

import pypdf  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_support import pick  # noqa: E402

from perfdesk import pdf  # noqa: E402

LABOUR = "劳务派遣人员专项资金"
CLEAN = "退役人员待安置期间养老保险补助专项资金"
ROWS = (  # two full rows as Excel copies them: the merged 一级/二级 only on the first
    "产出指标（50）\t数量指标\t培训人次\t≥100人\t120人\t5\r\n"
    "\t\t宣传场次\t≥4场\t4场\t5\r\n"
)


def _click(qtbot, table, row, col):
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_paste_on_the_merged_level1_cell_inserts_and_keeps_every_indicator(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    before = [r.level3 for r in win.doc.form(i).indicators]
    l1 = model.column_of("level1")
    table.setFocus()
    _click(qtbot, table, 2, l1)  # inside the merged 产出指标 cell (rows 1-4)
    assert table.currentIndex().row() == 0
    QApplication.clipboard().setText(ROWS)
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = win.doc.form(i).indicators
    assert [r.level3 for r in rows] == ["培训人次", "宣传场次", *before]
    assert table.rowSpan(0, l1) == 6  # one 产出指标 cell over the pasted rows and the old four
    assert table.rowSpan(0, model.column_of("level2")) == 4
    assert "产出指标（50）" in model.index(0, l1).data() and "小计 90 / 50" in model.index(0, l1).data()
    win.undo.undo()
    assert [r.level3 for r in win.doc.form(i).indicators] == before
    assert table.rowSpan(0, l1) == 4


def test_paste_from_a_blank_rows_header_fills_it_and_inserts_the_rest(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    table.setFocus()
    table.setCurrentIndex(model.index(2, model.column_of("level3")))
    win.row_action("insert_above")  # a blank row 3 above 每月工资是否按时发放
    before = copy.deepcopy(win.doc.form(i).indicators)
    header = table.verticalHeader()
    y = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.width() // 2, y))
    assert table.selectionModel().isRowSelected(2) and table.currentIndex().row() == 2
    QApplication.clipboard().setText(ROWS.replace("产出指标（50）\t数量指标", "\t"))
    table.setCurrentIndex(model.index(2, model.column_of("level1")))
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = win.doc.form(i).indicators
    assert [r.level3 for r in rows[:4]] == [before[0].level3, before[1].level3, "培训人次", "宣传场次"]
    assert rows[4:] == before[3:]  # the indicators below moved down, untouched
    assert win.statusBar().currentMessage().startswith("已粘贴 2 行")


def test_moving_a_pasted_row_beside_its_own_label_shows_one_cell(win, qtbot):
    i = pick(win, LABOUR)
    table, model = win.table, win.model
    n = model.rowCount()
    win.paste(n, 0, "满意度指标（10）\t满意度指标\t服务满意度\t≥90%\t95%\t5\r\n")  # after 预算执行率
    assert win.doc.form(i).indicators[n].level1 == "满意度指标（10）"
    table.setFocus()
    table.setCurrentIndex(model.index(n, model.column_of("level3")))
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # up beside 满意度
    rows = win.doc.form(i).indicators
    assert [r.level3 for r in rows[4:7]] == ["工资发放及时满意度", "保险缴纳及时满意度", "服务满意度"]
    assert (rows[6].level1, rows[6].level2) == ("", "")
    l1, l2 = model.column_of("level1"), model.column_of("level2")
    assert table.rowSpan(4, l1) == 3 and table.rowSpan(4, l2) == 3
    assert rows[7].level1 == "预算执行率（10）" and table.rowSpan(7, l1) == 1


def test_the_pdf_prints_one_cell_per_run_of_a_repeated_label(demo, tmp_path):
    form = copy.deepcopy(next(f for f in demo.forms if f.project == CLEAN))
    form.indicators[1].level2 = "质量指标"  # typed again under its own 二级
    form.indicators[2].level1 = "产出指标（50）"  # and a 一级 repeated
    demo.forms = [form]
    result = pdf.write_pdf(demo, tmp_path / "out.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(result.path)).pages)
    assert text.count("质量指标") == 1 and text.count("产出指标") == 1
    assert "实际发放的补助金金额占计划发放金额的比率" in text.replace("\n", "")
