"""Cells on a sheet's grid: what a plan is made of, and merging down like paper."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    row: int
    col: int
    text: str
    last_row: int = 0
    last_col: int = 0
    kind: str = "value"  # "title", "subtitle", "label", "value", "number", "head"
    numeric: bool = False  # may become a number
    border: bool = True
    align: str = "center"  # "center" or "left"


@dataclass
class Plan:
    """A form laid out on a grid: cells, column widths."""

    widths: list[float]
    cells: list[Cell] = field(default_factory=list)
    row: int = 1
    landscape: bool = False

    @property
    def width(self) -> int:
        return len(self.widths)

    def put(self, col, text, *, span=1, rows=1, kind="value", numeric=False, border=True,
            align="center", row=None) -> Cell:
        r = self.row if row is None else row
        cell = Cell(r, col, text, r + rows - 1, col + span - 1, kind, numeric, border, align)
        self.cells.append(cell)
        return cell


def merge_runs(values: list[str], breaks: list[bool]) -> list[int]:
    """Row spans for a column merged down like paper: a cell runs over the blank
    cells below it, up to the next filled cell or a break (a new 一级 group)."""
    spans = [1] * len(values)
    i = 0
    while i < len(values):
        j = i + 1
        if values[i].strip():
            while j < len(values) and not values[j].strip() and not breaks[j]:
                j += 1
            spans[i] = j - i
            for k in range(i + 1, j):
                spans[k] = 0
        i = j
    return spans
