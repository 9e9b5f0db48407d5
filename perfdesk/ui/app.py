"""Start the window: ``run(argv)`` is what ``perfdesk FILE`` and ``python main.py FILE`` call."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..document import Document
from ..errors import PerfdeskError
from . import theme
from .files import RecoveryStore
from .main_window import MainWindow


def application() -> QApplication:
    """The QApplication (made once), named perfdesk, with the bundled Chinese font."""
    QCoreApplication.setOrganizationName("perfdesk")
    QCoreApplication.setApplicationName("perfdesk")
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "perfdesk"])
        app.setStyle("Fusion")
    theme.install_font(app)
    return app


def start(window: MainWindow, argv: list[str]) -> None:
    """What to show first: a crashed session's copy (if accepted), else FILE, the last file, or a new one."""
    if offer_recovery(window):
        return
    paths = [a for a in argv if a and not a.startswith("-")]
    if paths:
        window.open_path(paths[0])
        return
    last = window.recent.last()
    if last and Path(last).is_file():
        window.open_path(last)


def offer_recovery(window: MainWindow) -> bool:
    """Offer back the newest recovery copy a session that did not close left behind; True if taken.

    A window shows one file, so one copy is offered per start; any older ones
    stay for the next start.
    """
    store: RecoveryStore = window.recovery
    orphans = store.orphans()
    if not orphans:
        return False
    newest = orphans[0]
    origin = store.origin(newest)
    where = f"「{Path(origin).name}」" if origin else "一个尚未保存的新文件"
    answer = QMessageBox.question(
        window, "恢复未保存的修改？",
        f"perfdesk 上次没有正常关闭，{where}有未保存的修改留在恢复副本中。\n是否恢复这些修改？\n\n"
        "选“否”将丢弃恢复副本。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    taken = False
    if answer == QMessageBox.StandardButton.Yes:
        try:
            doc = Document.read_recovery(newest)
        except PerfdeskError as err:
            QMessageBox.critical(window, "无法恢复", str(err))
        else:
            window.set_document(doc)
            window.write_recovery()  # this session's own copy takes over at once
            window.statusBar().showMessage("已恢复上次未保存的修改；请检查后保存。", 10000)
            taken = True
    store.remove(newest)  # older copies (other crashed windows) are offered at the next starts
    return taken


def run(argv: list[str]) -> int:
    app = application()
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    window = MainWindow()
    window.show()
    start(window, argv)
    return app.exec()
