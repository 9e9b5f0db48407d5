"""The window and files: save, reopen, save as, recent files, damaged files, closing, recovery."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from conftest import DEMO_FILE  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402
from ui_support import Dialogs, pick, retype  # noqa: E402

from perfdesk import launch, storage  # noqa: E402
from perfdesk.document import Document  # noqa: E402
from perfdesk.ui import app as ui_app  # noqa: E402
from perfdesk.ui.app import application, start  # noqa: E402
from perfdesk.ui.main_window import MainWindow  # noqa: E402

LABOUR = "劳务派遣人员专项资金"
SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def demo_copy(tmp_path):
    path = tmp_path / "人社局 2020.perfdesk"
    shutil.copy(DEMO_FILE, path)
    return path


@pytest.fixture
def make_window(qtbot, tmp_path, dialogs):
    """Windows sharing one settings file and one recovery folder, as successive sessions do."""
    application()
    made = []

    def make(autosave_ms=10**8):
        w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                       recovery_dir=tmp_path / "recovery", autosave_ms=autosave_ms)
        w.resize(1400, 900)
        with qtbot.waitActive(w):
            w.show()
            w.activateWindow()
        made.append(w)
        return w

    yield make
    for w in made:
        try:
            w.undo.setClean()
            w.close()
            w.deleteLater()
        except RuntimeError:  # already deleted
            pass


def recovery_files(tmp_path):
    folder = tmp_path / "recovery"
    return sorted(p.name for p in folder.glob("*.perfdesk")) if folder.exists() else []


# ---- save and open ----------------------------------------------------------------------------


def test_save_reopen_and_compare(make_window, demo_copy, qtbot):
    w = make_window()
    assert w.open_path(demo_copy)
    i = pick(w, LABOUR)
    retype(qtbot, w.form_view.fields["money.progress"], "22.40%")
    retype(qtbot, w.form_view.fields["phone"], "0311-5776535")
    assert w.isWindowModified() and "*" in w.windowTitle()
    qtbot.keyClick(w.form_view.fields["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not w.isWindowModified() and not w.doc.dirty
    on_disk = storage.load(demo_copy)
    assert on_disk.forms[i].money.progress == "22.40%"
    assert [f.to_dict() for f in on_disk.forms] == [f.to_dict() for f in w.doc.forms]

    other = make_window()
    assert other.open_path(demo_copy)
    assert other.doc.form(i).phone == "0311-5776535"
    other.show_form(i)
    assert other.form_view.fields["phone"].text() == "0311-5776535"
    assert other.recent.last() == str(demo_copy.resolve())


def test_new_file_and_save_as_asks_where(make_window, dialogs, tmp_path, monkeypatch, qtbot):
    w = make_window()
    assert w.doc.path is None and len(w.doc.forms) == 1
    assert w.windowTitle().startswith("未命名")
    retype(qtbot, w.form_view.fields["project"], "new project")
    target = tmp_path / "out" / "新文件"
    target.parent.mkdir()
    asked = []

    def get_save(parent, title, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    assert w.save()
    assert asked and asked[0].endswith(".perfdesk")
    saved = target.with_name("新文件.perfdesk")
    assert w.doc.path == saved and saved.exists()
    assert storage.load(saved).forms[0].project == "new project"
    assert w.recent.paths()[0] == str(saved.resolve())
    assert w.windowTitle().startswith("新文件.perfdesk")


def test_open_a_damaged_file_says_why_and_keeps_the_open_file(make_window, demo_copy, dialogs, tmp_path,
                                                                 qtbot):
    w = make_window()
    w.open_path(demo_copy)
    pick(w, LABOUR)
    retype(qtbot, w.form_view.fields["phone"], "123")
    doc = w.doc
    bad = tmp_path / "坏文件.perfdesk"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(200))
    assert not w.open_path(bad)
    [(kind, title, text)] = dialogs.said("critical")
    assert title == "无法打开文件" and ("损坏" in text or "不是" in text) and "坏文件.perfdesk" in text
    assert w.doc is doc and w.doc.dirty and w.current >= 0
    assert w.form_view.fields["phone"].text() == "123"
    not_ours = tmp_path / "报表.xlsx"
    not_ours.write_bytes(b"PK\x03\x04 not a perfdesk file")
    assert not w.open_path(not_ours)
    assert "不是 perfdesk 文件" in dialogs.said("critical")[-1][2]
    assert w.doc is doc


def test_a_failed_save_says_why_and_keeps_the_changes(make_window, demo_copy, dialogs, qtbot, monkeypatch):
    w = make_window()
    w.open_path(demo_copy)
    retype(qtbot, w.form_view.fields["phone"], "123")

    def broken(dfile, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "save", broken)
    assert not w.save()
    [(kind, title, text)] = dialogs.said("critical")
    assert title == "保存失败" and "保存失败" in text
    assert w.doc.dirty and w.isWindowModified()


def test_recent_files_and_drop_to_open(make_window, demo_copy, tmp_path):
    w = make_window()
    second = tmp_path / "second.perfdesk"
    shutil.copy(DEMO_FILE, second)
    w.open_path(demo_copy)
    w.open_path(second)
    assert w.recent.paths()[:2] == [str(second.resolve()), str(demo_copy.resolve())]
    w._fill_recent()
    names = [a.text() for a in w.recent_menu.actions()]
    assert names[0].startswith("&1 second.perfdesk")
    w.recent_menu.actions()[1].trigger()
    assert w.doc.path == demo_copy.resolve() or w.doc.path == demo_copy

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    w.dropEvent(event)
    assert w.doc.path == second


# ---- closing -------------------------------------------------------------------------------------


def test_closing_with_unsaved_changes_asks(make_window, demo_copy, dialogs, qtbot, tmp_path):
    w = make_window()
    w.open_path(demo_copy)
    retype(qtbot, w.form_view.fields["phone"], "123")
    w.write_recovery()
    assert len(recovery_files(tmp_path)) == 1
    dialogs.answers["question"] = CANCEL
    assert not w.close()
    assert w.isVisible() and w.doc.dirty
    assert "保存修改" in dialogs.said("question")[-1][1]
    dialogs.answers["question"] = SAVE
    assert w.close()
    assert storage.load(demo_copy).forms[0].phone == "123"
    assert recovery_files(tmp_path) == []  # a clean close leaves no recovery copy


def test_closing_and_discarding_leaves_the_file_as_it_was(make_window, demo_copy, dialogs, qtbot, tmp_path):
    w = make_window()
    w.open_path(demo_copy)
    before = storage.load(demo_copy).forms[0].phone
    retype(qtbot, w.form_view.fields["phone"], "999")
    w.write_recovery()
    dialogs.answers["question"] = DISCARD
    assert w.close()
    assert storage.load(demo_copy).forms[0].phone == before
    assert recovery_files(tmp_path) == []


# ---- recovery after a crash ------------------------------------------------------------------------


def test_autosave_writes_a_recovery_copy_and_a_save_removes_it(make_window, demo_copy, qtbot, tmp_path):
    w = make_window(autosave_ms=30)
    w.open_path(demo_copy)
    pick(w, LABOUR)
    qtbot.wait(60)
    assert recovery_files(tmp_path) == []  # nothing unsaved: nothing to keep
    retype(qtbot, w.form_view.fields["problems"] if False else w.form_view.fields["phone"], "555")
    qtbot.waitUntil(lambda: len(recovery_files(tmp_path)) == 1, timeout=3000)
    copy = Document.read_recovery(tmp_path / "recovery" / recovery_files(tmp_path)[0])
    assert copy.form(w.current).phone == "555" and copy.path == demo_copy
    w.save()
    assert recovery_files(tmp_path) == []


def crash(w):
    """A session that dies: its recovery copy stays, and no running perfdesk holds its lock."""
    w.write_recovery()
    w.autosave.stop()
    w.recovery._lock.unlock()
    w.recovery.path = None  # it would not clean up after itself
    w.undo.setClean()


def test_recovery_is_offered_after_a_crash_and_restores_the_changes(make_window, demo_copy, dialogs, qtbot,
                                                                      tmp_path):
    w = make_window()
    w.open_path(demo_copy)
    i = pick(w, LABOUR)
    retype(qtbot, w.form_view.fields["money.executed.total"], "439")
    crash(w)
    assert len(recovery_files(tmp_path)) == 1

    again = make_window()
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    start(again, [])
    [(kind, title, text)] = dialogs.said("question")
    assert title == "恢复未保存的修改？" and demo_copy.name in text
    assert again.doc.form(i).money.executed.total == "439"
    assert again.doc.dirty and again.isWindowModified() and again.doc.path == demo_copy
    assert storage.load(demo_copy).forms[i].money.executed.total == "98.33"  # not yet saved
    # the crashed session's copy is gone; this session's own copy replaces it
    assert recovery_files(tmp_path) == [again.recovery.path.name]
    again.save()
    assert storage.load(demo_copy).forms[i].money.executed.total == "439"
    assert recovery_files(tmp_path) == []


def test_declining_recovery_discards_the_copy_and_opens_the_last_file(make_window, demo_copy, dialogs, qtbot,
                                                                        tmp_path):
    w = make_window()
    w.open_path(demo_copy)
    retype(qtbot, w.form_view.fields["phone"], "1")
    crash(w)
    again = make_window()
    dialogs.answers["question"] = QMessageBox.StandardButton.No
    start(again, [])
    assert recovery_files(tmp_path) == []
    assert again.doc.path == demo_copy.resolve() and not again.doc.dirty
    assert again.doc.form(0).phone != "1"


def test_a_running_session_s_copy_is_not_offered(make_window, demo_copy, dialogs, qtbot, tmp_path):
    w = make_window()
    w.open_path(demo_copy)
    retype(qtbot, w.form_view.fields["phone"], "1")
    w.write_recovery()
    other = make_window()
    start(other, [])  # no question: the copy belongs to a live window
    assert dialogs.said("question") == []
    assert len(recovery_files(tmp_path)) == 1


# ---- starting ------------------------------------------------------------------------------------


def test_start_opens_the_file_named_then_the_last_file_then_a_new_one(make_window, demo_copy, tmp_path):
    w = make_window()
    start(w, [str(demo_copy)])
    assert w.doc.path == demo_copy and len(w.doc.forms) == 22
    w2 = make_window()
    start(w2, [])
    assert w2.doc.path == demo_copy.resolve()
    demo_copy.unlink()
    w3 = make_window()
    start(w3, [])
    assert w3.doc.path is None and len(w3.doc.forms) == 1


def test_perfdesk_file_runs_the_window(monkeypatch):
    seen = []
    monkeypatch.setattr(ui_app, "run", lambda argv: seen.append(argv) or 0)
    assert launch.main(["demo.perfdesk"]) == 0
    assert seen == [["demo.perfdesk"]]


def test_run_opens_the_file_and_returns_when_the_window_closes(monkeypatch, tmp_path, demo_copy, dialogs):
    application()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    opened = []

    def close_all():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                opened.append(widget.doc.path)
                widget.close()

    QTimer.singleShot(0, close_all)
    assert ui_app.run([str(demo_copy)]) == 0
    assert demo_copy in opened


def test_main_opens_a_file_given_on_the_command_line_and_quits_after(tmp_path):
    """``python main.py FILE --quit-after MS`` (the smoke test's way in), in its own process:
    quitting the application must not touch this test session's QApplication."""
    import subprocess
    import sys

    from conftest import DEMO_FILE, ROOT

    home = tmp_path / "用户 目录"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), str(DEMO_FILE), "--quit-after", "0"],
                            env=env, capture_output=True, encoding="utf-8", timeout=60)
    # UTF-8 whatever the code page: the window writes UTF-8 to a pipe (perfdesk/streams.py)
    assert result.returncode == 0, result.stderr
    assert "窗口已打开：demo-2020.perfdesk，22 张表" in result.stdout
