"""Helpers for the window tests: dialogs answered by the test, and ways to type."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox  # noqa: E402


class Dialogs:
    """Every dialog is answered by the test; one nobody expected fails the test."""

    def __init__(self, monkeypatch):
        self.calls = []
        self.answers = {}
        for name in ("question", "critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, name, self._box(name))
        for name in ("getText", "getMultiLineText", "getItem"):
            monkeypatch.setattr(QInputDialog, name, self._input(name))
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box):
        """A message box built and shown with exec(): recorded as "box", its texts in one."""
        texts = [box.text(), box.informativeText(), box.detailedText()]
        self.calls.append(("box", box.windowTitle(), "\n".join(t for t in texts if t)))
        return QMessageBox.StandardButton.Ok

    def _box(self, name):
        def box(parent, title, text, *args, **kwargs):
            self.calls.append((name, title, text))
            if name not in self.answers:
                if name == "question":
                    raise AssertionError(f"unexpected question: {title}: {text}")
                return QMessageBox.StandardButton.Ok
            return self.answers[name]
        return staticmethod(box)

    def _input(self, name):
        def ask(parent, title, label, *args, **kwargs):
            self.calls.append((name, title, label))
            if name not in self.answers:
                raise AssertionError(f"unexpected input dialog: {title}")
            return self.answers[name]
        return staticmethod(ask)

    def said(self, name):
        return [c for c in self.calls if c[0] == name]


def pick(w, project):
    i = next(k for k, f in enumerate(w.doc.forms) if f.project == project)
    w.forms_list.table.setCurrentCell(i, 0)
    assert w.current == i
    return i


def retype(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        ime_commit(widget, text)


def enter(qtbot):
    """Enter in the focused editor; the table closes its editor on the next turn of the loop."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()


def ime_commit(widget, text, pinyin="pin"):
    """What a Chinese input method sends: the pinyin being composed, then the characters picked."""
    QApplication.sendEvent(widget, QInputMethodEvent(pinyin, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget() or widget, event)


def type_in_table(qtbot, table, text):
    """The first key starts the cell editor; the rest go to the editor, which has the focus."""
    qtbot.keyClick(table, text[0])
    if text[1:]:
        qtbot.keyClicks(QApplication.focusWidget(), text[1:])


def header(model, column):
    return model.headerData(column, Qt.Orientation.Horizontal).replace("\n", "")


def codes(w):
    return {f.code for f in w.findings._findings}


def list_texts(w):
    return [w.findings.list.item(k).text() for k in range(w.findings.list.count())]


def background(widget):
    return widget.palette().color(QPalette.ColorRole.Base)


# ---- the window as it opens --------------------------------------------------------------
