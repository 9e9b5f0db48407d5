"""What a window shows on a cell: its colour (the worst unexplained finding) and its tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .checks import Evaluation
from .checks.base import SEVERITY_ORDER
from .messages import render
from .model import Form


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
