"""Cell addresses: ``money.executed.total``, ``indicators[3].score``, ``goals[0].target``,
``projects[2].budget``.

The one place that builds and takes apart the address of a table row's cell.
"""

from __future__ import annotations

import re

_ROW = re.compile(r"(indicators|goals|projects)\[(\d+)\]\.(\w+)")


def row_cell(table: str, index: int, field: str) -> str:
    """``row_cell("indicators", 3, "score")`` -> ``indicators[3].score``."""
    return f"{table}[{index}].{field}"


def parse_row_address(address: str) -> tuple[str, int, str] | None:
    """``indicators[3].score`` -> ``("indicators", 3, "score")``; None for any other cell."""
    m = _ROW.fullmatch(address)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else None


def row_index(address: str, table: str = "indicators") -> int | None:
    """The row a cell of ``table`` is in, or None."""
    row = parse_row_address(address)
    return row[1] if row and row[0] == table else None
