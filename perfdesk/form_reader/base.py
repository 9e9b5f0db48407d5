"""What every part of reading one form shares: the cells used, rows, columns and spans."""

from __future__ import annotations

from collections.abc import Iterable

from .grid import BIG, Grid, Region
from .vocabulary import join, tokens


class ReaderBase:
    """The state of reading one form, and the row and column helpers every section uses."""

    def __init__(self, grid: Grid, rows: list[int], header_rows: list[int]):
        self.grid = grid
        self.rows = rows  # body rows, from the 项目名称 row (or the first form row)
        self.header_rows = header_rows
        self.used: set[int] = set()  # id() of regions read as a label or a value
        self.problems: list[str] = []
        self.last_used_row = rows[0] if rows else 0
        self.b_exec: dict[str, str] = {}  # layout B money block: 分值 and 得分 of 执行率
        self.score_span: tuple[int, int] | None = None  # the indicator table's 得分 column
        self.points_span: tuple[int, int] | None = None  # … and its 分值/权重 column

    # -- helpers
    def use(self, *regions: Region) -> None:
        for reg in regions:
            self.used.add(id(reg))
            self.last_used_row = max(self.last_used_row, reg.row)

    def cells(self, row: int) -> list[Region]:
        return self.grid.cells(row)

    def pairs(self, row: int, names: Iterable[str]) -> dict[str, str]:
        names = frozenset(names)
        values: dict[str, list] = {}
        current = None
        for tok in tokens(self.cells(row), names):
            if tok[0] == "label":
                current = tok[1]
                values.setdefault(current, [])
                self.use(tok[2])
            elif tok[0] == "stop":
                current = None
            elif current is not None:
                values[current].append((tok[1], tok[3]))
                self.use(tok[2])
        return {name: join(pieces) for name, pieces in values.items()}

    def find_row(self, start: int, test) -> int | None:
        for i in range(start, len(self.rows)):
            if test(self.cells(self.rows[i])):
                return i
        return None

    @staticmethod
    def columns(cells: list[Region], which) -> list[tuple[str, Region]]:
        found, seen = [], set()
        for reg in cells:
            name = which(reg.text)
            if name is not None and name not in seen:
                found.append((name, reg))
                seen.add(name)
        return found

    @staticmethod
    def spans(headers: list[tuple[str, Region]], open_end: bool) -> list[tuple[str, int, int]]:
        headers = sorted(headers, key=lambda h: h[1].col)
        out = []
        for i, (name, reg) in enumerate(headers):
            if i + 1 < len(headers):
                end = max(headers[i + 1][1].col - 1, reg.col)
            else:
                end = BIG if open_end else reg.last_col
            out.append((name, reg.col, end))
        return out

    @staticmethod
    def in_span(cells: list[Region], lo: int, hi: int) -> list[Region]:
        return [c for c in cells if lo <= c.col <= hi]

    # -- the form
