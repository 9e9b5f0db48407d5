"""The open department file as a window edits it: every edit in one place, no Qt.

A ``Document`` holds the ``DepartmentFile``, where it lives on disk, whether
it has unsaved changes, and each form's ``Evaluation`` (arithmetic and
findings), recomputed only for the form an edit touched.  Every edit returns
an ``Op`` (``perfdesk.changes``): ``changes`` says what it changed, for the
views, and ``undo`` what takes it back:

- ``set_cell`` (undo: the old text; ``set_cell`` with it undoes),
  ``set_file_field``, ``set_rule``;
- ``insert_rows`` / ``remove_rows`` / ``restore_rows`` / ``move_row`` /
  ``unmove_row`` on the indicator table and the goals (``perfdesk.row_edits``);
- ``paste`` / ``paste_grid`` a block copied from Excel/WPS, ``unpaste``;
- ``add_form`` / ``duplicate_form`` / ``delete_form`` / ``move_form`` /
  ``rename_form`` / ``set_layout``; ``explain`` notes a 警告/提示;
- ``set_last_year_file`` (every evaluation compares with it: Y01, Y02) and
  ``set_report_file`` (the 自评报告 kept with the forms).

``open`` / ``save`` read and write the file; ``write_recovery`` /
``read_recovery`` keep an autosave copy elsewhere (``perfdesk.recovery``).
"""

from __future__ import annotations

import copy
import os
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import layouts, recovery, row_edits, storage
from . import paste as pasting
from .changes import NOTHING, Op, OpChanges
from .checks import BY_CODE, ERROR, Evaluation, evaluate
from .errors import PerfdeskError
from .last_year import LastYears, beside
from .model import DepartmentFile, Form, Goal, Indicator, get_cell, set_cell
from .newyear import last_year_actuals, match_form
from .paste import Pasted
from .row_edits import RowMoved, RowsRemoved
from .tsv import parse_tsv

FILE_FIELDS = ("department", "year", "money_unit")
RULES = ("score_cap_by_rate", "finalising")  # the file's check options (Settings)
COPY_SUFFIX = "（副本）"


class ExplainRefused(PerfdeskError):
    """An 错误 was to be explained away; it has to be fixed instead."""


def new_form(project: str = "", layout: str = "A") -> Form:
    """A blank form with one goal and the template's indicator rows."""
    form = Form(layout=layout, project=project, goals=[Goal()])
    rows = layouts.get(layout).new_form_rows()
    form.indicators = [Indicator(level1=l1, level2=l2) for l1, l2 in rows]
    return form


