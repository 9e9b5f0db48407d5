"""The main window: forms on the left, the open form in the middle, its findings on the right.

Every edit is an undoable command (``commands``) that calls the Document; the
Document re-evaluates only the edited form, and the window refreshes only
what that form shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
)

from .. import layouts as lay
from ..addresses import row_index
from ..calc import LEVEL2_ALLOWED
from ..cell_notes import cell_notes
from ..changes import OpChanges
from ..checks import ERROR
from ..document import Document
from ..errors import PerfdeskError
from ..messages import cell_label, render
from ..tsv import parse_tsv
from . import commands as cmd
from .files import (
    RecentFiles,
    RecoveryStore,
    ask_open_path,
    ask_save_path,
    default_recovery_dir,
    default_settings,
)
from .findings_panel import FindingsPanel
from .form_view import FormView
from .forms_list import FormsList
from .indicator_model import IndicatorModel
from .office_actions import OfficeActions

APP_TITLE = "绩效自评表 perfdesk"
LEVEL1_CHOICES = ("产出指标（50）", "效益指标（30）", "满意度指标（10）", "预算执行率（10）")
AUTOSAVE_MS = 5000


class MainWindow(QMainWindow):
    def __init__(self, settings=None, recovery_dir=None, autosave_ms: int = AUTOSAVE_MS):
        super().__init__()
        self.settings = settings if settings is not None else default_settings()
        self.recent = RecentFiles(self.settings)
        self.recovery = RecoveryStore(recovery_dir if recovery_dir is not None else default_recovery_dir())
        self.undo = QUndoStack(self)
        self.undo.indexChanged.connect(self._sync_dirty)
        self.undo.cleanChanged.connect(self._sync_dirty)
        self.doc = Document.new()
        self.current = -1
        self.definitions: bool | None = None  # 指标解释 column: None = when the form has any

        self.model = IndicatorModel(self._table_edit)
        self.forms_list = FormsList()
        self.form_view = FormView(self.model)
        self.findings = FindingsPanel()
        self.table = self.form_view.table

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.forms_list)
        split.addWidget(self.form_view)
        split.addWidget(self.findings)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        split.setSizes([300, 940, 360])
        split.setChildrenCollapsible(False)
        self.splitter = split
        self.setCentralWidget(split)
        self.autosave_label = QLabel("")
        self.statusBar().addPermanentWidget(self.autosave_label)

        self.forms_list.selected.connect(self.show_form)
        self.forms_list.action.connect(self._form_action)
        self.form_view.edited.connect(self._field_edited)
        self.form_view.file_edited.connect(self._file_edited)
        self.form_view.goal_add.connect(self._goal_add)
        self.form_view.goal_remove.connect(self._goal_remove)
        self.form_view.row_action.connect(self.row_action)
        self.findings.go_to.connect(self.go_to_cell)
        self.findings.explain_requested.connect(self.explain)
        self.table.delegate.live_edit.connect(self._table_live)
        self.table.delegate.reverted.connect(self._table_live)
        self.table.paste_requested.connect(self.paste)
        self.table.clear_requested.connect(self._clear_cells)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.delegate.closeEditor.connect(self._editor_closed)
        self.table.delegate.undo_key.connect(self._undo_key)
        self.form_view.undo_key.connect(self._undo_key)
        self._typing_in_table = False

        self.office = OfficeActions(self)
        self._make_actions()
        self.setAcceptDrops(True)
        self.resize(1600, 1000)
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

        self.autosave = QTimer(self)
        self.autosave.setInterval(autosave_ms)
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()
        self.set_document(self.doc)

    # ---- actions and menus ---------------------------------------------------------------

    def _action(self, text, slot, shortcut=None, menu=None, context=None, widget=None):
        act = QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(k) if isinstance(k, str) else QKeySequence(k) for k in keys])
        act.triggered.connect(lambda _=False: slot())
        if context is not None:
            act.setShortcutContext(context)
        (widget or self).addAction(act)
        if menu is not None:
            menu.addAction(act)
        return act

    def _make_actions(self) -> None:
        bar = self.menuBar()
        SK = QKeySequence.StandardKey
        m = bar.addMenu("文件(&F)")
        self._action("新建部门文件(&N)", self.new_file, SK.New, m)
        self._action("打开(&O)…", self.open_file, SK.Open, m)
        self.recent_menu = m.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        self._action("保存(&S)", self.save, SK.Save, m)
        self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S", m)
        m.addSeparator()
        self.office.add_to(m)
        m.addSeparator()
        self._action("打印本表(&P)…", lambda: self.print_pdf(everything=False), SK.Print, m)
        self._action("打印全部表…", lambda: self.print_pdf(everything=True), None, m)
        self._action("导出本表为 PDF…", lambda: self.export_pdf(everything=False), "Ctrl+E", m)
        self._action("导出全部表为 PDF…", lambda: self.export_pdf(everything=True), None, m)
        m.addSeparator()
        self._action("退出(&X)", self.close, "Ctrl+Q", m)

        m = bar.addMenu("编辑(&E)")
        undo = self.undo.createUndoAction(self, "撤销")
        undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
        redo = self.undo.createRedoAction(self, "重做")
        keys = [QKeySequence("Ctrl+Y")]
        keys += [k for k in QKeySequence.keyBindings(SK.Redo) if k not in keys]
        redo.setShortcuts(keys)
        for a in (undo, redo):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)
            m.addAction(a)
        self.undo_action, self.redo_action = undo, redo
        m.addSeparator()
        tctx = Qt.ShortcutContext.WidgetShortcut
        self._action("复制选中单元格", self.table.copy_selection, SK.Copy, m, tctx, self.table)
        self._action("粘贴到指标表（从 Excel/WPS）", self._paste_clipboard, SK.Paste, m, tctx, self.table)
        m.addSeparator()
        self._action("在下方插入指标行", lambda: self.row_action("insert_below"), "Ctrl+=", m)
        self._action("在上方插入指标行", lambda: self.row_action("insert_above"), "Ctrl+Shift+=", m)
        self._action("删除指标行", lambda: self.row_action("remove"), "Ctrl+-", m)
        self._action("上移指标行", lambda: self.row_action("up"), "Alt+Up", m)
        self._action("下移指标行", lambda: self.row_action("down"), "Alt+Down", m)
        m.addSeparator()
        self._action("在本行设置一级指标…", lambda: self.set_label("level1"), None, m)
        self._action("在本行设置二级指标…", lambda: self.set_label("level2"), None, m)
        self._action("本行不适用（不计分）/ 恢复", self.toggle_not_applicable, None, m)

        m = bar.addMenu("表(&T)")
        self._action("新建表", lambda: self._form_action("add"), "Ctrl+Shift+N", m)
        self._action("复制本表", lambda: self._form_action("duplicate"), None, m)
        self._action("重命名本表…", lambda: self._form_action("rename"), "F2", m,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut, self.forms_list)
        self._action("删除本表", lambda: self._form_action("delete"), None, m)
        self._action("本表上移", lambda: self._form_action("up"), None, m)
        self._action("本表下移", lambda: self._form_action("down"), None, m)
        m.addSeparator()
        layouts = m.addMenu("表样式")
        group = QActionGroup(self)
        self.layout_actions = {}
        for key, name in cmd.SetLayout.NAMES.items():
            act = QAction(name, self, checkable=True)
            act.triggered.connect(lambda _=False, k=key: self.set_layout(k))
            group.addAction(act)
            layouts.addAction(act)
            self.layout_actions[key] = act
        rules = m.addMenu("本文件的审核规则")
        self.rule_actions = {}
        for name, text in (("score_cap_by_rate", "按执行率限制总分（S12，部分省份的规定）"),
                           ("finalising", "定稿审核：必填项为空算作错误（C01）")):
            act = QAction(text, self, checkable=True)
            act.triggered.connect(lambda on, n=name: self.undo.push(cmd.SetRule(self, n, on)))
            rules.addAction(act)
            self.rule_actions[name] = act
        self.definitions_action = QAction("显示“指标解释”列（样式 A）", self, checkable=True)
        self.definitions_action.triggered.connect(self._toggle_definitions)
        m.addAction(self.definitions_action)
        for act in (self.forms_list.table,):
            for name, text in (("add", "新建表"), ("duplicate", "复制本表"), ("rename", "重命名…"),
                               ("delete", "删除本表"), ("up", "上移"), ("down", "下移")):
                a = QAction(text, act)
                a.triggered.connect(lambda _=False, n=name: self._form_action(n))
                act.addAction(a)

        m = bar.addMenu("查看(&V)")
        self._action("转到表列表", self.forms_list.table.setFocus, "Ctrl+1", m)
        self._action("转到表格内容", self._focus_form, "Ctrl+2", m)
        self._action("转到审核结果", self._focus_findings, "Ctrl+3", m)

        m = bar.addMenu("帮助(&H)")
        self._action("关于 perfdesk", self._about, None, m)

    # ---- the document ---------------------------------------------------------------------

    def _show_rules(self) -> None:
        for name, act in self.rule_actions.items():
            act.setChecked(getattr(self.doc.dfile.settings, name))

    def set_document(self, doc: Document, select: int = 0) -> None:
        self.doc = doc
        self._show_rules()
        self.undo.clear()
        if doc.dirty:
            self.undo.resetClean()
        self.current = -1
        self.definitions = None
        self._refresh_forms_list(select)
        self.show_form(select if doc.forms else -1)
        self.office.sync()
        self._sync_dirty()

    def _sync_dirty(self, *_):
        self.doc.dirty = not self.undo.isClean()
        self.setWindowModified(self.doc.dirty)
        self.setWindowTitle(f"{self.doc.title}[*] — {APP_TITLE}")

    def _refresh_forms_list(self, select: int) -> None:
        evs = [self.doc.evaluation(i) for i in range(len(self.doc.forms))]
        self.forms_list.set_forms(self.doc.forms, evs, select)

    def show_form(self, index: int) -> None:
        """Show form ``index`` (-1: none)."""
        doc = self.doc
        if not 0 <= index < len(doc.forms):
            self.current = -1
            self.model.set_form(None, None, {}, False)
            self.form_view.show_empty()
            self.findings.show_findings(None, [])
            return
        self.current = index
        form = doc.form(index)
        ev = doc.evaluation(index)
        notes = cell_notes(form, ev)
        self.form_view.build(form.layout, len(form.goals), form.money)
        self._set_table(index, ev, notes)
        self.form_view.load(form, doc.dfile.year, doc.dfile.money_unit, doc.dfile.department)
        self.form_view.show_evaluation(form, ev.calc, notes)
        self.findings.show_findings(form, ev.findings)
        self.forms_list._quiet = True
        self.forms_list.table.setCurrentCell(index, 0)
        self.forms_list._quiet = False
        if form.layout in self.layout_actions:
            self.layout_actions[form.layout].setChecked(True)
        self.definitions_action.setChecked(self._definitions_shown(index))
        self.definitions_action.setEnabled(lay.get(form.layout).indicator_column("definition") is not None)
        QTimer.singleShot(0, self.table.fit_rows)
        self.table.fit_rows()

    def _set_table(self, index: int, ev, notes) -> None:
        """The indicator table for form ``index``, with 上年实际 when last year has this project."""
        last = self.doc.last_year_actuals(index)
        year = self.doc.last_year().year if last is not None else ""
        self.model.set_form(self.doc.form(index), ev.calc, notes, self._definitions_shown(index), last, year)
        self.table.setup_columns()

    def _definitions_shown(self, index: int) -> bool:
        if self.definitions is not None:
            return self.definitions
        return any(r.definition.strip() for r in self.doc.form(index).indicators)

    def _refresh(self, index: int, rows=()) -> None:
        """The form's arithmetic and findings changed: repaint what shows them."""
        form = self.doc.form(index)
        ev = self.doc.evaluation(index)
        self.forms_list.update_row(index, form, ev)
        if index != self.current:
            return
        rendered = [render(f, form) for f in ev.findings]
        notes = cell_notes(form, ev, rendered)
        self.form_view.show_evaluation(form, ev.calc, notes)
        last = self.doc.last_year_actuals(index)
        if (last is None) != (self.model.last_actuals is None):  # the project now is (not) last year's
            self._set_table(index, ev, notes)
            self.table.fit_rows()
        else:
            self.model.refresh(ev.calc, notes, rows, last)
        self.findings.show_findings(form, ev.findings, rendered)

    # ---- refreshing what an edit changed ------------------------------------------------------

    def apply(self, changes: OpChanges, select: int | None = None) -> None:
        """Refresh what an edit's ``changes`` name, and nothing else.

        ``select``: the form to show after forms were added, removed or moved.
        """
        if changes.forms:
            self._forms_changed(select if select is not None else changes.form)
        elif changes.layout:
            self._form_rebuilt(changes.form)
        elif changes.last_year:
            self._last_year_changed()
        elif changes.file:
            self._file_changed()
        elif changes.rows:
            self._rows_changed(changes.form, changes.rows)
        elif changes.form is not None:
            self._cells_changed(changes.form, changes.cells)

    def _cells_changed(self, index: int, addresses) -> None:
        if index != self.current:
            self.show_form(index)
            self._focus_changed_cell(addresses)
            return
        rows = set()
        spans = False
        for address in addresses:
            row = row_index(address)
            if row is not None:
                rows.add(row)
                spans = spans or address.endswith((".level1", ".level2"))
            elif address == "layout":
                self.show_form(index)
                return
            else:
                self.form_view.set_text(address, self.doc.cell(index, address))
        self._refresh(index, rows)
        if rows:
            if spans:
                self.table.apply_spans()
            self.table.delegate.sync_editor()
            if not self._typing_in_table:
                self.table.fit_rows(sorted(rows))

    def _rows_changed(self, index: int, table: str) -> None:
        if table == "goals" or index != self.current:
            scroll = self.form_view.verticalScrollBar().value()
            self.show_form(index)
            QTimer.singleShot(0, lambda: self.form_view.verticalScrollBar().setValue(scroll))
            return
        ev = self.doc.evaluation(index)
        self.model.rows_reset(ev.calc, cell_notes(self.doc.form(index), ev))
        self.table.apply_spans()
        self.table.fit_rows()
        self._refresh(index)

    def _forms_changed(self, select: int) -> None:
        self._refresh_forms_list(select)
        self.show_form(select if self.doc.forms else -1)

    def _form_rebuilt(self, index: int) -> None:
        self.forms_list.update_row(index, self.doc.form(index), self.doc.evaluation(index))
        self.show_form(index)

    def _file_changed(self) -> None:
        self._show_rules()
        self._refresh_forms_list(self.current)
        if self.current >= 0:
            self.form_view.set_text("year", self.doc.dfile.year)
            self.form_view.set_text("money_unit", self.doc.dfile.money_unit)
            self._refresh(self.current)

    def _last_year_changed(self) -> None:
        """Another last year's file (or none): every form re-evaluated, 上年实际 shown or not."""
        self._refresh_forms_list(self.current)
        if self.current >= 0:
            ev = self.doc.evaluation(self.current)
            notes = cell_notes(self.doc.form(self.current), ev)
            self._set_table(self.current, ev, notes)
            self.table.fit_rows()
            self._refresh(self.current)
        self.office.sync()

    def _focus_changed_cell(self, addresses) -> None:
        for address in addresses:
            if self.form_view.focus_cell(address):
                return

    # ---- edits ---------------------------------------------------------------------------------

    def _field_edited(self, address: str, text: str, key) -> None:
        if self.current >= 0:
            self.undo.push(cmd.SetCell(self, self.current, address, text, key))

    def _file_edited(self, name: str, text: str, key) -> None:
        self.undo.push(cmd.SetFileField(self, name, text, key))

    def _table_live(self, index, text: str, key) -> None:
        if self.current >= 0 and index.isValid():
            self._typing_in_table = True  # the row is fitted to its text when the editor closes
            try:
                self.undo.push(cmd.SetCell(
                    self, self.current, self.model.address(index.row(), index.column()), text, key))
            finally:
                self._typing_in_table = False

    def _undo_key(self, redo: bool) -> None:
        if redo:
            self.undo.redo()
        else:
            self.undo.undo()

    def _editor_closed(self, *_):
        index = self.table.currentIndex()
        if index.isValid():
            self.table.fit_rows([index.row()])

    def _table_edit(self, address: str, text: str) -> None:
        if self.current >= 0:
            self.undo.push(cmd.SetCell(self, self.current, address, text))

    def _clear_cells(self, cells) -> None:
        if self.current < 0:
            return
        values = {}
        for row, col in cells:
            name = self.model.fields[col]
            if self.model.editable_fields()[col] is not None and self.doc.cell(
                    self.current, f"indicators[{row}].{name}"):
                values[f"indicators[{row}].{name}"] = ""
        if values:
            self.undo.push(cmd.SetCells(self, self.current, values))

    def _paste_clipboard(self) -> None:
        cur = self.table.currentIndex()
        text = QApplication.clipboard().text()
        if cur.isValid():
            self.paste(cur.row(), cur.column(), text)
        else:
            self.paste(self.model.rowCount(), 0, text)

    def paste(self, row: int, col: int, text: str) -> None:
        """Paste a block copied from Excel/WPS into the indicator table at (row, col)."""
        if self.current < 0:
            return
        grid = parse_tsv(text)
        if not grid:
            return
        selected = [i for i in self.table.selectedIndexes()
                    if self.model.editable_fields()[i.column()] is not None]
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            values = {self.model.address(i.row(), i.column()): grid[0][0] for i in selected}
            self.undo.push(cmd.SetCells(self, self.current, values, "粘贴"))
            return
        command = cmd.Paste(self, self.current, "indicators", row, col, grid, self.model.editable_fields())
        self.undo.push(command)
        p = command.pasted
        msg = f"已粘贴 {p.rows} 行 × {p.cols} 列"
        if p.added:
            msg += f"，新增 {p.added} 行"
        if p.skipped:
            msg += f"；超出表格右边的 {p.skipped} 列没有粘贴"
        self.statusBar().showMessage(msg, 8000)
        start = self.model.index(p.row, col)
        self.table.setCurrentIndex(start)

    def _current_row(self) -> int:
        cur = self.table.currentIndex()
        return cur.row() if cur.isValid() else -1

    def row_action(self, name: str) -> None:
        if self.current < 0:
            return
        n = self.model.rowCount()
        row = self._current_row()
        col = self.table.currentIndex().column() if row >= 0 else self.model.column_of("level3")
        if name in ("insert_below", "insert_above"):
            at = (row + 1 if name == "insert_below" else row) if row >= 0 else n
            self.undo.push(cmd.InsertRows(self, self.current, "indicators", at, 1))
            self._select(at, self.model.column_of("level3"))
        elif name == "remove" and row >= 0:
            rows = sorted({i.row() for i in self.table.selectedIndexes()} | {row})
            if rows == list(range(rows[0], rows[-1] + 1)):
                self.undo.push(cmd.RemoveRows(self, self.current, "indicators", rows[0], len(rows)))
            else:
                self.undo.beginMacro(f"删除{len(rows)}行指标行")
                for r in reversed(rows):
                    self.undo.push(cmd.RemoveRows(self, self.current, "indicators", r, 1))
                self.undo.endMacro()
            self._select(min(rows[0], self.model.rowCount() - 1), col)
        elif name in ("up", "down") and row >= 0:
            dst = row - 1 if name == "up" else row + 1
            if 0 <= dst < n:
                self.undo.push(cmd.MoveRow(self, self.current, "indicators", row, dst))
                self._select(dst, col)

    def _select(self, row: int, col: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, max(col, 0)))
            self.table.setFocus()

    def set_label(self, which: str) -> None:
        """Start a new 一级/二级 group at the current row (the merged cell hides the row's own)."""
        row = self._current_row()
        if self.current < 0 or row < 0:
            return
        form = self.doc.form(self.current)
        calc = self.doc.evaluation(self.current).calc
        if which == "level1":
            choices = list(LEVEL1_CHOICES)
            title = "一级指标"
        else:
            level1 = calc.rows[row].level1 if row < len(calc.rows) else ""
            choices = list(LEVEL2_ALLOWED.get(level1, ())) or [
                x for v in LEVEL2_ALLOWED.values() for x in v]
            title = "二级指标"
        current = getattr(form.indicators[row], which)
        if current and current not in choices:
            choices.insert(0, current)
        text, ok = QInputDialog.getItem(
            self, f"设置{title}", f"第 {row + 1} 行的{title}（留空则沿用上一行的）：",
            [""] + choices, choices.index(current) + 1 if current in choices else 0, True)
        if ok and text != current:
            self.undo.push(cmd.SetCell(self, self.current, f"indicators[{row}].{which}", text))

    def toggle_not_applicable(self) -> None:
        """Mark the current indicator row 不适用 (总分 is scaled back to 100 without it), or undo that."""
        row = self._current_row()
        if self.current < 0 or row < 0:
            return
        value = not self.doc.form(self.current).indicators[row].not_applicable
        self.undo.push(cmd.SetCell(self, self.current, f"indicators[{row}].not_applicable", value))

    def _table_menu(self, pos) -> None:
        menu = QMenu(self)
        for text, slot in (
            ("在下方插入行", lambda: self.row_action("insert_below")),
            ("在上方插入行", lambda: self.row_action("insert_above")),
            ("删除行", lambda: self.row_action("remove")),
            ("上移", lambda: self.row_action("up")),
            ("下移", lambda: self.row_action("down")),
            (None, None),
            ("在本行设置一级指标…", lambda: self.set_label("level1")),
            ("在本行设置二级指标…", lambda: self.set_label("level2")),
            ("本行不适用（不计分）/ 恢复", self.toggle_not_applicable),
            (None, None),
            ("复制", self.table.copy_selection),
            ("粘贴（从 Excel/WPS）", self._paste_clipboard),
        ):
            if text is None:
                menu.addSeparator()
            else:
                menu.addAction(text).triggered.connect(lambda _=False, s=slot: s())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _goal_add(self) -> None:
        if self.current >= 0:
            n = len(self.doc.form(self.current).goals)
            self.undo.push(cmd.InsertRows(self, self.current, "goals", n, 1))
            self.form_view.focus_cell(f"goals[{n}].target")

    def _goal_remove(self, index: int) -> None:
        if self.current >= 0 and 0 <= index < len(self.doc.form(self.current).goals):
            self.undo.push(cmd.RemoveRows(self, self.current, "goals", index, 1))

    def set_layout(self, layout: str) -> None:
        if self.current >= 0 and self.doc.form(self.current).layout != layout:
            self.undo.push(cmd.SetLayout(self, self.current, layout))

    def _toggle_definitions(self, checked: bool) -> None:
        self.definitions = checked
        if self.current >= 0:
            self.show_form(self.current)

    def _form_action(self, name: str) -> None:
        i = self.current
        n = len(self.doc.forms)
        if name == "add":
            self.undo.push(cmd.AddForm(self, i + 1 if i >= 0 else n))
            self.form_view.focus_cell("project")
            return
        if i < 0:
            return
        if name == "duplicate":
            self.undo.push(cmd.AddForm(self, i + 1, copy_of=i))
        elif name == "rename":
            old = self.doc.form(i).project
            text, ok = QInputDialog.getText(self, "重命名表", "项目名称：", text=old)
            if ok and text != old:
                self.undo.push(cmd.SetCell(self, i, "project", text))
        elif name == "delete":
            project = self.doc.form(i).project or "未命名"
            self.undo.push(cmd.DeleteForm(self, i))
            self.statusBar().showMessage(f"已删除表「{project}」，按 Ctrl+Z 可撤销", 8000)
        elif name == "up" and i > 0:
            self.undo.push(cmd.MoveForm(self, i, i - 1))
        elif name == "down" and i < n - 1:
            self.undo.push(cmd.MoveForm(self, i, i + 1))

    def explain(self, finding) -> None:
        if self.current < 0:
            return
        if finding.severity == ERROR:
            QMessageBox.information(
                self, "不能说明", "这是错误：表格自相矛盾，审核时会被退回。\n错误不能加说明了事，请改正表中的数字或文字。")
            return
        form = self.doc.form(self.current)
        where = "、".join(cell_label(c, form) for c in finding.cells[:3])
        note, ok = QInputDialog.getMultiLineText(
            self, f"说明 {finding.code}",
            f"{finding.severity}（{where}）\n写明为什么这样填（会随表打印）；清空则取消说明：",
            finding.explained or "")
        if ok and note != (finding.explained or ""):
            self.undo.push(cmd.Explain(self, self.current, finding.code, finding.cells, note))

    def go_to_cell(self, address: str) -> None:
        self.form_view.focus_cell(address)

    def _focus_form(self) -> None:
        self.form_view.focus_cell("project")

    def _focus_findings(self) -> None:
        self.findings.list.setFocus()
        if self.findings.list.currentRow() < 0:
            self.findings.select_first()

    # ---- files --------------------------------------------------------------------------------------

    def new_file(self) -> None:
        if self.maybe_save():
            self.recovery.discard()
            self.set_document(Document.new())

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        path = ask_open_path(self, self.recent)
        if path:
            self.open_path(path)

    def open_path(self, path) -> bool:
        """Open a department file; on failure say why and keep the open file as it is."""
        try:
            doc = Document.open(path)
        except PerfdeskError as err:
            QMessageBox.critical(self, "无法打开文件", str(err))
            if not Path(path).exists():
                self.recent.remove(path)
            return False
        self.recovery.discard()
        self.set_document(doc)
        self.recent.add(path)
        self.statusBar().showMessage(f"已打开 {Path(path).name}，共 {len(doc.forms)} 张表", 5000)
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(None)

    def print_pdf(self, everything: bool) -> None:
        from . import printing  # reportlab and pdfium load on first print, not at start

        if self.doc.forms:
            printing.print_forms(self, self.doc, max(self.current, 0), everything)

    def export_pdf(self, everything: bool):
        from . import printing

        if self.doc.forms:
            return printing.export_pdf(self, self.doc, max(self.current, 0), everything)
        return None

    def save_as(self) -> bool:
        suggested = self.doc.title if self.doc.path is not None else (
            f"{self.doc.dfile.department or '部门'}{self.doc.dfile.year}年绩效自评表.perfdesk")
        path = ask_save_path(self, self.recent, suggested)
        if not path:
            return False
        return self._save_to(path)

    def _save_to(self, path) -> bool:
        try:
            self.doc.save(path)
        except PerfdeskError as err:
            QMessageBox.critical(self, "保存失败", str(err))
            return False
        self.undo.setClean()
        self.recovery.discard()
        self.recent.add(self.doc.path)
        self._sync_dirty()
        self.statusBar().showMessage(f"已保存到 {self.doc.path}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means stay (cancelled or the save failed)."""
        if not self.doc.dirty:
            return True
        answer = QMessageBox.question(
            self, "保存修改？", f"「{self.doc.title}」有尚未保存的修改。\n是否先保存？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def write_recovery(self) -> None:
        try:
            if self.recovery.write(self.doc):
                from datetime import datetime

                self.autosave_label.setText(f"恢复副本 {datetime.now():%H:%M:%S}")
        except PerfdeskError as err:
            self.statusBar().showMessage(str(err), 8000)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for k, p in enumerate(paths, 1):
            act = self.recent_menu.addAction(f"&{k} {Path(p).name}  —  {Path(p).parent}")
            act.triggered.connect(lambda _=False, p=p: self.maybe_save() and self.open_path(p))

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave.stop()
        self.recovery.release()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            if self.office.drop(files):  # Excel/Word forms: imported
                return
            if self.maybe_save():
                self.open_path(files[0])

    def _about(self) -> None:
        QMessageBox.about(
            self, "关于 perfdesk",
            "perfdesk：部门预算项目绩效自评表的填报与审核。\n"
            "边填边算：执行率、小计、总分、等级和审核结果随每次输入更新。")
