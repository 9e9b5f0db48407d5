"""Start the window: ``run(argv)`` is what ``perfdesk FILE`` and ``python main.py FILE`` call."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import logfile, resources
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
        # High-DPI scaling is always on in Qt 6; pass 125 %/150 % through unrounded.
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0] if sys.argv else "perfdesk"])
        app.setStyle("Fusion")
        _install_chinese_qt_texts(app)
    theme.install_font(app)
    if app.windowIcon().isNull():  # the title bar's and taskbar's (tools/make_icon.py)
        app.setWindowIcon(QIcon(str(resources.icon_path())))
    return app


def _install_chinese_qt_texts(app: QApplication) -> None:
    """Qt's own buttons and dialogs (是/否, 打开文件 …) in Chinese."""
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


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
    """Open the window.  ``--quit-after MS`` closes it MS ms after it is usable (smoke tests)."""
    quit_after = _option(argv, "--quit-after")
    logfile.install()
    app = application()
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    window = MainWindow()
    window.show()
    start(window, argv)
    if quit_after is not None:
        QTimer.singleShot(int(quit_after), lambda: _report_and_quit(window))
    return app.exec()


def _option(argv: list[str], name: str) -> str | None:
    """Take ``name VALUE`` out of argv and return VALUE."""
    if name in argv:
        at = argv.index(name)
        value = argv[at + 1] if at + 1 < len(argv) else "0"
        del argv[at:at + 2]
        return value
    return None


def _report_and_quit(window: MainWindow) -> None:
    name = window.doc.path.name if window.doc.path else "新文件"
    print(f"窗口已打开：{name}，{len(window.doc.dfile.forms)} 张表", flush=True)
    window.close()
    QApplication.instance().quit()
