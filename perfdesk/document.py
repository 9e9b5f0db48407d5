"""The open department file as a window edits it: every edit in one place, no Qt.

A ``Document`` holds the ``DepartmentFile``, where it lives on disk, whether
it has unsaved changes, and each form's ``Evaluation`` (arithmetic and
findings), recomputed only for the form an edit touched.  Every method that
changes something returns what it changed, enough for the caller to undo it:

- ``set_cell`` returns the old text; ``set_cell`` with it undoes.
- ``insert_rows`` / ``remove_rows`` / ``restore_rows`` / ``move_row`` work on
  the indicator table (and the goals); removing or moving keeps the other
  rows' merged 一级/二级 labels where they were (``RowsRemoved.relabel``,
  ``RowMoved.relabel``).
- ``paste`` writes a block copied from Excel/WPS (tab-separated text) from a
  given row and column and returns a ``Pasted`` record; ``unpaste`` undoes.
- ``add_form`` / ``duplicate_form`` / ``delete_form`` / ``rename_form`` /
  ``set_layout`` manage the forms; ``explain`` notes a 警告/提示.
- ``open`` / ``save`` read and write the file; ``write_recovery`` /
  ``read_recovery`` keep an autosave copy elsewhere.
- ``set_report_file`` keeps the 自评报告 with the forms (``report_path``).
- ``set_last_year_file`` names last year's file (returns the old name);
  ``last_year`` reads it once, when first needed, and every evaluation
  compares with it (Y01, Y02); ``last_year_actuals`` gives last year's
  实际完成值 beside this year's rows.  A last year's file that cannot be read
  is left out (``last_year_error`` says why), never an error of this file.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import layouts, storage
from . import paste as pasting
from .addresses import parse_row_address, row_cell
from .checks import BY_CODE, ERROR, Evaluation, evaluate
from .checks.base import SEVERITY_ORDER
from .errors import PerfdeskError
from .messages import render
from .model import DepartmentFile, Explanation, Form, Goal, Indicator, get_cell, set_cell
from .newyear import last_year_actuals, match_form
from .paste import Pasted
from .sources import load_any
from .tree_labels import effective_by_row, keep_labels, restore_labels

TABLES = {"indicators": Indicator, "goals": Goal}
FILE_FIELDS = ("department", "year", "money_unit")
RULES = ("score_cap_by_rate", "finalising")  # the file's check options (Settings)
COPY_SUFFIX = "（副本）"

# A new form starts from the template's indicator tree: one row per 一级指标.
class ExplainRefused(PerfdeskError):
    """An 错误 was to be explained away; it has to be fixed instead."""


@dataclass
class RowsRemoved:
    """What ``remove_rows`` took out, for ``restore_rows``."""

    table: str
    start: int
    rows: list
    explanations: list[Explanation]  # explanations that named a removed row
    relabel: dict[str, str] = field(default_factory=dict)  # label cells set afterwards: old text


@dataclass
class RowMoved:
    table: str
    src: int
    dst: int
    relabel: dict[str, str] = field(default_factory=dict)  # label cells set after the move: old text


def parse_tsv(text: str) -> list[list[str]]:
    """A block copied from Excel/WPS: tab-separated, quoted cells may hold newlines."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
    return [list(row) for row in reader]


