"""文件 menu: Excel and Word in and out, this year's file from last year's, last year's to compare.

- 导入 Excel/Word 表格… (or .xlsx/.docx dropped on the window): the forms of
  one or more workbooks and documents become a new, unsaved department file.
  If any form cannot be read whole, nothing is imported and every problem is
  listed.
- 导出为 Excel…: every form on its own sheet.
- 从上年文件新建本年文件…: last year's tree and targets kept, its figures
  cleared; the new file is compared with last year's.
- 对照上年文件… / 不再对照上年文件: Y01, Y02 and the 上年实际 column (undoable).

Whatever fails, the open file stays as it was.  A last year's file that
cannot be read is named in the status bar and above the findings, once, not
in a dialog.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QMessageBox

from ..checks import WARNING
from ..document import Document
from ..errors import PerfdeskError
from ..newyear import new_year, next_year
from ..sources import OFFICE, import_files, load_any
from . import commands as cmd
from . import theme

OFFICE_FILTER = "Excel/Word 表格 (*.xlsx *.docx);;Excel 工作簿 (*.xlsx);;Word 文档 (*.docx);;所有文件 (*)"
LAST_YEAR_FILTER = "上年的文件 (*.perfdesk *.xlsx *.docx);;所有文件 (*)"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
SHOWN_PROBLEMS = 8  # problems listed in the message itself; all of them under 显示详情


@contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def show_problems(parent, title: str, text: str, problems: Sequence[str]) -> None:
    """An error with a list of problems: the first few shown, all of them under 显示详情 (scrolls)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    shown = "\n".join(f"• {p}" for p in problems[:SHOWN_PROBLEMS])
    if len(problems) > SHOWN_PROBLEMS:
        shown += f"\n……另有 {len(problems) - SHOWN_PROBLEMS} 个问题，点“显示详情”查看全部。"
    box.setInformativeText(shown)
    if len(problems) > 1:
        box.setDetailedText("\n".join(problems))
    box.exec()


def _year_number(text: str) -> int | None:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if len(digits) == 4 else None


