"""Colours, the bundled CJK font and the little marks the window uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from ..checks import ERROR, HINT, WARNING
from ..resources import font_path

# Cell backgrounds and text colours by severity (readable on screen and projector).
BACKGROUND = {ERROR: QColor("#ffcdd2"), WARNING: QColor("#fff3a6"), HINT: QColor("#e3f2fd")}
FOREGROUND = {ERROR: QColor("#b71c1c"), WARNING: QColor("#7a5c00"), HINT: QColor("#0d47a1")}
MARK = {ERROR: QColor("#d32f2f"), WARNING: QColor("#f5b400"), HINT: QColor("#64b5f6")}
EXPLAINED = QColor("#8a8a8a")
COMPUTED = QColor("#5f6b7a")  # computed figures shown beside typed ones
CONTRADICTION = QColor("#c62828")
SECTION = QColor("#e6ecf3")
HEADER = QColor("#f3f5f8")
PAPER = QColor("#ffffff")
LABEL = QColor("#37474f")

_family: str | None = None


def install_font(app: QApplication) -> str:
    """Register the bundled WenQuanYi Micro Hei and make it the application font."""
    global _family
    if _family is None:
        families = []
        fid = QFontDatabase.addApplicationFont(str(font_path()))
        if fid >= 0:
            families = QFontDatabase.applicationFontFamilies(fid)
        _family = families[0] if families else ""
    font = QFont(_family) if _family else QFont()
    font.setPointSize(10)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return _family


_icons: dict[str, QIcon] = {}


def mark_icon(severity: str | None) -> QIcon:
    """A small filled dot: red for 错误, yellow for 警告; empty for none."""
    key = severity or ""
    if key not in _icons:
        pix = QPixmap(14, 14)
        pix.fill(Qt.GlobalColor.transparent)
        if severity in MARK:
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(MARK[severity].darker(130))
            p.setBrush(MARK[severity])
            p.drawEllipse(2, 2, 10, 10)
            p.end()
        _icons[key] = QIcon(pix)
    return _icons[key]
