"""One form laid out like the paper form: header, sections 一 to 五, totals and signatures.

Every typed cell is a plain QLineEdit (one line) or QPlainTextEdit (free
text), so any input method works.  Each keystroke is reported through
``edited`` (form cells) or ``file_edited`` (年度, 金额单位); the window turns
it into an undoable command and calls back ``set_text`` / ``show_evaluation``.
Up/Down/Enter move between cells as in a spreadsheet; Tab follows reading order.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextLayout
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .. import layouts
from ..calc import Calculation
from ..cell_notes import CellNote
from ..model import Form
from . import theme
from .indicator_model import IndicatorModel, fmt
from .indicator_table import IndicatorTable, is_redo_key, is_undo_key

FILE_FIELDS = {"year": "year", "money_unit": "money_unit"}  # address shown -> file field
class LineField(QLineEdit):
    def __init__(self, address: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.address = address
        self.setPlaceholderText(placeholder)
        self.setMinimumHeight(28)

    def value(self) -> str:
        return self.text()

    def set_value(self, text: str) -> None:
        if self.text() != text:
            self.setText(text)
            if not self.hasFocus():
                self.setCursorPosition(0)


class TextField(QPlainTextEdit):
    """Free text that grows with its content (up to a limit), like a cell on paper."""

    def __init__(self, address: str, lines: int = 2, max_lines: int = 10, parent=None):
        super().__init__(parent)
        self.address = address
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._min_lines, self._max_lines = lines, max_lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self._grow()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)
            QTimer.singleShot(0, self._grow)

    def _grow(self, *_):
        """Height for the wrapped lines of the text, laid out at the current width."""
        fm = self.fontMetrics()
        margin = self.document().documentMargin()
        width = max(40.0, self.viewport().width() - 2 * margin - 2)
        n = 0
        for paragraph in (self.toPlainText() or " ").split("\n"):
            layout = QTextLayout(paragraph or " ", self.font())
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                n += 1
            layout.endLayout()
        n = max(self._min_lines, min(self._max_lines, n))
        h = int(n * fm.lineSpacing() + 2 * margin + 2 * self.frameWidth() + 4)
        if self.height() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self._grow)


class FieldKeys(QObject):
    """Spreadsheet keys on the form's cells, and undo keys to the window."""

    def __init__(self, view: FormView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        t = event.type()
        if t == QEvent.Type.ShortcutOverride and is_undo_key(event):
            event.ignore()
            return True
        if t == QEvent.Type.KeyPress and is_undo_key(event):
            self.view.undo_key.emit(is_redo_key(event))
            return True
        if t == QEvent.Type.KeyPress and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier
        ):
            key = event.key()
            if isinstance(obj, QLineEdit):
                if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    self.view.move_vertical(obj, -1 if key == Qt.Key.Key_Up else 1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if not self.view.move_vertical(obj, 1):
                        self.view.focusNextChild()
                    return True
            elif isinstance(obj, QPlainTextEdit):
                if key == Qt.Key.Key_Up and _on_edge_line(obj, first=True):
                    self.view.move_vertical(obj, -1)
                    return True
                if key == Qt.Key.Key_Down and _on_edge_line(obj, first=False):
                    self.view.move_vertical(obj, 1)
                    return True
        elif t == QEvent.Type.FocusOut:
            self.view.end_session()
        elif t == QEvent.Type.FocusIn:
            self.view.ensure_visible(obj)
        return False


def _on_edge_line(edit: QPlainTextEdit, first: bool) -> bool:
    """Is the cursor on the first (last) visual line of the text?"""
    cursor = edit.textCursor()
    block = cursor.block()
    doc = edit.document()
    if block != (doc.firstBlock() if first else doc.lastBlock()):
        return False
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return True
    line = layout.lineForTextPosition(cursor.positionInBlock()).lineNumber()
    return line == 0 if first else line >= layout.lineCount() - 1


def _label(text: str, bold: bool = False, align=Qt.AlignmentFlag.AlignLeft, header: bool = False):
    lab = QLabel(text)
    lab.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    lab.setWordWrap(True)
    pal = lab.palette()
    pal.setColor(QPalette.ColorRole.WindowText, theme.LABEL)
    if header:
        lab.setAutoFillBackground(True)
        pal.setColor(QPalette.ColorRole.Window, theme.HEADER)
        lab.setContentsMargins(6, 4, 6, 4)
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lab.setPalette(pal)
    if bold:
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
    return lab


def _computed_label() -> QLabel:
    lab = QLabel("")
    lab.setTextFormat(Qt.TextFormat.PlainText)
    pal = lab.palette()
    pal.setColor(QPalette.ColorRole.WindowText, theme.COMPUTED)
    lab.setPalette(pal)
    return lab


class FormView(QScrollArea):
    edited = Signal(str, str, object)  # address, text, merge key
    file_edited = Signal(str, str, object)  # file field, text, merge key
    goal_add = Signal()
    goal_remove = Signal(int)
    row_action = Signal(str)  # "insert_below", "insert_above", "remove", "up", "down"
    undo_key = Signal(bool)  # Ctrl+Z (False) / Ctrl+Y (True) that reached a cell

    def __init__(self, model: IndicatorModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.table = IndicatorTable(model)
        self.table.leave_up.connect(lambda: self.move_vertical(self.table, -1))
        self.table.leave_down.connect(lambda: self.move_vertical(self.table, 1))
        self.table.selectionModel().currentChanged.connect(self._table_current)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QPalette().color(QPalette.ColorRole.Mid).lighter(150))
        self.setPalette(pal)
        self.fields: dict[str, QWidget] = {}
        self.computed: dict[str, QLabel] = {}
        self._nav: list[list[QWidget]] = []
        self._keys = FieldKeys(self)
        self._session = 0
        self._loading = False
        self._marks: dict[str, tuple[str | None, str]] = {}
        self._base_palette: dict[str, QPalette] = {}
        self._built: tuple | None = None
        self.layout_name = "A"
        self.goal_count = 0
        self.paper = None
        self._empty = _label("这个文件里还没有表。请用“表 → 新建表”添加一张。", align=Qt.AlignmentFlag.AlignCenter)

    # ---- building -------------------------------------------------------------------

    def build(self, code: str, goals: int, money=None) -> None:
        """Lay out the widgets for a layout, a number of goal rows and the money block's
        filled optional columns and rows (once per change)."""
        layout = layouts.get(code)
        shown = layout.money.shown(money) if money is not None else (
            tuple(c for c in layout.money.columns if not c.optional),
            tuple(r for r in layout.money.rows if not r.optional))
        key = (layout.code, goals, tuple(c.key for c in shown[0]), tuple(r.key for r in shown[1]))
        if self._built == key:
            return
        old = self.takeWidget()
        if old is not None and old is not self._empty:
            self.table.setParent(None)
            old.deleteLater()
        self._built = key
        self.layout_name, self.goal_count = layout.code, goals
        self.fields.clear()
        self.computed.clear()
        self._nav = []
        self._marks.clear()
        self._base_palette.clear()

        outer = QWidget()
        outer.setObjectName("outer")
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(8, 10, 8, 10)
        paper = QFrame()
        paper.setObjectName("paper")
        paper.setFrameShape(QFrame.Shape.Box)
        paper.setAutoFillBackground(True)
        pal = paper.palette()
        pal.setColor(QPalette.ColorRole.Window, theme.PAPER)
        paper.setPalette(pal)
        paper.setMaximumWidth(1180)
        outer_layout.addWidget(paper)
        self.paper = paper
        v = QVBoxLayout(paper)
        v.setContentsMargins(14, 14, 14, 18)
        v.setSpacing(12)

        self._header(v, layout)
        self._basic(v, layout)
        self._money(v, layout, *shown)
        self._goals(v, layout, goals)
        self._indicators(v, layout)
        self._problems(v)
        self._footer(v)
        v.addStretch(1)
        self.setWidget(outer)
        self.table.setup_columns()

    def show_empty(self) -> None:
        old = self.takeWidget()
        if old is not None and old is not self._empty:
            self.table.setParent(None)
            old.deleteLater()
        self._built = None
        self.fields.clear()
        self.computed.clear()
        self._nav = []
        self.setWidget(self._empty)

    def _add(self, widget, nav_row: list | None = None):
        address = widget.address
        self.fields[address] = widget
        widget.installEventFilter(self._keys)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text, w=widget: self._typed(w, text))
        else:
            widget.textChanged.connect(lambda w=widget: self._typed(w, w.toPlainText()))
        if nav_row is not None:
            nav_row.append(widget)
        return widget

    def _section(self, v: QVBoxLayout, title: str) -> QGridLayout:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 8)
        lay.setSpacing(6)
        head = QLabel(title)
        head.setAutoFillBackground(True)
        pal = head.palette()
        pal.setColor(QPalette.ColorRole.Window, theme.SECTION)
        pal.setColor(QPalette.ColorRole.WindowText, theme.LABEL)
        head.setPalette(pal)
        f = head.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.08)
        head.setFont(f)
        head.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(head)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(10, 2, 10, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        lay.addWidget(inner)
        v.addWidget(box)
        box.grid_box = lay
        grid.box = box
        return grid

    def _header(self, v, layout) -> None:
        title = QLabel(layout.title)
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.7)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(title)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_label("（"))
        year = self._add(LineField("year", "年度"), nav := [])
        year.setMaximumWidth(90)
        year.setAlignment(Qt.AlignmentFlag.AlignCenter)
        year.setToolTip("年度（全文件共用）")
        row.addWidget(year)
        row.addWidget(_label("年度）"))
        row.addStretch(1)
        v.addLayout(row)
        self._nav.append(nav)
        row2 = QHBoxLayout()
        row2.addWidget(_label(f"{layout.header[0].label.text if layout.header else '填报部门'}："))
        dept = self._add(LineField("department", "（同文件的填报部门）"), nav := [])
        dept.setMaximumWidth(360)
        row2.addWidget(dept)
        row2.addStretch(1)
        row2.addWidget(_label("金额单位："))
        unit = QComboBox()
        unit.addItems(["万元", "元"])
        unit.setToolTip("金额单位（全文件共用）")
        unit.address = "money_unit"
        unit.currentTextChanged.connect(self._unit_changed)
        unit.installEventFilter(self._keys)
        self.fields["money_unit"] = unit
        nav.append(unit)
        row2.addWidget(unit)
        v.addLayout(row2)
        self._nav.append(nav)

    def _basic(self, v, layout) -> None:
        fields = (*layout.basic, *layout.extra_fields)
        if not fields:
            return
        g = self._section(v, layout.basic_title)
        for k, f in enumerate(fields):
            r, c = divmod(k, 2)
            if c == 0:
                nav = []
                self._nav.append(nav)
            g.addWidget(_label(f.label.text, header=True), r, 2 * c)
            g.addWidget(self._add(LineField(f.address, f.label.text), nav), r, 2 * c + 1)
        g.setColumnStretch(1, 3)
        g.setColumnStretch(3, 2)
        g.setColumnMinimumWidth(0, 96)
        g.setColumnMinimumWidth(2, 110)

    def _money(self, v, layout, columns, rows) -> None:
        g = self._section(v, layout.money.title)
        cols = [(c.key, c.label.text) for c in columns]
        parts = [(r.key, r.label.text) for r in rows]
        g.addWidget(_label("", header=True), 0, 0)
        for c, (_, head) in enumerate(cols, start=1):
            g.addWidget(_label(head, header=True), 0, c)
        g.addWidget(_label(layout.money.progress.text, header=True), 0, len(cols) + 1)
        for r, (part, name) in enumerate(parts, start=1):
            g.addWidget(_label(name, header=True), r, 0)
            nav = []
            for c, (column, _) in enumerate(cols, start=1):
                f = self._add(LineField(f"money.{column}.{part}"), nav)
                f.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                g.addWidget(f, r, c)
            if part == "total":
                box = QWidget()
                h = QVBoxLayout(box)
                h.setContentsMargins(0, 0, 0, 0)
                h.setSpacing(2)
                prog = self._add(LineField("money.progress", "如 99%"), nav)
                prog.setAlignment(Qt.AlignmentFlag.AlignCenter)
                h.addWidget(prog)
                lab = _computed_label()
                lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.computed["money.progress"] = lab
                h.addWidget(lab)
                g.addWidget(box, r, len(cols) + 1, 2, 1)
            self._nav.append(nav)
        # the sum of the parts, shown under a column whose parts do not add up
        r = len(parts) + 1
        for c, (column, _) in enumerate(cols, start=1):
            lab = _computed_label()
            lab.setAlignment(Qt.AlignmentFlag.AlignRight)
            lab.setVisible(False)
            self.computed[f"money.{column}.parts"] = lab
            g.addWidget(lab, r, c)
        g.setColumnMinimumWidth(0, 130)
        for c in range(1, len(cols) + 2):
            g.setColumnStretch(c, 1)

    def _goals(self, v, layout, goals: int) -> None:
        g = self._section(v, layout.goals.title)
        g.addWidget(_label(layout.goals.target.text, header=True), 0, 0)
        g.addWidget(_label(layout.goals.result.text, header=True), 0, 1)
        g.addWidget(_label("总体完成率", header=True), 0, 2)
        rows = []
        for i in range(goals):
            nav = []
            g.addWidget(self._add(TextField(f"goals[{i}].target", 2, 8), nav), i + 1, 0)
            g.addWidget(self._add(TextField(f"goals[{i}].result", 2, 8), nav), i + 1, 1)
            rows.append(nav)
        # created after the goals so that Tab reaches it after the first row's texts
        completion = self._add(LineField("completion", "如 100%"))
        completion.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if rows:
            rows[0].append(completion)
        else:
            rows.append([completion])
        self._nav.extend(rows)
        g.addWidget(completion, 1, 2, max(1, goals), 1, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        add = QPushButton("＋ 增加一条目标")
        add.clicked.connect(self.goal_add)
        remove = QPushButton("－ 删除光标所在目标")
        remove.setEnabled(goals > 0)
        remove.clicked.connect(self._remove_goal)
        for b in (add, remove):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(b)
        buttons.addStretch(1)
        g.addLayout(buttons, max(1, goals) + 1, 0, 1, 3)
        g.setColumnStretch(0, 5)
        g.setColumnStretch(1, 5)
        g.setColumnStretch(2, 1)
        g.setColumnMinimumWidth(2, 100)

    def _indicators(self, v, layout) -> None:
        g = self._section(v, layout.indicators_title)
        bar = QHBoxLayout()
        for name, text, tip in (
            ("insert_below", "＋ 在下方插入行", "Ctrl+="),
            ("insert_above", "在上方插入行", "Ctrl+Shift+="),
            ("remove", "－ 删除行", "Ctrl+-"),
            ("up", "↑ 上移", "Alt+↑"),
            ("down", "↓ 下移", "Alt+↓"),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, n=name: self.row_action.emit(n))
            bar.addWidget(b)
        bar.addStretch(1)
        hint = _label("可从 Excel/WPS 复制多行后在表中按 Ctrl+V 粘贴")
        hint.setWordWrap(False)
        pal = hint.palette()
        pal.setColor(QPalette.ColorRole.WindowText, theme.COMPUTED)
        hint.setPalette(pal)
        bar.addWidget(hint)
        g.addLayout(bar, 0, 0, 1, 6)
        self.table.setParent(None)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        g.addWidget(self.table, 1, 0, 1, 6)
        self._nav.append([self.table])
        # totals
        nav = []
        total_label, grade_label = (layout.field_label(a) for a in ("total_score", "grade"))
        g.addWidget(_label(total_label or "总分", header=True), 2, 0)
        total = self._add(LineField("total_score"), nav)
        total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        g.addWidget(total, 2, 1)
        self.computed["total_score"] = _computed_label()
        g.addWidget(self.computed["total_score"], 2, 2)
        g.addWidget(_label(grade_label or "评价等级", header=True), 2, 3)
        grade = self._add(LineField("grade"), nav)
        grade.setAlignment(Qt.AlignmentFlag.AlignCenter)
        g.addWidget(grade, 2, 4)
        self.computed["grade"] = _computed_label()
        g.addWidget(self.computed["grade"], 2, 5)
        self._nav.append(nav)
        for c, s in enumerate((0, 1, 2, 0, 1, 2)):
            g.setColumnStretch(c, s)
        g.setColumnMinimumWidth(0, 80)
        g.setColumnMinimumWidth(3, 80)

    def _problems(self, v) -> None:
        g = self._section(v, "五、存在问题、原因及下一步整改措施")
        g.addWidget(self._add(TextField("problems", 3, 14), nav := []), 0, 0)
        self._nav.append(nav)

    def _footer(self, v) -> None:
        g = QGridLayout()
        g.setHorizontalSpacing(8)
        g.setVerticalSpacing(6)
        items = (("filler", "填报人"), ("phone", "联系电话"), ("date", "填报日期"),
                 ("head", "单位负责人"), ("finance_head", "财务负责人"))
        nav = []
        for k, (address, name) in enumerate(items):
            r, c = divmod(k, 3)
            if c == 0 and k:
                self._nav.append(nav)
                nav = []
            g.addWidget(_label(name + "："), r, 2 * c, Qt.AlignmentFlag.AlignRight)
            g.addWidget(self._add(LineField(address), nav), r, 2 * c + 1)
        self._nav.append(nav)
        for c in (1, 3, 5):
            g.setColumnStretch(c, 1)
        v.addLayout(g)

    # ---- typing -----------------------------------------------------------------------------

    def _typed(self, widget, text: str) -> None:
        if self._loading:
            return
        key = (widget.address, self._session)
        if widget.address in FILE_FIELDS:
            self.file_edited.emit(FILE_FIELDS[widget.address], text, key)
        else:
            self.edited.emit(widget.address, text, key)

    def _unit_changed(self, text: str) -> None:
        if not self._loading:
            self.end_session()
            self.file_edited.emit("money_unit", text, None)

    def end_session(self) -> None:
        """The next keystroke starts a new undo step (focus left a cell)."""
        self._session += 1

    def _remove_goal(self) -> None:
        focus = self.focusWidget()
        index = self.goal_count - 1
        address = getattr(focus, "address", "")
        if address.startswith("goals["):
            index = int(address[6:address.index("]")])
        if index >= 0:
            self.goal_remove.emit(index)

    # ---- showing --------------------------------------------------------------------------

    def load(self, form: Form, file_year: str, money_unit: str, file_department: str) -> None:
        self._loading = True
        try:
            for address, widget in self.fields.items():
                if address == "money_unit":
                    widget.setCurrentText(money_unit)
                elif address == "year":
                    widget.set_value(file_year)
                else:
                    widget.set_value(_get(form, address))
            dept = self.fields.get("department")
            if dept is not None:
                dept.setPlaceholderText(file_department or "填报部门")
        finally:
            self._loading = False

    def set_text(self, address: str, text: str) -> None:
        widget = self.fields.get(address)
        if widget is None or address == "money_unit":
            if widget is not None:
                self._loading = True
                widget.setCurrentText(text)
                self._loading = False
            return
        self._loading = True
        try:
            widget.set_value(text)
        finally:
            self._loading = False

    def show_evaluation(self, form: Form, calc: Calculation, notes: dict[str, CellNote]) -> None:
        """Colour the cells findings name, and show computed figures beside typed ones."""
        for address, widget in self.fields.items():
            note = notes.get(address)
            mark = (note.severity, "\n".join(note.messages)) if note else (None, "")
            if self._marks.get(address, (None, "")) != mark:
                self._marks[address] = mark
                self._paint(address, widget, mark)
        self._computed(form, calc, notes)

    def _paint(self, address: str, widget, mark) -> None:
        severity, tip = mark
        if widget.property("severity") != (severity or ""):
            widget.setProperty("severity", severity or "")
            if address not in self._base_palette:
                self._base_palette[address] = QPalette(widget.palette())
            pal = QPalette(self._base_palette[address])
            if severity in theme.BACKGROUND:
                pal.setColor(QPalette.ColorRole.Base, theme.BACKGROUND[severity])
                pal.setColor(QPalette.ColorRole.Text, theme.FOREGROUND[severity])
            widget.setPalette(pal)
        widget.setToolTip(tip)

    def _computed(self, form: Form, calc: Calculation, notes) -> None:
        lab = self.computed.get("money.progress")
        if lab is not None:
            rate = calc.execution_rate
            contradicts = _has(notes, "money.progress", "B01")
            if rate is None:
                text = "计算：—（预算数为空或为 0）"
            elif contradicts:
                text = f"⟶ 计算 {rate:.2f}%"
            else:
                text = f"计算 {rate:.2f}%"
            if layouts.get(self.layout_name).money.scored and calc.exec_score is not None:
                text += f"\n得分 {fmt(calc.exec_score)} / {fmt(calc.exec_weight)}"
            _set_label(lab, text, contradicts)
        for key, lab in self.computed.items():
            if key.endswith(".parts"):
                column = key.split(".")[1]
                addr = f"money.{column}.total"
                if _has(notes, addr, "B02"):
                    parts = layouts.get(self.layout_name).money.parts_of("total")
                    total = sum(calc.amount(f"money.{column}.{r.key}") or 0.0 for r in parts)
                    _set_label(lab, f"⟶ 其中各项合计 {fmt(total)}", True)
                    lab.setVisible(True)
                elif lab.isVisible():
                    lab.setVisible(False)
        lab = self.computed.get("total_score")
        if lab is not None:
            bad = _has(notes, "total_score", "S04")
            _set_label(lab, f"{'⟶ ' if bad else ''}计算 {fmt(calc.total)} 分", bad)
        lab = self.computed.get("grade")
        if lab is not None:
            bad = _has(notes, "grade", "S05")
            _set_label(lab, f"{'⟶ ' if bad else ''}按总分应为「{calc.grade}」", bad)

    # ---- moving around ---------------------------------------------------------------------

    def move_vertical(self, widget, step: int) -> bool:
        """Focus the cell above/below ``widget`` (nearest by horizontal position)."""
        rows = [r for r in self._nav if r]
        here = next((i for i, r in enumerate(rows) if widget in r), None)
        if here is None:
            return False
        target_row = here + step
        if not 0 <= target_row < len(rows):
            return False
        x = widget.mapTo(self.widget(), widget.rect().center()).x()
        if widget is self.table and self.table.currentIndex().isValid():
            x = self.table.viewport().mapTo(
                self.widget(), self.table.visualRect(self.table.currentIndex()).center()
            ).x()
        candidates = rows[target_row]
        best = min(candidates, key=lambda w: abs(w.mapTo(self.widget(), w.rect().center()).x() - x))
        if best is self.table:
            self._enter_table(x, from_above=step > 0)
        else:
            best.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(best, QLineEdit):
                best.selectAll()
        return True

    def _enter_table(self, x: int, from_above: bool) -> None:
        model = self.model
        if model.rowCount() == 0:
            self.table.setFocus()
            return
        col = self.table.columnAt(self.table.viewport().mapFrom(self.widget(), QPoint(x, 0)).x())
        if col < 0:
            col = model.column_of("level3")
        row = 0 if from_above else model.rowCount() - 1
        self.table.setCurrentIndex(model.index(row, col))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def ensure_visible(self, widget) -> None:
        if self.widget() is not None and widget.isVisible():
            self.ensureWidgetVisible(widget, 40, 60)

    def _table_current(self, current, _previous) -> None:
        if current.isValid() and self.widget() is not None:
            rect = self.table.visualRect(current)
            pos = self.table.viewport().mapTo(self.widget(), rect.center())
            self.ensureVisible(pos.x(), pos.y(), 40, rect.height() // 2 + 40)

    def focus_cell(self, address: str) -> bool:
        """Select and scroll to a cell named by its address (from a finding)."""
        if address.startswith("indicators"):
            model = self.model
            if model.rowCount() == 0:
                self.table.setFocus()
                return True
            row, name = 0, "level3"
            if "[" in address:
                row = int(address[address.index("[") + 1:address.index("]")])
                name = address.rsplit(".", 1)[-1]
            row = min(row, model.rowCount() - 1)
            col = model.column_of(name)
            if col < 0:
                col = model.column_of("level3")
            index = model.index(row, col)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self._table_current(index, None)
            return True
        widget = self.fields.get(address)
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensure_visible(widget)
        return True

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(940, 800)


def _get(form: Form, address: str) -> str:
    from ..model import get_cell

    try:
        value = get_cell(form, address)
    except (IndexError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def _has(notes: dict[str, CellNote], address: str, code: str) -> bool:
    """Does an unexplained finding with ``code`` name the cell?"""
    note = notes.get(address)
    return note is not None and code in note.codes


def _messages(notes: dict[str, CellNote], address: str) -> tuple[str, ...]:
    note = notes.get(address)
    return note.messages if note else ()


def _set_label(lab: QLabel, text: str, bad: bool) -> None:
    if lab.text() != text:
        lab.setText(text)
    flag = bool(bad)
    if lab.property("bad") != flag:
        lab.setProperty("bad", flag)
        pal = lab.palette()
        pal.setColor(QPalette.ColorRole.WindowText, theme.CONTRADICTION if flag else theme.COMPUTED)
        lab.setPalette(pal)
        f = lab.font()
        f.setBold(flag)
        lab.setFont(f)

