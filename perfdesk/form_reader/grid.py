"""A grid of cells: what an Excel sheet or a Word document is turned into for reading."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Form

BIG = 10**9


@dataclass(eq=False, slots=True)
class Region:
    """One cell (or merged range) holding text."""

    row: int
    col: int
    last_row: int
    last_col: int
    text: str
    ref: str  # where it is, for messages: "B7" or "表格 1 第 3 行第 2 列"


class Grid:
    """The non-empty cells of one sheet or document, by the row they start in."""

    def __init__(self, regions: Iterable[Region]):
        self.by_row: dict[int, list[Region]] = {}
        for reg in regions:
            if reg.text.strip():
                self.by_row.setdefault(reg.row, []).append(reg)
        for cells in self.by_row.values():
            cells.sort(key=lambda r: r.col)
        self.rows = sorted(self.by_row)

    def cells(self, row: int) -> list[Region]:
        return self.by_row.get(row, [])


@dataclass
class FormRead:
    """One form read from a grid, with what could not be read."""

    form: Form
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # read, but something printed was left out
    year: str = ""
    money_unit: str = ""
    title: str = ""
