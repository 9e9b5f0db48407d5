"""The money block, laid out from ``Layout.money``.

Two arrangements, chosen by how the columns are described:

- paired (every column's label has a head line, ``预算安排情况\\n（调整后）预算数``, as
  the seed form A): each money column is a head over label/value pairs, the total
  row's label the column's short name (``预算数：``), the parts' their row label;
- a grid (the national form B): the rows' names down the left, one column per
  money column.

Then, on the right, either the typed 执行率 (and 调整率, when described) each merged
down a column or, when the block is ``scored``, 分值 / 执行率 / 得分 of the 预算执行率
indicator row on the total row.

Optional columns and rows are printed when filled (``Money.shown``).
"""

from __future__ import annotations

from ..checks import Evaluation
from ..layouts import Layout
from ..layouts.base import MoneyColumn, MoneyRow
from ..model import Form
from ..numbers import parse_weight
from .block import _C, SPAN, _Block, _heads, _row
from .sections import LABEL_W, body_width, fit, section_label

_TAIL = 24  # mm: the 执行率 column


def money_block(layout: Layout, form: Form, ev: Evaluation) -> _Block:
    money = layout.money
    columns, rows = money.shown(form.money)
    if all("\n" in c.label.text for c in money.columns):
        widths, header, body = _paired(layout, columns, rows, form, ev)
    else:
        widths, header, body = _grid(layout, columns, rows, form, ev)
    return _Block([LABEL_W, *widths], label=section_label(money.title), header=[header],
                  body=body, keep_whole=True)


def _cell(form: Form, column: MoneyColumn, row: MoneyRow) -> _C:
    return _C(getattr(getattr(form.money, column.key), row.key))


def _group_head(column: MoneyColumn) -> str:
    """``预算安排情况\\n（调整后）预算数`` -> ``预算安排情况（调整后）``."""
    text = column.label.text
    head = text.removesuffix(column.short) if text.endswith(column.short) else text.split("\n")[0]
    return head.replace("\n", "")


def _tail(layout: Layout, form: Form, ev: Evaluation):
    """The columns right of the money: their heads, and a row's cells and merge keys
    from the column ``at`` where they start."""
    money = layout.money
    if not money.scored:
        typed = [(money.progress.text, form.money.progress)]
        if money.adjustment is not None:
            typed.append((money.adjustment.text, form.money.adjustment))
        return [head for head, _ in typed], lambda row, at: (
            [_C(value) for _, value in typed], {at + k: head for k, (head, _) in enumerate(typed)})
    scored = [_C(t) for t in _exec_row(form, ev)]
    heads = [_head(layout, "points", "分值"), money.progress.text, _head(layout, "score", "得分")]
    return heads, lambda row, at: (scored if row.parent is None else [_C("—"), _C(""), _C("—")], {})


def _paired(layout: Layout, columns, rows, form: Form, ev: Evaluation):
    tail, tail_cells = _tail(layout, form, ev)
    pair = (body_width() - _TAIL * len(tail)) / max(1, len(columns))
    widths = [w for _ in columns for w in (pair * 25 / 46, pair * 21 / 46)] + [_TAIL] * len(tail)
    heads = [t for c in columns for t in (_group_head(c), SPAN)] + tail
    body = []
    for r in rows:
        cells = []
        for c in columns:
            name = c.short + "：" if r.parent is None else r.label.text
            cells += [_C(name, "label"), _cell(form, c, r)]
        more, keys = tail_cells(r, len(cells))
        body.append(_row(*cells, *more, keys=keys))
    return widths, _heads(*heads), body


def _grid(layout: Layout, columns, rows, form: Form, ev: Evaluation):
    tail, tail_cells = _tail(layout, form, ev)
    names = max(24, fit([r.label.text for r in rows], 40))  # the rows' names, on one line
    each = (body_width() - names) / (len(columns) + len(tail))
    widths = [names] + [each] * (len(columns) + len(tail))
    body = []
    for r in rows:
        cells = [_C(r.label.text, "label"), *(_cell(form, c, r) for c in columns)]
        more, keys = tail_cells(r, len(cells))
        body.append(_row(*cells, *more, keys=keys))
    return widths, _heads("", *(c.label.text for c in columns), *tail), body


def _head(layout: Layout, key: str, default: str) -> str:
    column = layout.indicator_column(key)
    return column.label.text if column is not None else default


def _exec_row(form: Form, ev: Evaluation) -> tuple[str, str, str]:
    """分值, 执行率 and 得分 of the 预算执行率 indicator row (执行率 as typed when it has none)."""
    points = rate = score = ""
    if ev.calc.exec_row is not None:
        ind = form.indicators[ev.calc.exec_row]
        points = ind.points.strip() or parse_weight(ind.level1)[1].text
        rate, score = ind.actual, ind.score
    return points, rate.strip() or form.money.progress, score
