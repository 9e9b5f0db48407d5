"""Pasting a block copied from Excel/WPS into the indicator table (or the goals), as a clerk expects.

A block that brings whole indicator rows (it covers the 三级指标 column and at
least one more) never overwrites an indicator: it fills the blank rows where
it lands and inserts the rest before the row that was there (Excel's
插入复制的单元格), so every indicator already typed moves down, untouched.
A block whose first row leaves 一级/二级 blank goes into the group where it
lands (inserted rows: the group of the row they were put before).  Any other block (a column of 实际完成值, a few scores)
writes over the cells it covers, as Excel's plain paste does.  Rows that did
not take part keep the 一级/二级 they were under, and a pasted label that
repeats the run above merges with it.  ``Pasted`` keeps the table as it was,
for ``undo``, and says in Chinese what was done.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from .model import Indicator, get_cell, set_cell
from .tree_labels import LABEL_FIELDS, effective_by_row, keep_labels

ROW_NAME = {"indicators": "level3"}  # the column that makes a block whole rows


@dataclass
class Pasted:
    """What a paste did, and the table before it."""

    table: str
    row: int  # the first row the block was written to
    col: int
    rows: int  # rows of the block
    cols: int  # columns of the block that landed in a column
    skipped: int  # columns of the block that fell off the right edge
    filled: int = 0  # blank rows written
    inserted: int = 0  # rows inserted before existing rows
    added: int = 0  # rows added at the end of the table
    overwritten: int = 0  # rows with content written over (a block of cells, not rows)
    before: list = field(default_factory=list, repr=False)  # the table's rows before
    explanations: list = field(default_factory=list, repr=False)  # the form's explanations before

    def describe(self) -> str:
        """The status line: what went where, and that nothing was overwritten (or what was)."""
        what = f"已粘贴 {self.rows} 行" + (f" × {self.cols} 列" if self.cols > 1 else "")
        parts = []
        if self.filled:
            parts.append(f"填入 {self.filled} 个空行")
        if self.inserted:
            parts.append(f"在第 {self.row + self.filled + 1} 行前插入 {self.inserted} 行，原有指标下移")
        if self.added:
            parts.append(f"在末尾新增 {self.added} 行")
        if self.overwritten:
            parts.append(f"覆盖了 {self.overwritten} 行原有内容（Ctrl+Z 撤销）")
        msg = what + ("：" + "，".join(parts) if parts else "")
        if self.skipped:
            msg += f"；超出表格右边的 {self.skipped} 列没有粘贴"
        return msg


def is_blank(row) -> bool:
    """A row with nothing typed but its 一级/二级 (a template's empty row)."""
    for f in fields(row):
        value = getattr(row, f.name)
        if f.name in LABEL_FIELDS:
            continue
        if value.strip() if isinstance(value, str) else value:
            return False
    return True


def paste_grid(form, table: str, row: int, col: int, grid: Sequence[Sequence[str]],
               columns: Sequence[str | None], insert) -> Pasted:
    """Write ``grid`` into ``form``'s ``table`` from (row, col).

    ``columns`` are the table's columns as shown (``None``: computed, skipped);
    ``insert(at, count)`` inserts blank rows (the Document's, which renumbers
    explanations).
    """
    items = getattr(form, table)
    editable = [name for i, name in enumerate(columns) if name is not None and i >= col]
    width = max((len(r) for r in grid), default=0)
    targets = editable[:width]
    row = max(0, min(row, len(items)))
    done = Pasted(table, row, col, len(grid), len(targets), max(0, width - len(targets)),
                  before=copy.deepcopy(items), explanations=copy.deepcopy(form.explanations))
    whole_rows = ROW_NAME.get(table) in targets and len(targets) > 1
    labels = effective_by_row(items) if table == "indicators" else None
    if whole_rows:
        done.filled = _blank_run(items, row, len(grid))
    else:
        done.filled = sum(1 for r in items[row:row + len(grid)] if is_blank(r))
        done.overwritten = min(len(grid), len(items) - row) - done.filled
    at = row + done.filled + done.overwritten
    count = len(grid) - done.filled - done.overwritten
    if count:
        if at < len(items):
            done.inserted = count
        else:
            done.added = count
        insert(at, count)
    for r, values in enumerate(grid):
        for name, value in zip(targets, values, strict=False):
            address = f"{table}[{row + r}].{name}"
            if r == 0 and name in LABEL_FIELDS and not value.strip():
                continue  # the block's first row continues whatever group it lands in
            if isinstance(get_cell(form, address), str):
                set_cell(form, address, value)
    if labels is not None:
        written = items[row:row + len(grid)]
        if done.inserted and not done.filled:  # the block starts with inserted rows
            _join_group(written, items[at + count])
        for r in written:
            labels.pop(id(r), None)
        keep_labels(items, labels)
    return done


def undo(form, pasted: Pasted) -> None:
    getattr(form, pasted.table)[:] = copy.deepcopy(pasted.before)
    form.explanations = copy.deepcopy(pasted.explanations)


def _blank_run(items: Sequence, row: int, limit: int) -> int:
    n = 0
    while n < limit and row + n < len(items) and is_blank(items[row + n]):
        n += 1
    return n


def _join_group(inserted: Sequence[Indicator], after: Indicator) -> None:
    """Rows inserted before the head of a group, bringing no label of their own, take over
    its label (the head's own copy is then a repeat, and merges)."""
    first = inserted[0]
    if first.level1.strip():
        return
    if after.level1.strip():
        first.level1 = after.level1
    if after.level2.strip() and not first.level2.strip():
        first.level2 = after.level2
