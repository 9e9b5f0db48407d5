"""A bare PySide6 window that closes once shown: the yardstick for perfdesk's start-up time."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("bare")
label.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