def to_tsv(grid: Sequence[Sequence[str]]) -> str:
    """The reverse of ``parse_tsv``: what Excel/WPS accept as a pasted block."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n")
    writer.writerows(grid)
    return out.getvalue()


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
        # last year's files read so far: setting -> (the file, or None and why not)
        self._last_years: dict[str, tuple[DepartmentFile | None, str | None]] = {}
        if last_year is not None and self.dfile.settings.last_year_file:
            self._last_years[self.dfile.settings.last_year_file] = (last_year, None)

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

    # ---- recovery copy ---------------------------------------------------------

    def write_recovery(self, path: str | os.PathLike) -> None:
        """Write a copy of the current state to ``path`` (and where it came from beside it)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".writing")
        tmp.unlink(missing_ok=True)
        try:
            storage.save(self.dfile, tmp)  # (gives new forms their uid, as a save would)
            os.replace(tmp, path)
            meta = {
                "origin": str(self.path) if self.path is not None else None,
                "written": datetime.now().isoformat(timespec="seconds"),
            }
            _meta_path(path).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except (OSError, sqlite3.Error) as err:
            tmp.unlink(missing_ok=True)
            raise PerfdeskError(f"无法写入恢复副本：{path}（{err}）") from err

    @classmethod
    def read_recovery(cls, path: str | os.PathLike) -> Document:
        """The document a recovery copy holds: unsaved, and saving goes where it came from."""
        path = Path(path)
        doc = cls.open(path)
        doc.path = None
        origin = recovery_origin(path)
        if origin:
            doc.path = Path(origin)
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

    def _changed(self, index: int | None = None) -> None:
        self.dirty = True
        self.generation += 1
        if index is None:
            self._evals = [None] * len(self.dfile.forms)
        else:
            self._evals[index] = None

    # ---- last year's file ---------------------------------------------------------

    @property
    def last_year_file(self) -> str:
        """Where last year's file is, as set ("" : none)."""
        return self.dfile.settings.last_year_file

    def last_year_path(self) -> Path | None:
        """Last year's file; a relative setting is taken from this file's folder."""
        name = self.last_year_file.strip()
        if not name:
            return None
        path = Path(name)
        if not path.is_absolute() and self.path is not None:
            path = self.path.parent / path
        return path

    def last_year(self) -> DepartmentFile | None:
        """Last year's file, read once; None if none is set or it cannot be read."""
        return self._last_year_entry()[0]

    @property
    def last_year_error(self) -> str | None:
        """Why last year's file cannot be read (None: it can, or none is set)."""
        return self._last_year_entry()[1]

    def _last_year_entry(self) -> tuple[DepartmentFile | None, str | None]:
        key = self.last_year_file
        if not key.strip():
            return None, None
        entry = self._last_years.get(key)
        if entry is None:
            entry = self._last_years[key] = _read_last_year(self.last_year_path())
        return entry

    def set_last_year_file(self, path: str, loaded: DepartmentFile | None = None) -> str:
        """Compare with last year's file at ``path`` ("" : no longer); returns the old setting.

        ``loaded`` is that file if the caller has read it already.  Every form
        is re-evaluated.
        """
        old = self.last_year_file
        if loaded is not None and path:
            self._last_years[path] = (loaded, None)
        if path != old:
            self.dfile.settings.last_year_file = path
            self._changed(None)
        return old

    def reread_last_year(self) -> None:
        """Read last year's file again when next needed (it may have changed on disk)."""
        self._last_years.pop(self.last_year_file, None)
        self._evals = [None] * len(self.dfile.forms)

    def last_year_form(self, index: int) -> Form | None:
        """Last year's form of the same project as form ``index``, if any."""
        last = self.last_year()
        return match_form(self.form(index), last) if last is not None else None

    def last_year_actuals(self, index: int) -> dict[int, str] | None:
        """Row -> last year's 实际完成值 of the same indicator; None if last year has no such form."""
        if self.last_year_form(index) is None:
            return None
        return last_year_actuals(self.form(index), self.last_year())

    # ---- the 自评报告 ------------------------------------------------------------

    @property
    def report_file(self) -> str:
        """The 自评报告 kept beside the forms, as set ("" : none)."""
        return self.dfile.settings.report_file

    def report_path(self) -> Path | None:
        """The report; a relative setting is taken from this file's folder."""
        name = self.report_file.strip()
        if not name:
            return None
        path = Path(name)
        return self.path.parent / path if not path.is_absolute() and self.path is not None else path

    def set_report_file(self, path: str) -> str:
        """Keep the report at ``path`` with the forms ("" : none); returns the old setting.

        The forms' findings do not depend on it: nothing is re-evaluated.
        """
        old = self.report_file
        if path != old:
            self.dfile.settings.report_file = path
            self.dirty = True
            self.generation += 1
        return old

    # ---- cells ---------------------------------------------------------------

    def set_cell(self, index: int, address: str, text: str) -> str:
        """Set one typed cell of one form; returns the text it held."""
        form = self.form(index)
        old = get_cell(form, address)
        if isinstance(old, bool):
            text = bool(text)
        elif not isinstance(old, str):
            raise ValueError(f"not a cell: {address!r}")
        if old != text:
            set_cell(form, address, text)
            self._changed(index)
        return old

    def set_file_field(self, name: str, text: str) -> str:
        """填报部门, 年度 or 金额单位 of the whole file; every form is re-evaluated."""
        if name not in FILE_FIELDS:
            raise ValueError(f"not a file field: {name!r}")
        old = getattr(self.dfile, name)
        if old != text:
            setattr(self.dfile, name, text)
            self._changed(None)
        return old

    def set_rule(self, name: str, on: bool) -> bool:
        """Turn a check option of the file on or off (S12's cap, 定稿 C01); returns the old state."""
        if name not in RULES:
            raise ValueError(f"not a rule: {name!r}")
        old = getattr(self.dfile.settings, name)
        if old != on:
            setattr(self.dfile.settings, name, on)
            self._changed(None)
        return old

    # ---- rows of the indicator table and the goals -----------------------------

    def _rows(self, index: int, table: str) -> list:
        if table not in TABLES:
            raise ValueError(f"not a table: {table!r}")
        return getattr(self.form(index), table)

    def insert_rows(self, index: int, table: str, at: int, rows: int | Sequence = 1) -> range:
        """Insert blank rows (a count) or the given rows before row ``at``; returns their indices."""
        items = self._rows(index, table)
        at = max(0, min(at, len(items)))
        new = [TABLES[table]() for _ in range(rows)] if isinstance(rows, int) else list(rows)
        if not new:
            return range(at, at)
        items[at:at] = new
        self._shift_explanations(index, table, lambda k: k + len(new) if k >= at else k)
        self._changed(index)
        return range(at, at + len(new))

    def remove_rows(self, index: int, table: str, start: int, count: int = 1) -> RowsRemoved:
        """Remove ``count`` rows from ``start``; the rows below keep their merged labels."""
        items = self._rows(index, table)
        count = max(0, min(count, len(items) - start))
        before = effective_by_row(items) if table == "indicators" else None
        removed = items[start:start + count]
        del items[start:start + count]
        gone = self._shift_explanations(
            index, table,
            lambda k: None if start <= k < start + count else (k - count if k >= start + count else k),
        )
        relabel = {}
        if before is not None:
            relabel = keep_labels(items, before)
        self._changed(index)
        return RowsRemoved(table, start, removed, gone, relabel)

    def restore_rows(self, index: int, removed: RowsRemoved) -> None:
        """Undo ``remove_rows``."""
        items = self._rows(index, removed.table)
        restore_labels(items, removed.relabel)
        self.insert_rows(index, removed.table, removed.start, removed.rows)
        self.form(index).explanations.extend(copy.deepcopy(removed.explanations))
        self._changed(index)

    def move_row(self, index: int, table: str, src: int, dst: int) -> RowMoved:
        """Move one row to position ``dst``; every row keeps the 一级/二级 it was under."""
        items = self._rows(index, table)
        if not (0 <= src < len(items) and 0 <= dst < len(items)):
            raise IndexError("row out of range")
        if src == dst:
            return RowMoved(table, src, dst)
        before = effective_by_row(items) if table == "indicators" else None
        moving = items[src]
        self._raw_move(index, table, src, dst)
        relabel = {}
        if before is not None:
            relabel = keep_labels(items, before, moved=moving)
        self._changed(index)
        return RowMoved(table, src, dst, relabel)

    def unmove_row(self, index: int, moved: RowMoved) -> None:
        """Undo ``move_row``."""
        if moved.src == moved.dst:
            return
        items = self._rows(index, moved.table)
        restore_labels(items, moved.relabel)
        self._raw_move(index, moved.table, moved.dst, moved.src)
        self._changed(index)

    def _raw_move(self, index: int, table: str, src: int, dst: int) -> None:
        items = self._rows(index, table)
        items.insert(dst, items.pop(src))

        def where(k: int) -> int:
            if k == src:
                return dst
            if src < dst and src < k <= dst:
                return k - 1
            if dst < src and dst <= k < src:
                return k + 1
            return k

        self._shift_explanations(index, table, where)

    def _shift_explanations(self, index: int, table: str, where) -> list[Explanation]:
        """Renumber explanations' cells of ``table``; those naming a row that is gone are returned."""
        form = self.form(index)
        kept, gone = [], []
        for e in form.explanations:
            cells = []
            lost = False
            for cell in e.cells:
                row = parse_row_address(cell)
                if row and row[0] == table:
                    k = where(row[1])
                    if k is None:
                        lost = True
                        break
                    cell = row_cell(table, k, row[2])
                cells.append(cell)
            if lost:
                gone.append(e)
            else:
                e.cells = cells
                kept.append(e)
        form.explanations = kept
        return gone

    # ---- paste -----------------------------------------------------------------

    def paste(self, index: int, table: str, row: int, col: int, text: str,
              columns: Sequence[str | None]) -> Pasted:
        """Paste tab-separated text from row ``row``, column ``col`` of a table.

        ``columns`` are the table's columns as shown, each a field name or
        ``None`` for a computed column (skipped: the block's next column goes
        to the next editable one).  Whole rows are inserted unless they land on
        blank rows; rows beyond the end are appended.
        """
        return self.paste_grid(index, table, row, col, parse_tsv(text), columns)

    def paste_grid(self, index: int, table: str, row: int, col: int,
                   grid: Sequence[Sequence[str]], columns: Sequence[str | None]) -> Pasted:
        """See ``perfdesk.paste``: whole rows insert unless they land on blank rows."""
        self._rows(index, table)
        pasted = pasting.paste_grid(self.form(index), table, row, col, grid, columns,
                                    lambda at, count: self.insert_rows(index, table, at, count))
        self._changed(index)
        return pasted

    def unpaste(self, index: int, pasted: Pasted) -> None:
        pasting.undo(self.form(index), pasted)
        self._changed(index)

    def add_form(self, at: int | None = None, form: Form | None = None) -> int:
        """Insert ``form`` (a blank one if none) before ``at`` (at the end if None)."""
        forms = self.dfile.forms
        at = len(forms) if at is None else max(0, min(at, len(forms)))
        forms.insert(at, form if form is not None else new_form())
        self._evals.insert(at, None)
        self._changed(at)
        return at

    def duplicate_form(self, index: int) -> int:
        """A copy of form ``index`` right after it, named …（副本）; returns its index."""
        twin = copy.deepcopy(self.form(index))
        twin.uid = ""
        twin.project = twin.project + COPY_SUFFIX
        return self.add_form(index + 1, twin)

    def delete_form(self, index: int) -> Form:
        """Remove a form; ``add_form(index, form)`` puts it back."""
        form = self.dfile.forms.pop(index)
        self._evals.pop(index)
        self.dirty = True
        self.generation += 1
        return form

    def move_form(self, src: int, dst: int) -> None:
        forms = self.dfile.forms
        forms.insert(dst, forms.pop(src))
        self._evals.insert(dst, self._evals.pop(src))
        self.dirty = True
        self.generation += 1

    def rename_form(self, index: int, name: str) -> str:
        """A form's name is its 项目名称; returns the old one."""
        return self.set_cell(index, "project", name)

    def set_layout(self, index: int, layout: str) -> str:
        if layout not in layouts.LAYOUTS:
            raise ValueError(f"unknown layout: {layout!r}")
        return self.set_cell(index, "layout", layout)

    # ---- explanations ------------------------------------------------------------

    def explain(self, index: int, code: str, cells: Sequence[str], note: str) -> str | None:
        """Mark a 警告/提示 as explained (an empty note takes the mark off); returns the old note.

        An 错误 is refused with ``ExplainRefused``: it has to be fixed.
        """
        cells = list(cells)
        form = self.form(index)
        severity = None
        for f in self.evaluation(index).findings:
            if f.code == code and list(f.cells) == cells:
                severity = f.severity
                break
        if severity is None:
            check = BY_CODE.get(code)
            severity = check.severity if check else None
        if severity == ERROR:
            raise ExplainRefused(f"{code} 是错误，不能加说明了事，请改正表中的数字或文字。")
        old = form.explanation_for(code, cells)
        old_note = old.note if old else None
        if old_note != (note if note.strip() else None):
            form.explain(code, cells, note)
            self._changed(index)
        return old_note


