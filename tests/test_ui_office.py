"""The window and Excel/Word: import, export, this year's file from last year's, last year beside this year."""

import copy
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl  # noqa: E402
import pytest  # noqa: E402
from conftest import DEMO_FILE  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402
from ui_support import codes, enter, header, pick, type_in_table  # noqa: E402

from perfdesk import excel, storage  # noqa: E402
from perfdesk.document import Document  # noqa: E402
from perfdesk.newyear import new_year  # noqa: E402
from perfdesk.ui import commands as cmd  # noqa: E402

JOBS = "就业专项资金"


def trigger(w, text):
    """Trigger the 文件 menu's action whose text starts with ``text``."""
    for menu_action in w.menuBar().actions():
        for act in menu_action.menu().actions():
            if act.text().replace("(&", "(").startswith(text):
                act.trigger()
                return
    raise AssertionError(f"no menu action {text}")


@pytest.fixture
def choose(monkeypatch):
    """Answer the file dialogs: ``choose.open`` / ``choose.save`` are what the clerk picks."""

    class Choice:
        open = save = None
        asked: list = []

    def get_open(parent, title, start="", filters="", *args, **kwargs):
        Choice.asked.append((title, start, filters))
        return (str(Choice.open) if Choice.open else "", filters)

    def get_opens(parent, title, start="", filters="", *args, **kwargs):
        Choice.asked.append((title, start, filters))
        return ([str(p) for p in Choice.open] if Choice.open else [], filters)

    def get_save(parent, title, start="", filters="", *args, **kwargs):
        Choice.asked.append((title, start, filters))
        return (str(Choice.save) if Choice.save else "", filters)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(get_opens))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    Choice.asked = []
    return Choice


def demo_codes():
    doc = Document(storage.load(DEMO_FILE))
    return [sorted(f.code for f in doc.evaluation(i).findings) for i in range(len(doc.forms))]


def window_codes(w):
    return [sorted(f.code for f in w.doc.evaluation(i).findings) for i in range(len(w.doc.forms))]


@pytest.fixture
def demo_xlsx(tmp_path):
    path = tmp_path / "各单位报来的表.xlsx"
    excel.export_file(storage.load(DEMO_FILE), path)
    return path


# ---- import ------------------------------------------------------------------------------------


def test_import_an_exported_workbook_from_the_menu(win, choose, demo_xlsx, dialogs):
    opened = win.doc
    choose.open = [demo_xlsx]
    trigger(win, "导入 Excel/Word 表格")
    assert "*.xlsx *.docx" in choose.asked[0][2]
    assert win.doc is not opened and win.doc.path is None
    assert win.forms_list.table.rowCount() == 22
    assert [f.project for f in win.doc.forms] == [f.project for f in opened.forms]
    assert window_codes(win) == demo_codes()
    i = pick(win, JOBS)
    assert codes(win) == set(demo_codes()[i])
    assert win.doc.dirty and win.isWindowModified() and win.windowTitle().startswith("未命名")
    assert "已导入 22 张表" in win.statusBar().currentMessage()
    assert dialogs.calls == []  # nothing unsaved in the demo: no question


def test_import_asks_to_save_the_open_file_first(win, choose, demo_xlsx, dialogs):
    win.undo.push(cmd.SetCell(win, 0, "phone", "1"))
    opened = win.doc
    choose.open = [demo_xlsx]
    dialogs.answers["question"] = QMessageBox.StandardButton.Cancel
    assert not win.office.import_files()
    assert win.doc is opened and win.doc.form(0).phone == "1"
    assert "保存修改" in dialogs.said("question")[0][1]


def test_a_failed_import_says_why_in_chinese_and_keeps_the_open_file(win, choose, tmp_path, dialogs):
    opened, path = win.doc, win.doc.path
    i = pick(win, JOBS)
    fake = tmp_path / "截图.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    choose.open = [fake]
    trigger(win, "导入 Excel/Word 表格")
    [(kind, title, text)] = dialogs.said("box")
    assert title == "导入失败"
    assert "没有导入任何表" in text and "当前打开的文件没有改动" in text
    assert "PNG" in text and "截图.xlsx" in text
    assert win.doc is opened and win.doc.path == path and not win.doc.dirty
    assert win.current == i and win.forms_list.table.rowCount() == 22


