"""The findings of the open form: 错误 first, each naming its cells; click to go there.

A 警告 or 提示 can be marked as explained with a note (button, context menu
or Ctrl+E → a dialog); it then stays in the list, grey, with the note.  An
错误 cannot be explained: it has to be fixed.

Under the title, a line says which last year's file the forms are compared
with (Y01, Y02), or why it cannot be read.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QFont,
    QIcon,
    QKeySequence,
    QPalette,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from ..checks import ERROR, HINT, WARNING
from ..messages import render
from ..model import Form
from . import theme

STYLE = Qt.ItemDataRole.UserRole + 1


class _FindingDelegate(QStyledItemDelegate):
    """Draws a finding: its colour band, mark and wrapped text, laid out once per text and width.

    Every keystroke can change a message; the list then lays itself out again
    and repaints.  With the wrapped texts kept as QStaticText, only a new or
    changed message is laid out, so this stays well inside one frame.
    """

    PAD = 6
    ICON = 14

    def __init__(self, parent):
        super().__init__(parent)
        self._texts: dict[tuple[str, int, bool], QStaticText] = {}

    def _static(self, text: str, width: int, italic: bool, font: QFont) -> QStaticText:
        key = (text, width, italic)
        st = self._texts.get(key)
        if st is None:
            if len(self._texts) > 5000:
                self._texts.clear()
            st = QStaticText(text.replace("\n", "\u2028"))  # a line break QStaticText keeps
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.setTextWidth(width)
            opt = QTextOption()
            opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            st.setTextOption(opt)
            if italic:
                font = QFont(font)
                font.setItalic(True)
            st.prepare(font=font)
            self._texts[key] = st
        return st

    def _text_width(self, option) -> int:
        width = option.rect.width()
        if width <= 0:
            width = self.parent().viewport().width()
        return max(60, width - 3 * self.PAD - self.ICON)

    def sizeHint(self, option, index):  # noqa: N802
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        italic = index.data(STYLE) == "explained"
        st = self._static(text, self._text_width(option), italic, option.font)
        return QSize(option.rect.width(), int(st.size().height()) + 2 * self.PAD)

    def paint(self, painter, option, index):
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush) and background.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, background)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            highlight = option.palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(highlight)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.fillRect(rect.x(), rect.y(), 4, rect.height(), highlight)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, rect.x() + self.PAD, rect.y() + self.PAD + 2, self.ICON, self.ICON)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        color = foreground.color() if isinstance(foreground, QBrush) else option.palette.color(
            QPalette.ColorRole.Text)
        painter.setPen(color)
        italic = index.data(STYLE) == "explained"
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        st = self._static(text, self._text_width(option), italic, option.font)
        if italic:
            f = QFont(option.font)
            f.setItalic(True)
            painter.setFont(f)
        else:
            painter.setFont(option.font)
        painter.drawStaticText(rect.x() + 2 * self.PAD + self.ICON, rect.y() + self.PAD, st)
        painter.restore()


class FindingsPanel(QWidget):
    go_to = Signal(str)  # the first cell of the finding
    explain_requested = Signal(object)  # the Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(4, 4, 4, 2)
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setItemDelegate(_FindingDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Lay out a dozen items per turn of the event loop: the visible top of the list is
        # repainted in the keystroke's frame, the rest right after (or not at all when the
        # next keystroke comes first).
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(12)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemClicked.connect(self._go)
        self.list.itemActivated.connect(self._go)
        self.list.currentItemChanged.connect(self._selection)
        self.explain_button = QPushButton("说明此项…")
        self.explain_button.setToolTip("为选中的警告或提示写一条说明（Ctrl+E）；错误不能说明，只能改正")
        self.explain_button.clicked.connect(self._explain_current)
        self.go_button = QPushButton("转到单元格")
        self.go_button.clicked.connect(lambda: self._go(self.list.currentItem()))
        self.explain_action = QAction("说明此项…", self)
        self.explain_action.setShortcut(QKeySequence("Ctrl+E"))
        self.explain_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.explain_action.triggered.connect(self._explain_current)
        self.addAction(self.explain_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        title = QLabel("审核结果")
        tf = title.font()
        tf.setPointSizeF(tf.pointSizeF() * 1.15)
        tf.setBold(True)
        title.setFont(tf)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.last_year_note = QLabel("")
        self.last_year_note.setWordWrap(True)
        self.last_year_note.setContentsMargins(4, 0, 4, 0)
        self.last_year_note.setTextFormat(Qt.TextFormat.PlainText)
        self.last_year_note.hide()
        lay.addWidget(title)
        lay.addWidget(self.last_year_note)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self._shown: list | None = None
        self._findings: list = []
        self._italic = QFont()
        self._italic.setItalic(True)
        self._plain = QFont()
        self._selection(None, None)

    def set_last_year_note(self, text: str, problem: bool = False) -> None:
        """The line about last year's file ("" hides it); ``problem``: it cannot be read."""
        note = self.last_year_note
        if note.text() == text and note.property("problem") == problem:
            return
        note.setText(text)
        note.setProperty("problem", problem)
        colour = theme.FOREGROUND[WARNING] if problem else theme.COMPUTED
        back = f"background: {theme.BACKGROUND[WARNING].name()}; " if problem else ""
        note.setStyleSheet(f"QLabel {{ {back}color: {colour.name()}; padding: 2px; }}")
        note.setVisible(bool(text))

    def show_findings(self, form: Form | None, findings, rendered=None) -> None:
        """Show the findings, reusing the list's items: only what changed is touched."""
        if form is None:
            rows = []
        else:
            if rendered is None:
                rendered = [render(f, form) for f in findings]
            rows = list(zip(findings, rendered, strict=True))
        key = [(f.code, f.cells, f.severity, f.explained, text) for f, text in rows]
        if key == self._shown:
            return
        self._shown = key
        current = self.finding(self.list.currentItem())
        keep = (current.code, current.cells) if current is not None else None
        self._findings = [f for f, _ in rows]
        while self.list.count() > len(rows):
            self.list.takeItem(self.list.count() - 1)
        counts = {ERROR: 0, WARNING: 0, HINT: 0}
        explained = 0
        select = -1
        for k, (f, text) in enumerate(rows):
            item = self.list.item(k)
            if item is None:
                item = QListWidgetItem()
                self.list.addItem(item)
            self._fill(item, f, text)
            if f.explained is not None:
                explained += 1
            else:
                counts[f.severity] += 1
            if keep == (f.code, f.cells):
                select = k
        if select != self.list.currentRow():
            self.list.setCurrentRow(select)
        if form is None:
            summary = ""
        elif not rows:
            summary = "本表没有发现问题。"
        else:
            parts = [f"{n} 个{sev}" for sev, n in counts.items() if n]
            if explained:
                parts.append(f"{explained} 项已说明")
            summary = "本表：" + "，".join(parts)
        if self.summary.text() != summary:
            self.summary.setText(summary)
        self._selection(self.list.currentItem(), None)

    def _fill(self, item: QListWidgetItem, f, text: str) -> None:
        new = self._text(f, text)
        if item.text() != new:
            item.setText(new)
        style = "explained" if f.explained is not None else f.severity
        if item.data(STYLE) != style:
            item.setData(STYLE, style)
            if f.explained is not None:
                item.setForeground(QBrush(theme.EXPLAINED))
                item.setBackground(QBrush())
                item.setIcon(theme.mark_icon(None))
            else:
                item.setForeground(QBrush(theme.FOREGROUND[f.severity]))
                item.setBackground(QBrush(theme.BACKGROUND[f.severity]))
                item.setIcon(theme.mark_icon(f.severity))
        tip = f"{f.severity}（已说明）" if f.explained is not None else f.severity
        if item.toolTip() != tip:
            item.setToolTip(tip)

    def finding(self, item):
        """The Finding an item of the list shows (None for none)."""
        if item is None:
            return None
        row = self.list.row(item)
        return self._findings[row] if 0 <= row < len(self._findings) else None

    @staticmethod
    def _text(f, text: str) -> str:
        if f.explained is not None:
            return f"已说明  {f.code}  {text}\n说明：{f.explained}"
        return f"{f.severity}  {f.code}  {text}"

    def select_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)

    def _go(self, item) -> None:
        if item is None:
            return
        f = self.finding(item)
        if f is not None and f.cells:
            self.go_to.emit(f.cells[0])

    def _selection(self, item, _previous) -> None:
        f = self.finding(item)
        self.go_button.setEnabled(f is not None)
        can = f is not None and f.severity != ERROR
        self.explain_button.setEnabled(can)

    def _explain_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            f = self.finding(item)
            if f is not None:
                self.explain_requested.emit(f)

    def _menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        f = self.finding(item)
        if f is None:
            return
        menu = QMenu(self)
        go = menu.addAction("转到单元格")
        go.triggered.connect(lambda: self._go(item))
        if f.severity == ERROR:
            no = menu.addAction("错误不能说明，请改正")
            no.setEnabled(False)
        else:
            act = menu.addAction("修改说明…" if f.explained is not None else "说明此项…")
            act.triggered.connect(lambda: self.explain_requested.emit(f))
        menu.exec(self.list.viewport().mapToGlobal(pos))