def _read_last_year(path: Path | None) -> tuple[DepartmentFile | None, str | None]:
    if path is None:
        return None, None
    try:
        return load_any(path), None
    except PerfdeskError as err:
        return None, str(err)
    except (OSError, sqlite3.Error, ValueError, TypeError, KeyError) as err:
        return None, f"无法读取文件：{path.name}（{err}）"


# ---- recovery copies: where they came from ---------------------------------------


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def recovery_origin(path: str | os.PathLike) -> str | None:
    """The file a recovery copy was made from (None: a new, never saved file)."""
    try:
        meta = json.loads(_meta_path(Path(path)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    origin = meta.get("origin") if isinstance(meta, dict) else None
    return origin if isinstance(origin, str) and origin else None


def remove_recovery(path: str | os.PathLike) -> None:
    path = Path(path)
    for p in (path, _meta_path(path), path.with_name(path.name + ".writing")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


# ---- what a window shows on a cell ------------------------------------------------------


@dataclass(frozen=True)
class CellNote:
    """The findings on one cell: the worst unexplained severity (None if all are explained)."""

    severity: str | None
    messages: tuple[str, ...]
    codes: frozenset[str] = frozenset()  # the codes of the unexplained findings


_RANK = SEVERITY_ORDER


def cell_notes(form: Form, evaluation: Evaluation,
               rendered: Sequence[str] | None = None) -> dict[str, CellNote]:
    """For every cell some finding names: how to colour it and what its tooltip says.

    ``rendered`` are the findings' messages if the caller has them already.
    """
    if rendered is None:
        rendered = [render(f, form) for f in evaluation.findings]
    worst: dict[str, str | None] = {}
    texts: dict[str, list[str]] = {}
    codes: dict[str, set[str]] = {}
    for f, message in zip(evaluation.findings, rendered, strict=True):
        text = f"{f.severity} {f.code}：{message}"
        if f.explained is not None:
            text = f"已说明 {f.code}：{message}（说明：{f.explained}）"
        for cell in f.cells:
            texts.setdefault(cell, []).append(text)
            if f.explained is None:
                codes.setdefault(cell, set()).add(f.code)
            current = worst.get(cell)
            if f.explained is None and (current is None or _RANK[f.severity] < _RANK[current]):
                worst[cell] = f.severity
            else:
                worst.setdefault(cell, None)
    return {cell: CellNote(worst[cell], tuple(texts[cell]), frozenset(codes.get(cell, ())))
            for cell in texts}
