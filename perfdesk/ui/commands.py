"""Undoable edits: each command calls one ``Document`` method and hands the window what it changed.

The window (``ui``) offers ``ui.doc``, the Document, and ``ui.apply(changes,
select=None)``, which refreshes what an edit's ``OpChanges`` name (``select``:
the form to show after forms were added, removed or moved).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from .. import layouts
from ..changes import NOTHING
from ..messages import cell_label

MERGE_ID = 1001


class SetCell(QUndoCommand):
    """One typed cell.  Keystrokes in the same editor (same ``merge_key``) merge into one step."""

    def __init__(self, ui, form: int, address: str, text, merge_key=None):
        if address.endswith(".not_applicable"):
            label = "标记不适用" if text else "取消不适用"
        else:
            label = f"修改{cell_label(address, ui.doc.form(form))}"
        super().__init__(label)
        self.ui, self.form, self.address, self.text = ui, form, address, text
        self.merge_key = merge_key
        self.old = None

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def redo(self) -> None:
        op = self.ui.doc.set_cell(self.form, self.address, self.text)
        if self.old is None:
            self.old = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.set_cell(self.form, self.address, self.old).changes)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetCell) or other.merge_key != self.merge_key:
            return False
        if (other.form, other.address) != (self.form, self.address):
            return False
        self.text = other.text
        self.setObsolete(self.text == self.old)
        return True


class SetCells(QUndoCommand):
    """Several cells of one form at once (clearing a selection)."""

    def __init__(self, ui, form: int, values: dict[str, str], text: str = "清除单元格"):
        super().__init__(text)
        self.ui, self.form, self.values = ui, form, dict(values)
        self.old: dict[str, str] = {}

    def redo(self) -> None:
        changes = NOTHING
        for address, text in self.values.items():
            op = self.ui.doc.set_cell(self.form, address, text)
            self.old[address] = op.undo
            changes |= op.changes
        self.ui.apply(changes)

    def undo(self) -> None:
        changes = NOTHING
        for address, text in self.old.items():
            changes |= self.ui.doc.set_cell(self.form, address, text).changes
        self.ui.apply(changes)


class SetRule(QUndoCommand):
    LABELS = {"score_cap_by_rate": "按执行率限制总分", "finalising": "定稿审核"}

    def __init__(self, ui, name: str, on: bool):
        super().__init__(("打开" if on else "关闭") + self.LABELS[name])
        self.ui, self.name, self.on = ui, name, on

    def redo(self) -> None:
        self.ui.apply(self.ui.doc.set_rule(self.name, self.on).changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.set_rule(self.name, not self.on).changes)


class SetFileField(QUndoCommand):
    LABELS = {"department": "填报部门", "year": "年度", "money_unit": "金额单位"}

    def __init__(self, ui, name: str, text: str, merge_key=None):
        super().__init__(f"修改{self.LABELS.get(name, name)}")
        self.ui, self.name, self.text, self.merge_key = ui, name, text, merge_key
        self.old = None

    def id(self) -> int:
        return MERGE_ID + 1 if self.merge_key is not None else -1

    def redo(self) -> None:
        op = self.ui.doc.set_file_field(self.name, self.text)
        if self.old is None:
            self.old = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.set_file_field(self.name, self.old).changes)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, SetFileField) or other.merge_key != self.merge_key:
            return False
        if other.name != self.name:
            return False
        self.text = other.text
        self.setObsolete(self.text == self.old)
        return True


class InsertRows(QUndoCommand):
    def __init__(self, ui, form: int, table: str, at: int, count: int = 1):
        what = "指标行" if table == "indicators" else "目标"
        super().__init__(f"插入{count}行{what}" if count > 1 else f"插入{what}")
        self.ui, self.form, self.table, self.at, self.count = ui, form, table, at, count
        self.rows = None

    def redo(self) -> None:
        op = self.ui.doc.insert_rows(self.form, self.table, self.at, self.rows or self.count)
        self.at = op.undo.start
        self.ui.apply(op.changes)

    def undo(self) -> None:
        op = self.ui.doc.remove_rows(self.form, self.table, self.at, self.count)
        self.rows = op.undo.rows
        self.ui.apply(op.changes)


class RemoveRows(QUndoCommand):
    def __init__(self, ui, form: int, table: str, start: int, count: int = 1):
        what = "指标行" if table == "indicators" else "目标"
        super().__init__(f"删除{count}行{what}" if count > 1 else f"删除{what}")
        self.ui, self.form, self.table, self.start, self.count = ui, form, table, start, count
        self.removed = None

    def redo(self) -> None:
        op = self.ui.doc.remove_rows(self.form, self.table, self.start, self.count)
        self.removed = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.restore_rows(self.form, self.removed).changes)


class MoveRow(QUndoCommand):
    def __init__(self, ui, form: int, table: str, src: int, dst: int):
        super().__init__("上移指标行" if dst < src else "下移指标行")
        self.ui, self.form, self.table, self.src, self.dst = ui, form, table, src, dst
        self.moved = None

    def redo(self) -> None:
        op = self.ui.doc.move_row(self.form, self.table, self.src, self.dst)
        self.moved = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.unmove_row(self.form, self.moved).changes)


class Paste(QUndoCommand):
    def __init__(self, ui, form: int, table: str, row: int, col: int,
                 grid: Sequence[Sequence[str]], columns: Sequence[str | None]):
        super().__init__(f"粘贴{len(grid)}行")
        self.ui, self.form, self.table, self.row, self.col = ui, form, table, row, col
        self.grid, self.columns = [list(r) for r in grid], list(columns)
        self.pasted = None

    def redo(self) -> None:
        op = self.ui.doc.paste_grid(self.form, self.table, self.row, self.col, self.grid, self.columns)
        self.pasted = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.unpaste(self.form, self.pasted).changes)


class AddForm(QUndoCommand):
    """A new blank form (or a duplicate of ``copy_of``) inserted at ``at``."""

    def __init__(self, ui, at: int, copy_of: int | None = None):
        super().__init__("复制表" if copy_of is not None else "新建表")
        self.ui, self.at, self.copy_of = ui, at, copy_of
        self.form = None

    def redo(self) -> None:
        doc = self.ui.doc
        if self.form is not None:
            op = doc.add_form(self.at, self.form)
        elif self.copy_of is not None:
            op = doc.duplicate_form(self.copy_of)
        else:
            op = doc.add_form(self.at)
        self.at = op.undo
        self.form = doc.form(self.at)
        self.ui.apply(op.changes, select=self.at)

    def undo(self) -> None:
        op = self.ui.doc.delete_form(self.at)
        self.ui.apply(op.changes, select=self.copy_of if self.copy_of is not None else max(0, self.at - 1))


class DeleteForm(QUndoCommand):
    def __init__(self, ui, index: int):
        super().__init__(f"删除表「{ui.doc.form(index).project or '未命名'}」")
        self.ui, self.index = ui, index
        self.form = None

    def redo(self) -> None:
        op = self.ui.doc.delete_form(self.index)
        self.form = op.undo
        self.ui.apply(op.changes, select=min(self.index, len(self.ui.doc.forms) - 1))

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.add_form(self.index, self.form).changes, select=self.index)


class MoveForm(QUndoCommand):
    def __init__(self, ui, src: int, dst: int):
        super().__init__("移动表")
        self.ui, self.src, self.dst = ui, src, dst

    def redo(self) -> None:
        self.ui.apply(self.ui.doc.move_form(self.src, self.dst).changes, select=self.dst)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.move_form(self.dst, self.src).changes, select=self.src)


class SetLayout(QUndoCommand):
    NAMES = {code: f"{code} {layout.title}" for code, layout in layouts.LAYOUTS.items()}

    def __init__(self, ui, form: int, layout: str):
        super().__init__(f"改用样式 {self.NAMES.get(layout, layout)}")
        self.ui, self.form, self.layout = ui, form, layout
        self.old = None

    def redo(self) -> None:
        op = self.ui.doc.set_layout(self.form, self.layout)
        self.old = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.set_layout(self.form, self.old).changes)


class Explain(QUndoCommand):
    """Mark a 警告/提示 as explained; check with ``Document.explain`` rules before pushing."""

    def __init__(self, ui, form: int, code: str, cells: Sequence[str], note: str):
        super().__init__(f"说明 {code}" if note.strip() else f"取消说明 {code}")
        self.ui, self.form, self.code, self.cells, self.note = ui, form, code, list(cells), note
        self.old = None

    def redo(self) -> None:
        op = self.ui.doc.explain(self.form, self.code, self.cells, self.note)
        self.old = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.explain(self.form, self.code, self.cells, self.old or "").changes)


class SetLastYearFile(QUndoCommand):
    """Compare with another last year's file ("" : with none); ``loaded`` is that file, read."""

    def __init__(self, ui, path: str, loaded=None):
        super().__init__("对照上年文件" if path else "取消对照上年文件")
        self.ui, self.path, self.loaded = ui, path, loaded
        self.old = None

    def redo(self) -> None:
        op = self.ui.doc.set_last_year_file(self.path, self.loaded)
        self.old = op.undo
        self.ui.apply(op.changes)

    def undo(self) -> None:
        self.ui.apply(self.ui.doc.set_last_year_file(self.old).changes)
