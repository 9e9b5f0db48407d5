"""The indicator table's view: Excel/WPS keys, live editing, merged 一级/二级 cells.

- Typing on a cell starts editing it (replacing its text, as in Excel); every
  keystroke in the editor is written at once (``live_edit``), so the totals,
  the rule scores and the findings follow the typing.
- Enter commits and moves down, Tab / Shift-Tab move right / left (skipping
  the computed column), arrows move; Tab on the last cell leaves the table.
- Ctrl+C copies the selection as tab-separated text, Ctrl+V pastes a block
  from Excel/WPS, Delete clears the selected cells.
- Esc while editing puts the cell back as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from .indicator_model import COMPUTED, IndicatorModel

WIDTHS = {
    "level1": 124, "level2": 96, "level3": 200, "definition": 180, "target": 86,
    "actual": 86, "last_actual": 72, "points": 44, "score": 52, "suggested": 60, "deviation": 150,
}
WIDTHS_B = {"level1": 112, "level2": 88, "target": 78, "actual": 78, "last_actual": 66}
STRETCH = ("level3", "definition")


def is_undo_key(event) -> bool:
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
    )


def is_redo_key(event) -> bool:
    return event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)


class UndoKeysToWindow(QObject):
    """Ctrl+Z / Ctrl+Y in an editor undo the window's edits, not the editor's own typing history.

    The ShortcutOverride is declined so the window's undo action gets the key;
    should the key press reach the editor all the same (no shortcut took it),
    ``undo_key`` is emitted with True for redo.
    """

    undo_key = Signal(bool)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        t = event.type()
        if t == QEvent.Type.ShortcutOverride and is_undo_key(event):
            event.ignore()
            return True
        if t == QEvent.Type.KeyPress and is_undo_key(event):
            self.undo_key.emit(is_redo_key(event))
            return True
        return False


class LiveDelegate(QStyledItemDelegate):
    """A plain QLineEdit editor whose every keystroke is written through ``live_edit``."""

    live_edit = Signal(QModelIndex, str, object)  # index, text, merge key
    reverted = Signal(QModelIndex, str, object)  # Esc: index, text before editing, merge key
    undo_key = Signal(bool)  # Ctrl+Z (False) / Ctrl+Y (True) pressed in the editor

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: QLineEdit | None = None
        self.editor_index: QPersistentModelIndex | None = None
        self._original = ""
        self._session = 0
        self._undo_keys = UndoKeysToWindow(self)
        self._undo_keys.undo_key.connect(self.undo_key)
        self.closeEditor.connect(self._closed)

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.installEventFilter(self._undo_keys)
        self._session += 1
        key = ("table", self._session)
        self.editor = editor
        self.editor_index = QPersistentModelIndex(index)
        self._original = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.textEdited.connect(lambda text, k=key: self._typed(text, k))
        editor.destroyed.connect(self._gone)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index):  # noqa: N802
        if (index.data(Qt.ItemDataRole.EditRole) or "") != editor.text():
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def sync_editor(self) -> None:
        """After an undo: show the cell's current text in an open editor."""
        if self.editor is not None and self.editor_index is not None and self.editor_index.isValid():
            text = self.editor_index.data(Qt.ItemDataRole.EditRole) or ""
            if self.editor.text() != text:
                self.editor.setText(text)

    def _typed(self, text: str, key) -> None:
        if self.editor_index is not None and self.editor_index.isValid():
            self.live_edit.emit(QModelIndex(self.editor_index), text, key)

    def _closed(self, editor, hint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache and editor is self.editor:
            index = self.editor_index
            if index is not None and index.isValid():
                if (index.data(Qt.ItemDataRole.EditRole) or "") != self._original:
                    self.reverted.emit(QModelIndex(index), self._original, ("table", self._session))

    def _gone(self, *_):
        self.editor = None
        self.editor_index = None


class IndicatorTable(QTableView):
    paste_requested = Signal(int, int, str)  # row, column, text
    clear_requested = Signal(list)  # [(row, column)]
    leave_up = Signal()
    leave_down = Signal()

    def __init__(self, model: IndicatorModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.delegate = LiveDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAutoScroll(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(30)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setMinimumSectionSize(40)
        self.verticalHeader().sectionResized.connect(self.fit_height)
        self.setCornerButtonEnabled(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self._covered: dict[tuple[int, int], int] = {}  # cell hidden under a merge -> its top row

    # ---- geometry -----------------------------------------------------------------

    @property
    def imodel(self) -> IndicatorModel:
        return self.model()

    def setup_columns(self) -> None:
        header = self.horizontalHeader()
        for col, name in enumerate(self.imodel.fields):
            if name in STRETCH:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                widths = WIDTHS_B if self.imodel.layout == "B" else {}
                header.resizeSection(col, widths.get(name, WIDTHS[name]))
        self.apply_spans()

    def apply_spans(self) -> None:
        self.clearSpans()
        self._covered = {}
        for row, col, count in self.imodel.spans():
            self.setSpan(row, col, count, 1)
            for r in range(row + 1, row + count):
                self._covered[(r, col)] = row

    def fit_rows(self, rows=None) -> None:
        """Row heights to their wrapped text; then the table's height to all rows."""
        if rows is None:
            self.resizeRowsToContents()
        else:
            for r in rows:
                if 0 <= r < self.imodel.rowCount():
                    self.resizeRowToContents(r)
        self.fit_height()

    def fit_height(self, *_) -> None:
        h = self.horizontalHeader().height() + self.verticalHeader().length() + 2 * self.frameWidth()
        if self.height() != h:
            self.setFixedHeight(h)

    def cell_rect(self, index):
        return self.visualRect(index)

    # ---- keys -----------------------------------------------------------------------

    def _editable_cols(self) -> list[int]:
        return [c for c, f in enumerate(self.imodel.fields) if f not in COMPUTED]

    def keyPressEvent(self, event) -> None:  # noqa: N802
        cur = self.currentIndex()
        if event.matches(QKeySequence.StandardKey.Paste):
            from PySide6.QtWidgets import QApplication

            text = QApplication.clipboard().text()
            if text and cur.isValid():
                self.paste_requested.emit(cur.row(), cur.column(), text)
            elif text:
                self.paste_requested.emit(self.imodel.rowCount(), 0, text)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != \
                QAbstractItemView.State.EditingState:
            cells = sorted({(i.row(), i.column()) for i in self.selectedIndexes()})
            if not cells and cur.isValid():
                cells = [(cur.row(), cur.column())]
            if cells:
                self.clear_requested.emit(cells)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # While editing, the delegate commits and closeEditor() moves down.
            if cur.isValid() and self.state() != QAbstractItemView.State.EditingState:
                self._step_down(cur)
            return
        if event.key() == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if not cur.isValid() or self._span_top(cur) == 0:
                self.leave_up.emit()
                return
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if not cur.isValid() or self._span_bottom(cur) >= self.imodel.rowCount() - 1:
                self.leave_down.emit()
                return
        super().keyPressEvent(event)

    def _span_top(self, index) -> int:
        return self._covered.get((index.row(), index.column()), index.row())

    def _span_bottom(self, index) -> int:
        return index.row() + max(1, self.rowSpan(index.row(), index.column())) - 1

    def _step_down(self, cur) -> None:
        below = self._span_bottom(cur) + 1
        if below < self.imodel.rowCount():
            self.setCurrentIndex(self.imodel.index(below, cur.column()))
        else:
            self.leave_down.emit()

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        cur = self.currentIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and cur.isValid():
            # Enter: like Excel, go down a row (the editor is gone now).
            below = cur.row() + max(1, self.rowSpan(cur.row(), cur.column()))
            if below < self.imodel.rowCount():
                self.setCurrentIndex(self.imodel.index(below, cur.column()))

    def moveCursor(self, action, modifiers):  # noqa: N802
        """Tab / Shift-Tab: next / previous editable cell in reading order, skipping merged parts."""
        if action not in (QAbstractItemView.CursorAction.MoveNext,
                          QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        cur = self.currentIndex()
        order = [(r, c) for r in range(self.imodel.rowCount()) for c in self._editable_cols()
                 if (r, c) not in self._covered]
        if not order:
            return cur
        if not cur.isValid():
            return self.imodel.index(*order[0])
        here = (self._covered.get((cur.row(), cur.column()), cur.row()), cur.column())
        step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
        if here in order:
            k = order.index(here) + step
        else:
            k = next((i for i, p in enumerate(order) if p > here), len(order))
            k = k if step > 0 else k - 1
        k = max(0, min(k, len(order) - 1))
        return self.imodel.index(*order[k])

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab on the last editable cell (Shift-Tab on the first) leaves the table."""
        cur = self.currentIndex()
        cols = self._editable_cols()
        n = self.imodel.rowCount()
        if not cols or n == 0 or not cur.isValid():
            return QAbstractScrollArea.focusNextPrevChild(self, forward)
        if self.state() != QAbstractItemView.State.EditingState:
            if forward and cur.row() >= n - 1 and cur.column() >= cols[-1]:
                return QAbstractScrollArea.focusNextPrevChild(self, forward)
            if not forward and cur.row() == 0 and cur.column() <= cols[0]:
                return QAbstractScrollArea.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.imodel.rowCount():
            self.setCurrentIndex(self.imodel.index(0, self.imodel.column_of("level3")))

    # ---- clipboard ------------------------------------------------------------------------

    def copy_selection(self) -> None:
        from PySide6.QtWidgets import QApplication

        from ..tsv import to_tsv

        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        grid = []
        for r in rows:
            line = []
            for c in cols:
                idx = self.imodel.index(r, c)
                role = (Qt.ItemDataRole.DisplayRole if self.imodel.fields[c] in COMPUTED
                        else Qt.ItemDataRole.EditRole)
                line.append(self.imodel.data(idx, role) or "")
            grid.append(line)
        QApplication.clipboard().setText(to_tsv(grid))
