"""The file's forms: 项目名称, 执行率, 总分, 等级, and a red/yellow mark for 错误/警告."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import layouts
from ..checks import ERROR, WARNING, Evaluation
from ..model import Form
from . import theme
from .indicator_model import fmt

HEADERS = ("项目名称", "执行率", "总分", "等级")


class FormsList(QWidget):
    selected = Signal(int)
    action = Signal(str)  # "add", "duplicate", "rename", "delete", "up", "down"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c, w in ((1, 64), (2, 48), (3, 40)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(c, w)
        header.setHighlightSections(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.currentCellChanged.connect(self._current)
        title = QLabel("本文件的表")
        f = title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        title.setFont(f)
        self.count = QLabel("")
        buttons = QHBoxLayout()
        for name, text, tip in (("add", "新建", "新建一张空白表"), ("duplicate", "复制", "复制选中的表"),
                                ("rename", "改名", "修改项目名称"), ("delete", "删除", "删除选中的表")):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self._quiet = False

    def set_forms(self, forms: list[Form], evaluations: list[Evaluation], select: int) -> None:
        self._quiet = True
        try:
            self.table.setRowCount(len(forms))
            for i, (form, ev) in enumerate(zip(forms, evaluations, strict=True)):
                self.update_row(i, form, ev)
            self.count.setText(f"共 {len(forms)} 张")
            self.table.resizeRowsToContents()
            if 0 <= select < len(forms):
                self.table.setCurrentCell(select, 0)
        finally:
            self._quiet = False

    def update_row(self, i: int, form: Form, ev: Evaluation) -> None:
        calc = ev.calc
        errors, warnings = ev.count(ERROR), ev.count(WARNING)
        severity = ERROR if errors else WARNING if warnings else None
        rate = "—" if calc.execution_rate is None else f"{calc.execution_rate:.2f}%"
        values = (layouts.display_name(form) or "（未命名）", rate, fmt(calc.total), calc.grade)
        tip = []
        if errors:
            tip.append(f"{errors} 个错误")
        if warnings:
            tip.append(f"{warnings} 个警告")
        tooltip = (layouts.display_name(form) or "（未命名）") + ("\n" + "，".join(tip) if tip else "\n没有错误或警告")
        for c, text in enumerate(values):
            item = self.table.item(i, c)
            if item is None:
                item = QTableWidgetItem()
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, c, item)
            if item.text() != text:
                item.setText(text)
                if c == 0 and not self._quiet:
                    self.table.resizeRowToContents(i)
            if item.toolTip() != tooltip:
                item.setToolTip(tooltip)
        first = self.table.item(i, 0)
        if first.data(Qt.ItemDataRole.UserRole) != (severity or ""):
            first.setData(Qt.ItemDataRole.UserRole, severity or "")
            first.setIcon(theme.mark_icon(severity))

    def current(self) -> int:
        return self.table.currentRow()

    def _current(self, row, _col, _prow, _pcol) -> None:
        if not self._quiet and row >= 0:
            self.selected.emit(row)
