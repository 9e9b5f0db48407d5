import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The commands log to the user's folder: the tests' logs go to a folder of their own.
os.environ.setdefault("PERFDESK_LOG_DIR", tempfile.mkdtemp(prefix="perfdesk-test-log-"))

ROOT = Path(__file__).resolve().parents[1]
DEMO_JSON = ROOT / "resources/demo/demo-2020.json"
DEMO_FILE = ROOT / "resources/demo/demo-2020.perfdesk"


@pytest.fixture
def demo_dict():
    return json.loads(DEMO_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def demo(demo_dict):
    from perfdesk.model import DepartmentFile

    return DepartmentFile.from_dict(demo_dict)


# ---- the window (Qt is imported only by the tests that ask for these) --------


@pytest.fixture
def dialogs(monkeypatch):
    """Every message box and input dialog is answered by the test."""
    from ui_support import Dialogs

    return Dialogs(monkeypatch)


@pytest.fixture
def win(qtbot, tmp_path, dialogs):
    """The main window with a copy of the demo file open, settings and recovery in tmp_path."""
    import shutil

    from PySide6.QtCore import QSettings

    from perfdesk.ui.app import application
    from perfdesk.ui.main_window import MainWindow

    application()
    path = tmp_path / "人社局2020.perfdesk"
    shutil.copy(DEMO_FILE, path)
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                   recovery_dir=tmp_path / "recovery", autosave_ms=10**8)
    w.resize(1600, 1000)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    assert w.open_path(path)
    yield w
    w.undo.setClean()  # nothing to ask about when the window closes
    w.close()
    w.deleteLater()
