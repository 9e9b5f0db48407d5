"""The indicator table (四、年度绩效指标完成情况) as a Qt model over one form of the Document.

Typed columns show and edit the text as typed.  Computed figures are shown
beside them: the rule score in its own column, each 一级指标's subtotal under
its name, and the computed 执行率 beside a contradicting 实际完成值 on the
预算执行率 row.  When last year's file has this project, last year's
实际完成值 of each indicator is shown beside this year's (``last_actual``).
Edits are not written here: ``edit`` is called with the cell
address and the text, and the window pushes an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from ..addresses import parse_row_address
from ..calc import Calculation
from ..cell_notes import CellNote
from ..model import Form
from ..tree_labels import LABEL_FIELDS, runs
from . import theme

# (field, header for layout A, header for layout B); field None: computed.
COLUMNS = {  # a line break keeps narrow columns narrow
    "level1": ("一级指标", "一级指标"),
    "level2": ("二级指标", "二级指标"),
    "level3": ("三级指标", "三级指标"),
    "definition": ("指标解释", "指标解释"),
    "target": ("预期\n指标值", "年度\n指标值"),
    "actual": ("实际\n完成值", "实际\n完成值"),
    "last_actual": ("上年\n实际", "上年\n实际"),
    "points": ("分值", "分值"),
    "score": ("自评\n得分", "得分"),
    "suggested": ("按规则\n得分", "按规则\n得分"),
    "deviation": ("偏差原因", "偏差原因分析\n及改进措施"),
}
COMPUTED = {"suggested", "last_actual"}


def columns_for(layout: str, definitions: bool, last_year: bool = False) -> list[str]:
    if layout == "B":
        cols = ["level1", "level2", "level3", "target", "actual", "points", "score", "suggested",
                "deviation"]
    else:
        cols = ["level1", "level2", "level3", "target", "actual", "score", "suggested"]
        if definitions:
            cols.insert(3, "definition")
    if last_year:
        cols.insert(cols.index("actual") + 1, "last_actual")
    return cols


def fmt(x: float) -> str:
    """A figure without float noise: 2.2398 -> 2.24, 10.0 -> 10."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class IndicatorModel(QAbstractTableModel):
    def __init__(self, edit: Callable[[str, str], None], parent=None):
        super().__init__(parent)
        self._edit = edit
        self.form: Form | None = None
        self.calc: Calculation | None = None
        self.notes: dict[str, CellNote] = {}
        self.fields: list[str] = columns_for("A", False)
        self.layout = "A"
        self._bold = QFont()
        self._bold.setBold(True)
        self._label_rows: dict[tuple[int, int], int] = {}  # (row, col) of a label -> first row of its span
        self.last_actuals: dict[int, str] | None = None  # None: no 上年实际 column
        self.last_year = ""  # last year's 年度, for the tooltip

    # ---- what it shows -----------------------------------------------------------

    def set_form(self, form: Form | None, calc: Calculation | None, notes, definitions: bool,
                 last_actuals: dict[int, str] | None = None, last_year: str = "") -> None:
        """Show ``form``; ``last_actuals`` (row -> last year's 实际完成值) adds the 上年实际 column."""
        self.beginResetModel()
        self.form, self.calc, self.notes = form, calc, notes
        self.layout = form.layout if form is not None else "A"
        self.last_actuals, self.last_year = last_actuals, last_year
        self.fields = columns_for(self.layout, definitions, last_actuals is not None)
        self.endResetModel()

    def refresh(self, calc: Calculation, notes, rows=(), last_actuals: dict[int, str] | None = None) -> None:
        """New arithmetic and findings for the same rows: repaint only the cells that show a change.

        ``rows`` are rows whose typed text changed.  A cell is repainted when its
        colour (worst severity), its computed figure or its text changed.
        ``last_actuals`` are last year's actuals now (the column itself stays:
        ``set_form`` adds or removes it).
        """
        old_calc, old_notes = self.calc, self.notes
        self.calc, self.notes = calc, notes
        old_last = self.last_actuals
        if old_last is not None:
            self.last_actuals = last_actuals or {}
        n, m = self.rowCount(), self.columnCount()
        if not n or not m:
            return
        if old_calc is None or len(old_calc.rows) != len(calc.rows) or len(calc.rows) != n:
            self.dataChanged.emit(self.index(0, 0), self.index(n - 1, m - 1))
            return
        cells: set[tuple[int, int]] = set()
        for r in rows:
            if 0 <= r < n:
                cells.update((r, c) for c in range(m))
        for address in old_notes.keys() | notes.keys():
            cell = parse_row_address(address)
            if cell is None or cell[0] != "indicators":
                continue
            a, b = old_notes.get(address), notes.get(address)
            if (a.severity if a else None) != (b.severity if b else None):
                _, r, field = cell
                c = self.column_of(field)
                if 0 <= r < n and c >= 0:
                    cells.add((self._span_top(r, c), c))
        sug, lab, act = self.column_of("suggested"), self.column_of("level1"), self.column_of("actual")
        for i, (x, y) in enumerate(zip(old_calc.rows, calc.rows, strict=True)):
            if x.suggested != y.suggested:
                cells.add((i, sug))
            if x.not_applicable != y.not_applicable:
                cells.update((i, c) for c in range(m))
        groups = {name: (g.subtotal, g.weight_value) for name, g in calc.groups.items()}
        old_groups = {name: (g.subtotal, g.weight_value) for name, g in old_calc.groups.items()}
        if groups != old_groups:
            for i, ind in enumerate(self.form.indicators):
                if ind.level1.strip():
                    cells.add((i, lab))
        for k in {old_calc.exec_row, calc.exec_row} - {None}:
            if k < n:
                cells.add((k, act))
        if old_last is not None:
            last = self.column_of("last_actual")
            cells.update((k, last) for k in old_last.keys() ^ self.last_actuals.keys() if k < n)
            cells.update((k, last) for k in old_last.keys() & self.last_actuals.keys()
                         if old_last[k] != self.last_actuals[k] and k < n)
        for r, c in cells:
            index = self.index(r, c)
            self.dataChanged.emit(index, index)

    def _span_top(self, row: int, col: int) -> int:
        """The first row of the merged cell (一级/二级) that covers (row, col)."""
        name = self.fields[col]
        if name not in LABEL_FIELDS or self.form is None:
            return row
        return next((r.start for r in runs(self.form.indicators)
                     if r.field == name and r.start <= row < r.start + r.count), row)

    def rows_reset(self, calc: Calculation, notes) -> None:
        self.beginResetModel()
        self.calc, self.notes = calc, notes
        self.endResetModel()

    def column_of(self, name: str) -> int:
        return self.fields.index(name) if name in self.fields else -1

    def editable_fields(self) -> list[str | None]:
        return [None if f in COMPUTED else f for f in self.fields]

    def address(self, row: int, col: int) -> str:
        return f"indicators[{row}].{self.fields[col]}"

    def spans(self) -> list[tuple[int, int, int]]:
        """(first row, column, row count) of each merged 一级/二级 cell: one per run of rows
        under the same label (``perfdesk.tree_labels``)."""
        if self.form is None:
            return []
        return [(r.start, self.column_of(r.field), r.count) for r in runs(self.form.indicators)
                if r.count > 1 and self.column_of(r.field) >= 0]

    # ---- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.form is None else len(self.form.indicators)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                a, b = COLUMNS[self.fields[section]]
                return b if self.layout == "B" else a
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            if self.fields[section] == "suggested":
                return "按填报规则算出的得分（只读）：预算执行率按执行率，量化指标按完成比例，定性指标按档次"
            if self.fields[section] == "last_actual":
                return self.last_year_tip()
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.fields[index.column()] not in COMPUTED:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.form is None:
            return None
        row, name = index.row(), self.fields[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return "" if name in COMPUTED else getattr(self.form.indicators[row], name)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, name)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole):
            note = self._note(row, name)
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = "\n".join(note.messages) if note else None
                if name == "suggested":
                    extra = self._suggested_tip(row)
                    tip = f"{extra}\n{tip}" if tip and extra else (tip or extra)
                elif name == "last_actual":
                    tip = self.last_year_tip()
                return tip
            if note is not None and note.severity is not None:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QBrush(theme.BACKGROUND[note.severity])
                return QBrush(theme.FOREGROUND[note.severity])
            if role == Qt.ItemDataRole.ForegroundRole and (
                    name in COMPUTED or self.form.indicators[row].not_applicable):
                return QBrush(theme.COMPUTED)
            if name in COMPUTED and role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(theme.HEADER)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if name in ("score", "points", "suggested", "target", "actual", "last_actual"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and name == "level1":
            return self._bold
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.form is None:
            return False
        name = self.fields[index.column()]
        if name in COMPUTED:
            return False
        text = "" if value is None else str(value)
        if getattr(self.form.indicators[index.row()], name) != text:
            self._edit(self.address(index.row(), index.column()), text)
        return True

    # ---- pieces -------------------------------------------------------------------------

    def last_year_tip(self) -> str:
        year = self.last_year.strip()
        return f"{year} 年实际完成值" if year else "上年实际完成值"

    def _note(self, row: int, name: str) -> CellNote | None:
        if name in COMPUTED:
            return None
        return self.notes.get(f"indicators[{row}].{name}")

    def _display(self, row: int, name: str) -> str:
        ind = self.form.indicators[row]
        calc = self.calc
        if name == "suggested":
            return self._suggested(row)
        if name == "last_actual":
            return (self.last_actuals or {}).get(row, "")
        text = getattr(ind, name)
        if name == "level1" and text.strip() and calc is not None:
            group = calc.groups.get(calc.rows[row].level1) if row < len(calc.rows) else None
            if group is not None:
                over = group.subtotal > group.weight_value + 0.005
                mark = " ⚠" if over else ""
                return f"{text}\n小计 {fmt(group.subtotal)} / {fmt(group.weight_value)}{mark}"
        if (name == "actual" and calc is not None and calc.exec_row == row
                and calc.execution_rate is not None):
            note = self.notes.get(f"indicators[{row}].actual")
            if note is not None and "S02" in note.codes:
                return f"{text}\n⟶ 计算 {calc.execution_rate:.2f}%"
        return text

    def _suggested(self, row: int) -> str:
        calc = self.calc
        if calc is None or row >= len(calc.rows):
            return ""
        r = calc.rows[row]
        if r.not_applicable:
            return "不适用"
        if r.suggested is None:
            return ""
        lo, hi = r.suggested
        return fmt(lo) if abs(hi - lo) < 0.005 else f"{fmt(lo)}–{fmt(hi)}"

    def _suggested_tip(self, row: int) -> str | None:
        calc = self.calc
        if calc is None or row >= len(calc.rows) or calc.rows[row].suggested is None:
            return None
        if row == calc.exec_row and calc.execution_rate is not None:
            return (f"预算执行率得分 = 权重 {fmt(calc.exec_weight)} × min(执行率 "
                    f"{calc.execution_rate:.2f}%, 100%) = {fmt(calc.exec_score)}")
        return "按规则：量化指标按完成比例，定性指标按达成档次（达成 80–100%，部分达成 60–80%，未达成 0–60%）"