def test_many_problems_are_all_listed_under_details(win, choose, tmp_path, dialogs):
    fakes = []
    for n in range(12):
        fake = tmp_path / f"坏{n:02d}.xlsx"
        fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(10))
        fakes.append(fake)
    choose.open = fakes
    assert not win.office.import_files()
    [(kind, title, text)] = dialogs.said("box")
    assert "12 处读不出来" in text and "另有 4 个问题" in text
    assert all(f.name in text for f in fakes)  # the details hold every one


def test_dropping_a_workbook_imports_it(win, qtbot, demo_xlsx):
    opened = win.doc
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(demo_xlsx))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)
    assert win.doc is opened  # imported after the drop has finished, not inside it
    qtbot.waitUntil(lambda: win.doc is not opened)
    assert win.doc.path is None and len(win.doc.forms) == 22
    assert window_codes(win) == demo_codes()
    assert win.forms_list.table.rowCount() == 22


# ---- export ------------------------------------------------------------------------------------


def test_export_to_excel_writes_a_sheet_per_form(win, choose, dialogs):
    target = win.doc.path.with_name("导出.xlsx")
    choose.save = target.with_suffix("")  # no extension typed: .xlsx is added
    trigger(win, "导出为 Excel")
    assert choose.asked[0][1] == str(win.doc.path.with_suffix(".xlsx"))  # the file's name, its folder
    [(kind, title, text)] = dialogs.said("information")
    assert "22 张表" in text and "导出.xlsx" in text
    wb = openpyxl.load_workbook(target)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == 22
    assert not win.doc.dirty  # exporting is not an edit


def test_export_failure_keeps_the_file_and_says_why(win, choose, dialogs, tmp_path):
    choose.save = tmp_path / "没有这个文件夹" / "x.xlsx"
    assert win.office.export_excel() is None
    [(kind, title, text)] = dialogs.said("critical")
    assert title == "导出失败" and "无法写入文件" in text
    choose.save = tmp_path / "x.pdf"
    assert win.office.export_excel() is None
    assert ".xlsx" in dialogs.said("critical")[-1][2]


# ---- this year from last year ------------------------------------------------------------------------


