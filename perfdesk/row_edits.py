"""Inserting, removing and moving rows of a form's indicator table or goals, undoably.

Removing or moving keeps the other rows' merged 一级/二级 labels where they
were (``RowsRemoved.relabel``, ``RowMoved.relabel``), and an explanation that
names a row follows it (or leaves with it, to come back on undo).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .addresses import parse_row_address, row_cell
from .model import Explanation, Form, Goal, Indicator
from .tree_labels import effective_by_row, keep_labels, restore_labels

TABLES = {"indicators": Indicator, "goals": Goal}


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


def rows_of(form: Form, table: str) -> list:
    if table not in TABLES:
        raise ValueError(f"not a table: {table!r}")
    return getattr(form, table)


def insert_rows(form: Form, table: str, at: int, rows: int | Sequence = 1) -> range:
    """Insert blank rows (a count) or the given rows before row ``at``; returns their indices."""
    items = rows_of(form, table)
    at = max(0, min(at, len(items)))
    new = [TABLES[table]() for _ in range(rows)] if isinstance(rows, int) else list(rows)
    items[at:at] = new
    if new:
        _shift_explanations(form, table, lambda k: k + len(new) if k >= at else k)
    return range(at, at + len(new))


def remove_rows(form: Form, table: str, start: int, count: int = 1) -> RowsRemoved:
    """Remove ``count`` rows from ``start``; the rows below keep their merged labels."""
    items = rows_of(form, table)
    count = max(0, min(count, len(items) - start))
    before = effective_by_row(items) if table == "indicators" else None
    removed = items[start:start + count]
    del items[start:start + count]
    gone = _shift_explanations(
        form, table,
        lambda k: None if start <= k < start + count else (k - count if k >= start + count else k),
    )
    relabel = keep_labels(items, before) if before is not None else {}
    return RowsRemoved(table, start, removed, gone, relabel)


def restore_rows(form: Form, removed: RowsRemoved) -> None:
    """Undo ``remove_rows``."""
    restore_labels(rows_of(form, removed.table), removed.relabel)
    insert_rows(form, removed.table, removed.start, removed.rows)
    form.explanations.extend(copy.deepcopy(removed.explanations))


def move_row(form: Form, table: str, src: int, dst: int) -> RowMoved:
    """Move one row to position ``dst``; every row keeps the 一级/二级 it was under."""
    items = rows_of(form, table)
    if not (0 <= src < len(items) and 0 <= dst < len(items)):
        raise IndexError("row out of range")
    if src == dst:
        return RowMoved(table, src, dst)
    before = effective_by_row(items) if table == "indicators" else None
    moving = items[src]
    _raw_move(form, table, src, dst)
    relabel = keep_labels(items, before, moved=moving) if before is not None else {}
    return RowMoved(table, src, dst, relabel)


def unmove_row(form: Form, moved: RowMoved) -> None:
    """Undo ``move_row``."""
    if moved.src != moved.dst:
        restore_labels(rows_of(form, moved.table), moved.relabel)
        _raw_move(form, moved.table, moved.dst, moved.src)


def _raw_move(form: Form, table: str, src: int, dst: int) -> None:
    items = rows_of(form, table)
    items.insert(dst, items.pop(src))

    def where(k: int) -> int:
        if k == src:
            return dst
        if src < dst and src < k <= dst:
            return k - 1
        if dst < src and dst <= k < src:
            return k + 1
        return k

    _shift_explanations(form, table, where)


def _shift_explanations(form: Form, table: str,
                        where: Callable[[int], int | None]) -> list[Explanation]:
    """Renumber explanations' cells of ``table``; those naming a row that is gone are returned."""
    kept, gone = [], []
    for e in form.explanations:
        cells = []
        for cell in e.cells:
            row = parse_row_address(cell)
            if row and row[0] == table:
                k = where(row[1])
                if k is None:
                    gone.append(e)
                    break
                cell = row_cell(table, k, row[2])
            cells.append(cell)
        else:
            e.cells = cells
            kept.append(e)
    form.explanations = kept
    return gone
