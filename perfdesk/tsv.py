"""A block of cells as Excel/WPS put it on the clipboard: tab-separated text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


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
