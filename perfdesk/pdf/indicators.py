"""The indicator table, laid out from ``Layout.indicator_columns``: the columns the
layout always prints and the optional ones some row fills, widths from the column
hints, 一级/二级 merged down their rows, and the totals below (总分 under 自评得分,
with Σ 分值 under 分值 when that column prints).  When the money block scores
预算执行率, that indicator row is printed there and not here."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.units import mm

from ..checks import Evaluation
from ..layouts import Layout
from ..layouts.base import IndicatorColumn
from ..model import Form, Indicator
from ..numbers import read_score
from ..tree_labels import effective, runs
from .block import _C, SPAN, _Block, _heads, _Row, _row
from .sections import LABEL_W, body_width, fit, section_label, share
from .text import _fits

# Indicator attributes that hold free text: printed left-aligned (the others centred)
FREE_TEXT = frozenset({"level3", "definition", "deviation", "measures"})
_TREE = ("level1", "level2")  # merged down the rows they name


def indicator_block(layout: Layout, form: Form, ev: Evaluation) -> _Block:
    rows = [i for i in range(len(form.indicators))
            if not (layout.money.scored and i == ev.calc.exec_row)]
    columns = [c for c in layout.indicator_columns
               if not c.optional or any(getattr(ind, c.key).strip() for ind in form.indicators)]
    hints = [max(c.width, _tree_fit(form, c.key)) if c.key in _TREE else c.width for c in columns]
    widths = share(hints, body_width(), [c.key in FREE_TEXT for c in columns])
    return _Block(
        [LABEL_W, *widths],
        label=section_label(layout.indicators_title),
        header=[_heads(*(c.label.text for c in columns))],
        body=_rows(form, rows, columns, widths),
        footer=_totals(layout, form, columns),
    )


def _tree_fit(form: Form, key: str) -> float:
    """What a 一级/二级 column needs for its longest name on one line (a 一级's weight may
    go below it)."""
    names = {re.split(r"[（(]", getattr(ind, key).strip())[0] for ind in form.indicators}
    return fit(names, 26)


def _level1_text(text: str, width: float) -> str:
    """``产出指标（50）`` breaks before its weight when the column is too narrow."""
    if _fits(text, "center", width):
        return text
    m = re.search(r"[（(]", text)
    return text[: m.start()] + "\n" + text[m.start():] if m and m.start() else text


def _rows(form: Form, indices: Sequence[int], columns: list[IndicatorColumn],
          widths: list[float]) -> list[_Row]:
    keys = [c.key for c in columns]
    shown = [form.indicators[i] for i in indices]
    labels = effective(shown)
    head = {}  # (field, position) -> first position of its merged cell
    for run in runs(shown):
        for k in range(run.start, run.start + run.count):
            head[(run.field, k)] = run.start
    out = []
    for k, ind in enumerate(shown):
        cells, merged = [], {}
        for n, (key, width) in enumerate(zip(keys, widths, strict=True)):
            if key in _TREE:
                top = head[(key, k)]
                text = labels[top][_TREE.index(key)]
                cells.append(_C(_level1_text(text, width * mm) if key == "level1" else text))
                merged[n] = (key, indices[top])
            else:
                cells.append(_C(_text(ind, key), "cell" if key in FREE_TEXT else "center"))
        out.append(_row(*cells, keys=merged))
    return out or [_row(*[None] * len(columns)) for _ in range(4)]


def _text(ind: Indicator, key: str) -> str:
    text = getattr(ind, key)
    return text + "（不适用）" if key == "level3" and ind.not_applicable else text


def _totals(layout: Layout, form: Form, columns: list[IndicatorColumn]) -> list[_Row]:
    """Each total's label across the columns before its value, the value under 得分
    (the last column when there is none); Σ 分值 under 分值 on the 总分 row."""
    keys = [c.key for c in columns]
    at = keys.index("score") if "score" in keys else len(keys) - 1
    points = keys.index("points") if "points" in keys[:at] else None
    out = []
    for f in layout.totals:
        value = getattr(form, f.address, "")
        label = _C(f.label.text, "head")
        if f.address == "total_score" and points is not None:
            weights = _weights(layout, form)
            cells = [label, *[SPAN] * (points - 1), _C(weights), *[None] * (at - points - 1)]
        else:
            cells = [label, *[SPAN] * (at - 1)]
        cells += [_C(value), *[None] * (len(keys) - at - 1)]
        out.append(_row(*cells))
    return out


def _weights(layout: Layout, form: Form) -> str:
    """Σ 分值 as the 总分 row prints it: the tree's weights (they add up to 100), or,
    for a layout without a tree, the sum of the 分值 typed on the rows ("" when one
    cannot be read, or none is typed)."""
    if layout.tree:
        return f"{sum(layout.default_weights().values()):g}"
    points = [read_score(ind.points) for ind in form.indicators]
    if any(p.status == "unreadable" for p in points) or not any(p.status == "ok" for p in points):
        return ""
    return f"{round(sum(p.value for p in points if p.status == 'ok'), 4):g}"