def test_new_year_from_last_years_file_shows_last_years_actuals(win, choose, dialogs):
    last_path = win.doc.path
    last = storage.load(last_path)
    choose.open = last_path
    trigger(win, "从上年文件新建本年文件")
    doc = win.doc
    assert doc.path is None and doc.dirty and doc.dfile.year == "2021"
    assert [f.project for f in doc.forms] == [f.project for f in last.forms]
    assert all(f.money.executed.total == "" and f.total_score == "" for f in doc.forms)
    assert all(ind.actual == "" and ind.score == "" for f in doc.forms for ind in f.indicators)
    assert doc.last_year_file == str(last_path.resolve())
    assert win.forms_list.table.rowCount() == 22

    i = pick(win, JOBS)
    model = win.model
    cols = [header(model, c) for c in range(model.columnCount())]
    assert cols[cols.index("实际完成值") + 1] == "上年实际"
    col = cols.index("上年实际")
    shown = [model.index(r, col).data() for r in range(model.rowCount())]
    assert shown == [ind.actual for ind in last.forms[i].indicators]
    assert model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "2020 年实际完成值"
    assert not model.flags(model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
    assert "对照上年：" in win.findings.last_year_note.text()
    assert "2021 年度" in win.statusBar().currentMessage()
    assert not dialogs.calls


def test_new_year_asks_the_year_when_last_years_cannot_be_read(win, choose, dialogs, tmp_path):
    odd = copy.deepcopy(storage.load(DEMO_FILE))
    odd.year = "上年"
    path = tmp_path / "上年.perfdesk"
    storage.save(odd, path)
    choose.open = path
    dialogs.answers["getText"] = ("2023", True)
    assert win.office.new_from_last_year()
    assert win.doc.dfile.year == "2023"
    assert "上年" in dialogs.said("getText")[0][2]


# ---- comparing with last year's file -------------------------------------------------------------


@pytest.fixture
def year_2021(win, tmp_path):
    """The window with a 2021 file open that is not yet compared with 2020."""
    path = tmp_path / "人社局2021.perfdesk"
    storage.save(new_year(storage.load(DEMO_FILE)), path)
    assert win.open_path(path)
    return path


def test_comparing_with_last_year_finds_looser_targets_and_dropped_indicators(win, choose, year_2021, qtbot,
                                                                                dialogs):
    last = year_2021.with_name("人社局2020.perfdesk")
    shutil.copy(DEMO_FILE, last)
    i = pick(win, JOBS)
    model, table = win.model, win.table
    assert "上年实际" not in [header(model, c) for c in range(model.columnCount())]
    assert not win.findings.last_year_note.isVisible()
    choose.open = last
    trigger(win, "对照上年文件")
    assert win.doc.last_year_file == str(last.resolve()) and win.isWindowModified()
    assert "上年实际" in [header(model, c) for c in range(model.columnCount())]
    assert "22 张表中 22 张找到了上年的同名项目" in win.statusBar().currentMessage()
    assert not {"Y01", "Y02"} & codes(win)

    table.setCurrentIndex(model.index(3, model.column_of("target")))  # last year ≥97%
    type_in_table(qtbot, table, "90%")
    assert win.doc.form(i).indicators[3].target == "90%"
    assert "Y01" in codes(win)
    y01 = next(f for f in win.findings._findings if f.code == "Y01")
    assert y01.cells == ("indicators[3].target",)
    enter(qtbot)

    table.setCurrentIndex(model.index(1, model.column_of("level3")))
    win.row_action("remove")
    assert "Y02" in codes(win)
    col = model.column_of("last_actual")
    assert model.index(1, col).data() == "122人"  # the rows below moved up, last year's with them

    win.undo.undo()  # the row is back
    assert "Y02" not in codes(win)
    trigger(win, "不再对照上年文件")
    assert win.doc.last_year_file == ""
    assert model.column_of("last_actual") == -1 and not {"Y01", "Y02"} & codes(win)
    win.undo.undo()  # compared again
    assert win.doc.last_year_file == str(last.resolve()) and "Y01" in codes(win)
    assert not dialogs.calls


def test_the_last_year_column_follows_the_project_name(win, choose, year_2021, qtbot):
    shutil.copy(DEMO_FILE, year_2021.with_name("2020.perfdesk"))
    choose.open = year_2021.with_name("2020.perfdesk")
    trigger(win, "对照上年文件")
    pick(win, JOBS)
    win.undo.push(cmd.SetCell(win, win.current, "project", "今年的新项目"))
    assert win.model.column_of("last_actual") == -1
    win.undo.undo()
    assert win.model.column_of("last_actual") > 0
    win.set_layout("B")
    fields = win.model.fields
    assert fields[fields.index("actual") + 1] == "last_actual"
    assert win.table.columnWidth(fields.index("last_actual")) > 0


def test_the_open_file_cannot_be_its_own_last_year(win, choose, dialogs):
    choose.open = win.doc.path
    assert not win.office.choose_last_year()
    assert "不能是当前打开的这个文件" in dialogs.said("critical")[0][2]
    assert win.doc.last_year_file == "" and not win.doc.dirty


def test_a_deleted_last_year_file_is_noted_once_not_a_crash(win, choose, year_2021, tmp_path, dialogs, qtbot):
    last = tmp_path / "2020.perfdesk"
    shutil.copy(DEMO_FILE, last)
    choose.open = last
    trigger(win, "对照上年文件")
    assert win.save()
    last.unlink()
    assert win.open_path(year_2021)
    note = win.office.status
    assert note.isVisible() and "上年文件无法读取" in note.text() and "2020.perfdesk" in note.text()
    assert "找不到文件" in note.toolTip()
    assert win.findings.last_year_note.isVisible()
    assert "本次未与上年对照" in win.findings.last_year_note.text()
    i = pick(win, JOBS)
    win.table.setCurrentIndex(win.model.index(3, win.model.column_of("target")))
    type_in_table(qtbot, win.table, "90%")
    assert win.doc.form(i).indicators[3].target == "90%" and "Y01" not in codes(win)
    assert win.model.column_of("last_actual") == -1
    assert not dialogs.calls  # no dialog, on opening or on any keystroke
    trigger(win, "不再对照上年文件")
    assert not note.isVisible() and not win.findings.last_year_note.isVisible()