class Document:
    def __init__(self, dfile: DepartmentFile | None = None, path: str | os.PathLike | None = None,
                 last_year: DepartmentFile | None = None):
        """``last_year``: last year's file already read from ``settings.last_year_file``."""
        self.dfile = dfile if dfile is not None else DepartmentFile()
        self.path: Path | None = Path(path) if path is not None else None
        self.dirty = False
        self.generation = 0  # counts edits; an autosave compares it
        self._evals: list[Evaluation | None] = [None] * len(self.dfile.forms)
        self._last_years = LastYears()
        if last_year is not None and self.dfile.settings.last_year_file:
            self._last_years.remember(self.dfile.settings.last_year_file, last_year)

    # ---- whole files ---------------------------------------------------------

    @classmethod
    def new(cls) -> Document:
        """A new department file holding one blank form."""
        dfile = DepartmentFile(year=str(date.today().year - 1), forms=[new_form()])
        return cls(dfile)

    @classmethod
    def open(cls, path: str | os.PathLike) -> Document:
        """Read a department file; a ``PerfdeskError`` (Chinese message) if it cannot be."""
        path = Path(path)
        try:
            dfile = storage.load(path)
        except PerfdeskError:
            raise
        except (OSError, sqlite3.Error, ValueError, TypeError, KeyError) as err:
            raise PerfdeskError(f"无法打开文件：{path.name}（{err}）") from err
        return cls(dfile, path)

    def save(self, path: str | os.PathLike | None = None) -> None:
        """Save (to ``path``: save as).  On failure nothing here changes and the error is raised."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise PerfdeskError("还没有为此文件选择保存位置，请使用“另存为”。")
        try:
            storage.save(self.dfile, target)
        except PerfdeskError:
            raise
        except (OSError, sqlite3.Error) as err:
            reason = getattr(err, "strerror", None) or str(err)
            raise PerfdeskError(f"保存失败：{target.name}（{reason}）") from err
        self.path = target
        self.dirty = False

    @property
    def title(self) -> str:
        return self.path.name if self.path is not None else "未命名"

    def write_recovery(self, path: str | os.PathLike) -> None:
        """Write a copy of the current state to ``path`` (and where it came from beside it)."""
        recovery.write_recovery(self.dfile, self.path, path)

    @classmethod
    def read_recovery(cls, path: str | os.PathLike) -> Document:
        """The document a recovery copy holds: unsaved, and saving goes where it came from."""
        doc = cls.open(path)
        origin = recovery.recovery_origin(path)
        doc.path = Path(origin) if origin else None
        doc.dirty = True
        return doc

    # ---- reading -----------------------------------------------------------

    @property
    def forms(self) -> list[Form]:
        return self.dfile.forms

    def form(self, index: int) -> Form:
        return self.dfile.forms[index]

    def evaluation(self, index: int) -> Evaluation:
        ev = self._evals[index]
        if ev is None:
            ev = self._evals[index] = evaluate(self.dfile.forms[index], self.dfile, self.last_year())
        return ev

    def cell(self, index: int, address: str) -> str:
        return get_cell(self.form(index), address)

    def _changed(self, changes: OpChanges) -> OpChanges:
        """Note an edit: unsaved, and the evaluations it makes stale dropped."""
        self.dirty = True
        self.generation += 1
        if changes.file or changes.last_year:
            self._evals = [None] * len(self.dfile.forms)
        elif changes.form is not None:
            self._evals[changes.form] = None
        return changes

    # ---- last year's file and the 自评报告 -------------------------------------------

    @property
    def last_year_file(self) -> str:
        """Where last year's file is, as set ("" : none)."""
        return self.dfile.settings.last_year_file

    def last_year_path(self) -> Path | None:
        """Last year's file; a relative setting is taken from this file's folder."""
        return beside(self.last_year_file, self.path)

    def last_year(self) -> DepartmentFile | None:
        """Last year's file, read once; None if none is set or it cannot be read."""
        return self._last_years.entry(self.last_year_file, self.path)[0]

    @property
    def last_year_error(self) -> str | None:
        """Why last year's file cannot be read (None: it can, or none is set)."""
        return self._last_years.entry(self.last_year_file, self.path)[1]

    def set_last_year_file(self, path: str, loaded: DepartmentFile | None = None) -> Op[str]:
        """Compare with last year's file at ``path`` ("" : no longer); undo: the old setting.

        ``loaded`` is that file if the caller has read it already.  Every form
        is re-evaluated.
        """
        old = self.last_year_file
        if loaded is not None and path:
            self._last_years.remember(path, loaded)
        if path == old:
            return Op(NOTHING, old)
        self.dfile.settings.last_year_file = path
        return Op(self._changed(OpChanges(last_year=True)), old)

    def reread_last_year(self) -> Op[None]:
        """Read last year's file again when next needed (it may have changed on disk).

        Not an edit of this file (nothing to save or undo), but every form is re-evaluated.
        """
        self._last_years.forget(self.last_year_file)
        self._evals = [None] * len(self.dfile.forms)
        return Op(OpChanges(last_year=True))

    def last_year_form(self, index: int) -> Form | None:
        """Last year's form of the same project as form ``index``, if any."""
        last = self.last_year()
        return match_form(self.form(index), last) if last is not None else None

    def last_year_actuals(self, index: int) -> dict[int, str] | None:
        """Row -> last year's 实际完成值 of the same indicator; None if last year has no such form."""
        if self.last_year_form(index) is None:
            return None
        return last_year_actuals(self.form(index), self.last_year())

    @property
    def report_file(self) -> str:
        """The 自评报告 kept beside the forms, as set ("" : none)."""
        return self.dfile.settings.report_file

    def report_path(self) -> Path | None:
        """The report; a relative setting is taken from this file's folder."""
        return beside(self.report_file, self.path)

    def set_report_file(self, path: str) -> Op[str]:
        """Keep the report at ``path`` with the forms ("" : none); undo: the old setting.

        The forms' findings do not depend on it: nothing is re-evaluated.
        """
        old = self.report_file
        if path == old:
            return Op(NOTHING, old)
        self.dfile.settings.report_file = path
        return Op(self._changed(OpChanges(report=True)), old)

    # ---- cells ---------------------------------------------------------------

    def set_cell(self, index: int, address: str, text: str) -> Op[str]:
        """Set one typed cell of one form; undo: the text it held."""
        form = self.form(index)
        old = get_cell(form, address)
        if isinstance(old, bool):
            text = bool(text)
        elif not isinstance(old, str):
            raise ValueError(f"not a cell: {address!r}")
        if old == text:
            return Op(NOTHING, old)
        set_cell(form, address, text)
        return Op(self._changed(OpChanges(index, (address,), layout=address == "layout")), old)

    def set_file_field(self, name: str, text: str) -> Op[str]:
        """填报部门, 年度 or 金额单位 of the whole file; every form is re-evaluated."""
        if name not in FILE_FIELDS:
            raise ValueError(f"not a file field: {name!r}")
        old = getattr(self.dfile, name)
        if old == text:
            return Op(NOTHING, old)
        setattr(self.dfile, name, text)
        return Op(self._changed(OpChanges(file=True)), old)

    def set_rule(self, name: str, on: bool) -> Op[bool]:
        """Turn a check option of the file on or off (S12's cap, 定稿 C01); undo: the old state."""
        if name not in RULES:
            raise ValueError(f"not a rule: {name!r}")
        old = getattr(self.dfile.settings, name)
        if old == on:
            return Op(NOTHING, old)
        setattr(self.dfile.settings, name, on)
        return Op(self._changed(OpChanges(file=True)), old)

    # ---- rows of the indicator table and the goals -----------------------------

    def _rows_changed(self, index: int, table: str) -> OpChanges:
        return self._changed(OpChanges(index, rows=table))

    def insert_rows(self, index: int, table: str, at: int, rows: int | Sequence = 1) -> Op[range]:
        """Insert blank rows (a count) or the given rows before row ``at``; undo: their indices."""
        inserted = row_edits.insert_rows(self.form(index), table, at, rows)
        return Op(self._rows_changed(index, table) if inserted else NOTHING, inserted)

    def remove_rows(self, index: int, table: str, start: int, count: int = 1) -> Op[RowsRemoved]:
        """Remove ``count`` rows from ``start``; the rows below keep their merged labels."""
        removed = row_edits.remove_rows(self.form(index), table, start, count)
        return Op(self._rows_changed(index, table), removed)

    def restore_rows(self, index: int, removed: RowsRemoved) -> Op[None]:
        """Undo ``remove_rows``."""
        row_edits.restore_rows(self.form(index), removed)
        return Op(self._rows_changed(index, removed.table))

    def move_row(self, index: int, table: str, src: int, dst: int) -> Op[RowMoved]:
        """Move one row to position ``dst``; every row keeps the 一级/二级 it was under."""
        moved = row_edits.move_row(self.form(index), table, src, dst)
        return Op(self._rows_changed(index, table) if src != dst else NOTHING, moved)

    def unmove_row(self, index: int, moved: RowMoved) -> Op[None]:
        """Undo ``move_row``."""
        if moved.src == moved.dst:
            return Op(NOTHING)
        row_edits.unmove_row(self.form(index), moved)
        return Op(self._rows_changed(index, moved.table))

    # ---- paste -----------------------------------------------------------------

    def paste(self, index: int, table: str, row: int, col: int, text: str,
              columns: Sequence[str | None]) -> Op[Pasted]:
        """Paste tab-separated text from row ``row``, column ``col`` of a table.

        ``columns`` are the table's columns as shown, each a field name or
        ``None`` for a computed column (skipped: the block's next column goes
        to the next editable one).  Whole rows are inserted unless they land on
        blank rows; rows beyond the end are appended.
        """
        return self.paste_grid(index, table, row, col, parse_tsv(text), columns)

    def paste_grid(self, index: int, table: str, row: int, col: int,
                   grid: Sequence[Sequence[str]], columns: Sequence[str | None]) -> Op[Pasted]:
        """See ``perfdesk.paste``: whole rows insert unless they land on blank rows."""
        form = self.form(index)
        row_edits.rows_of(form, table)
        pasted = pasting.paste_grid(form, table, row, col, grid, columns,
                                    lambda at, count: row_edits.insert_rows(form, table, at, count))
        return Op(self._rows_changed(index, table), pasted)

    def unpaste(self, index: int, pasted: Pasted) -> Op[None]:
        pasting.undo(self.form(index), pasted)
        return Op(self._rows_changed(index, pasted.table))

    # ---- forms -----------------------------------------------------------------

    def add_form(self, at: int | None = None, form: Form | None = None) -> Op[int]:
        """Insert ``form`` (a blank one if none) before ``at`` (at the end if None); undo: its index."""
        forms = self.dfile.forms
        at = len(forms) if at is None else max(0, min(at, len(forms)))
        forms.insert(at, form if form is not None else new_form())
        self._evals.insert(at, None)
        return Op(self._changed(OpChanges(at, forms=True)), at)

    def duplicate_form(self, index: int) -> Op[int]:
        """A copy of form ``index`` right after it, named …（副本）; undo: its index."""
        twin = copy.deepcopy(self.form(index))
        twin.uid = ""
        twin.project = twin.project + COPY_SUFFIX
        return self.add_form(index + 1, twin)

    def delete_form(self, index: int) -> Op[Form]:
        """Remove a form; ``add_form(index, op.undo)`` puts it back."""
        form = self.dfile.forms.pop(index)
        self._evals.pop(index)
        return Op(self._changed(OpChanges(forms=True)), form)

    def move_form(self, src: int, dst: int) -> Op[None]:
        forms = self.dfile.forms
        forms.insert(dst, forms.pop(src))
        self._evals.insert(dst, self._evals.pop(src))
        return Op(self._changed(OpChanges(dst, forms=True)))

    def rename_form(self, index: int, name: str) -> Op[str]:
        """A form's name is its 项目名称; undo: the old one."""
        return self.set_cell(index, "project", name)

    def set_layout(self, index: int, layout: str) -> Op[str]:
        if layout not in layouts.LAYOUTS:
            raise ValueError(f"unknown layout: {layout!r}")
        return self.set_cell(index, "layout", layout)

    # ---- explanations ------------------------------------------------------------

    def explain(self, index: int, code: str, cells: Sequence[str], note: str) -> Op[str | None]:
        """Mark a 警告/提示 as explained (an empty note takes the mark off); undo: the old note.

        An 错误 is refused with ``ExplainRefused``: it has to be fixed.
        """
        cells = list(cells)
        form = self.form(index)
        if self._severity(index, code, cells) == ERROR:
            raise ExplainRefused(f"{code} 是错误，不能加说明了事，请改正表中的数字或文字。")
        old = form.explanation_for(code, cells)
        old_note = old.note if old else None
        if old_note == (note if note.strip() else None):
            return Op(NOTHING, old_note)
        form.explain(code, cells, note)
        return Op(self._changed(OpChanges(index, notes=True)), old_note)

    def _severity(self, index: int, code: str, cells: list[str]) -> str | None:
        for f in self.evaluation(index).findings:
            if f.code == code and list(f.cells) == cells:
                return f.severity
        check = BY_CODE.get(code)
        return check.severity if check else None