class OfficeActions:
    """The actions, their menu entries, and the line about last year's file.

    ``win`` is the MainWindow: its Document, undo stack, ``maybe_save``,
    ``set_document``, recent files and status bar.
    """

    def __init__(self, win):
        self.win = win
        self.status = QLabel("")  # a last year's file that cannot be read, in the status bar
        self.status.setStyleSheet(
            f"QLabel {{ color: {theme.FOREGROUND[WARNING].name()}; "
            f"background: {theme.BACKGROUND[WARNING].name()}; padding: 0 4px; }}")
        self.status.hide()
        win.statusBar().addPermanentWidget(self.status)

    def add_to(self, menu) -> None:
        w = self.win
        w._action("导入 Excel/Word 表格(&I)…", self.import_files, None, menu)
        w._action("导出为 Excel(&X)…", self.export_excel, None, menu)
        menu.addSeparator()
        w._action("从上年文件新建本年文件(&Y)…", self.new_from_last_year, None, menu)
        w._action("对照上年文件(&L)…", self.choose_last_year, None, menu)
        self.clear_action = w._action("不再对照上年文件", self.clear_last_year, None, menu)

    # ---- dialogs -----------------------------------------------------------------------

    def _folder(self) -> str:
        doc = self.win.doc
        if doc.path is not None:
            return str(doc.path.parent)
        return self.win.recent.last_folder()

    def _ask_open(self, title: str, filters: str, start: str = "") -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.win, title, start or self._folder(), filters)
        return path or None

    # ---- import --------------------------------------------------------------------------

    def import_files(self, paths: Sequence[str] | None = None) -> bool:
        """Import Excel/Word forms (asking which, when ``paths`` is None) as a new unsaved file."""
        w = self.win
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(w, "导入 Excel/Word 表格", self._folder(), OFFICE_FILTER)
        if not paths:
            return False
        skipped: list[str] = []
        try:
            with busy():
                dfile = import_files(paths, skipped)
        except PerfdeskError as err:
            problems = list(getattr(err, "problems", None) or [str(err)])  # ImportProblems lists them
            show_problems(
                w, "导入失败",
                f"无法导入：{len(problems)} 处读不出来，没有导入任何表。当前打开的文件没有改动。",
                problems)
            return False
        if not w.maybe_save():
            return False
        dfile.settings.last_year_file = ""  # a path on whatever computer the workbook was made
        doc = Document(dfile)
        doc.dirty = True
        w.recovery.discard()
        w.set_document(doc)
        w.recent.set_last_folder(Path(paths[0]).parent)
        text = f"已导入 {len(dfile.forms)} 张表（来自 {len(paths)} 个文件）；尚未保存，请用“另存为”保存。"
        if skipped:
            text += f"跳过了 {len(skipped)} 张空白表。"
        w.statusBar().showMessage(text, 15000)
        return True

    def drop(self, paths: Sequence[str]) -> bool:
        """Dropped files: True if they are Excel/Word forms (imported), else the window opens them."""
        office = [p for p in paths if Path(p).suffix.lower() in OFFICE]
        if not office or len(office) != len(paths):
            return False
        # after the drop has finished: a dialog inside a drop would hold up the program dragged from
        QTimer.singleShot(0, lambda: self.import_files(office))
        return True

    # ---- export --------------------------------------------------------------------------

    def export_excel(self) -> Path | None:
        """Every form to its own sheet of a workbook; says how many sheets were written."""
        w, doc = self.win, self.win.doc
        if not doc.forms:
            QMessageBox.information(w, "导出为 Excel", "文件中没有表，没有可导出的内容。")
            return None
        if doc.path is not None:
            start = doc.path.with_suffix(".xlsx")
        else:
            name = f"{doc.dfile.department or '部门'}{doc.dfile.year}年绩效自评表.xlsx"
            start = Path(self._folder() or Path.home()) / name
        path, _ = QFileDialog.getSaveFileName(w, "导出为 Excel", str(start), EXCEL_FILTER)
        if not path:
            return None
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".xlsx")
        if path.suffix.lower() != ".xlsx":
            QMessageBox.critical(w, "导出失败", f"导出的文件扩展名应为 .xlsx：{path.name}")
            return None
        # last year's file is a path on this computer: it does not go out with the workbook
        dfile = replace(doc.dfile, settings=replace(doc.dfile.settings, last_year_file=""))
        try:
            with busy():
                names = excel_export(dfile, path)
        except PerfdeskError as err:
            QMessageBox.critical(
                w, "导出失败", f"{err}\n\n如果这个文件正在 Excel 或 WPS 中打开，请先关闭它再导出。")
            return None
        w.recent.set_last_folder(path.parent)
        QMessageBox.information(
            w, "已导出为 Excel", f"已导出 {path.name}：{len(names)} 张表，每张表一个工作表。")
        w.statusBar().showMessage(f"已导出 {len(names)} 张表到 {path}", 10000)
        return path

    # ---- last year -----------------------------------------------------------------------

    def new_from_last_year(self) -> bool:
        """This year's file from last year's: a new unsaved file, compared with last year's."""
        w = self.win
        path = self._ask_open("选择上年的文件（据此新建本年文件）", LAST_YEAR_FILTER)
        if not path:
            return False
        try:
            with busy():
                last = load_any(path)
        except PerfdeskError as err:
            QMessageBox.critical(w, "无法读取上年文件", str(err))
            return False
        year = self._this_year(last)
        if year is None:
            return False
        dfile = new_year(last, year, last_path=path)
        if not w.maybe_save():
            return False
        doc = Document(dfile, last_year=last)
        doc.dirty = True
        w.recovery.discard()
        w.set_document(doc)
        w.recent.set_last_folder(Path(path).parent)
        w.statusBar().showMessage(
            f"已由 {last.year or '上年'} 年度文件新建 {dfile.year} 年度文件：{len(dfile.forms)} 张表，"
            "沿用项目、指标、权重和目标值，金额、实际完成值和得分已清空；尚未保存，请用“另存为”保存。",
            15000)
        return True

    def _this_year(self, last) -> str | None:
        try:
            return next_year(last.year)
        except PerfdeskError:
            pass
        text, ok = QInputDialog.getText(
            self.win, "本年年度",
            f"无法从上年文件的年度「{last.year}」推算本年年度。\n请输入本年年度（例如 2021）：")
        return text.strip() if ok and text.strip() else None

    def choose_last_year(self) -> bool:
        """Compare the open file with last year's file (Y01, Y02, 上年实际)."""
        w, doc = self.win, self.win.doc
        current = doc.last_year_path()
        path = self._ask_open("选择上年的文件（与之对照）", LAST_YEAR_FILTER,
                              str(current) if current is not None else "")
        if not path:
            return False
        chosen = Path(path).resolve()
        if doc.path is not None and chosen == doc.path.resolve():
            QMessageBox.critical(w, "无法对照", "上年文件不能是当前打开的这个文件，请选择上年的文件。")
            return False
        try:
            with busy():
                last = load_any(chosen)
        except PerfdeskError as err:
            QMessageBox.critical(w, "无法读取上年文件", f"{err}\n\n没有改变对照的上年文件。")
            return False
        if str(chosen) == doc.last_year_file:  # the same file again: read it afresh
            reread = doc.reread_last_year()
            doc.set_last_year_file(str(chosen), last)
            w.apply(reread.changes)
        else:
            w.undo.push(cmd.SetLastYearFile(w, str(chosen), last))
        n = len(doc.forms)
        matched = sum(1 for i in range(n) if doc.last_year_form(i) is not None)
        text = (f"对照上年文件 {chosen.name}（{last.year or '年度未填'}）："
                f"{n} 张表中 {matched} 张找到了上年的同名项目。")
        this, then = _year_number(doc.dfile.year), _year_number(last.year)
        if this is not None and then is not None and then >= this:
            text += f"注意：上年文件的年度（{last.year}）不早于本文件的年度（{doc.dfile.year}）。"
        w.statusBar().showMessage(text, 15000)
        return True

    def clear_last_year(self) -> None:
        if self.win.doc.last_year_file:
            self.win.undo.push(cmd.SetLastYearFile(self.win, ""))

    def sync(self) -> None:
        """Say which last year's file the forms are compared with, or why it cannot be read."""
        doc, panel = self.win.doc, self.win.findings
        self.clear_action.setEnabled(bool(doc.last_year_file))
        path = doc.last_year_path()
        error = doc.last_year_error
        if path is None:
            panel.set_last_year_note("")
            self.status.hide()
        elif error:
            panel.set_last_year_note(
                f"上年文件无法读取，本次未与上年对照：{error}\n（可用“文件 → 对照上年文件…”重新选择）",
                problem=True)
            panel.last_year_note.setToolTip(str(path))
            self.status.setText(f"上年文件无法读取：{path.name}")
            self.status.setToolTip(f"{error}\n（文件 → 对照上年文件… 可重新选择）")
            self.status.show()
        else:
            last = doc.last_year()
            year = f"{last.year} 年度" if last.year.strip() else "年度未填"
            panel.set_last_year_note(f"对照上年：{path.name}（{year}）")
            panel.last_year_note.setToolTip(str(path))
            self.status.hide()


def excel_export(dfile, path: Path) -> list[str]:
    from .. import excel  # openpyxl loads on the first export, not at start

    return excel.export_file(dfile, path)
