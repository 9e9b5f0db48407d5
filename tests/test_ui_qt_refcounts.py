"""Guard against the PySide6 release (6.12.0) that dropped references to None on
Python 3.11 and aborted the window after a few hundred keystrokes."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QListWidget


def test_qt_calls_returning_none_keep_none_alive(qtbot):
    widget = QListWidget()
    qtbot.addWidget(widget)
    model = QStandardItemModel(2, 2)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.currentItem()
        model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) >= before - 50
