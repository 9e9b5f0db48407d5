"""A form laid out on a sheet's grid, from its layout's description (``layouts``).

Every layout is laid out the same way: the title and （YYYY年度） across the
form, 填报部门 and 金额单位, then each section with its title merged down
column A — 基本情况 (label and value, two to a row), the money block (its
rows down, its columns across, then 执行率, or 分值 / 执行率 / 得分 where the
layout scores 预算执行率 there), the goals, the indicator table with the
totals under it, 存在问题, and the footer.  Optional columns and rows are
printed only when the form fills them; a 基本情况 field another layout has
(主管部门 on layout A) is printed when filled, so nothing typed is left out.
``writer.write_plan`` puts the cells on a worksheet.
"""

from __future__ import annotations

from .. import layouts
from ..calc import canonical_level1
from ..layouts import EXEC_RATE, Field, IndicatorColumn, Layout
from ..model import Form, Indicator, get_cell
from ..numbers import parse_weight
from .grid import Plan, merge_runs

SECTION_WIDTH = 12  # column A: the section titles
MIN_WIDTH = 7  # columns at least (the header and footer need them)
COMPLETION = "总体完成率"  # the goals' one 完成率 cell
TREE = ("level1", "level2", "level3")  # text columns; the rest may hold numbers
PROSE = ("definition", "deviation")  # left-aligned


def plan(form: Form, year: str, unit: str) -> Plan:
    layout = layouts.get(form.layout)
    columns, rows = layout.money.shown(form.money)
    tail = _money_tail(layout)
    icols = shown_indicator_columns(layout, form)
    width = max(1 + len(icols), 2 + len(columns) + len(tail), MIN_WIDTH)
    widths = [SECTION_WIDTH] + [_excel_width(c.width) for c in icols]
    p = Plan(widths + [12.0] * (width - len(widths)))
    _header(p, layout, form, year, unit)
    _basic(p, layout, form)
    _money(p, layout, form, (columns, rows), tail, unit)
    _projects(p, layout, form)
    _goals(p, layout, form)
    _indicators(p, layout, form, icols)
    if layout.problems is not None:
        p.put(1, layout.problems.label.text, kind="head")
        p.put(2, form.problems, span=p.width - 1, align="left")
        p.row += 1
    _footer(p, layout, form)
    return p


def shown_indicator_columns(layout: Layout, form: Form) -> list[IndicatorColumn]:
    """The layout's indicator columns, the optional ones only when some row fills them."""
    return [c for c in layout.indicator_columns
            if not c.optional or any(getattr(ind, c.key).strip() for ind in form.indicators)]


def _excel_width(mm: int) -> float:
    """A printed width in mm as an Excel column width (0: the default)."""
    return max(9.0, round(mm * 0.7, 1)) if mm else 12.0


def _two_per_row(p: Plan, fields: list[tuple[str, str, bool]], first: int, *, boxed: bool) -> None:
    """(label, value, left-aligned) pairs, two to a row from column ``first``."""
    W = p.width
    half = first + (W - first + 1) // 2
    for k in range(0, len(fields), 2):
        pair = fields[k: k + 2]
        ends = [(first, W)] if len(pair) == 1 else [(first, half - 1), (half, W)]
        for (label, value, left), (lo, hi) in zip(pair, ends, strict=True):
            p.put(lo, label, kind="label", border=boxed)
            p.put(lo + 1, value, span=hi - lo, border=boxed,
                  align="left" if left or not boxed else "center")
        p.row += 1


def _header(p: Plan, layout: Layout, form: Form, year: str, unit: str) -> None:
    W = p.width
    p.put(1, layout.title, span=W, kind="title", border=False)
    p.row += 1
    p.put(1, f"（{year}年度）", span=W, kind="subtitle", border=False)
    p.row += 1
    basic = {f.address for f in layout.basic}
    line = [(f.label.text.replace("\n", "") + "：", str(get_cell(form, f.address)), True)
            for f in layout.header if f.address not in basic]
    _two_per_row(p, [*line, ("金额单位：", unit, True)], 1, boxed=False)


def _basic_fields(layout: Layout, form: Form) -> list[Field]:
    """The layout's 基本情况 fields, then any other layout's (and the layout's extra cells) when filled."""
    fields = list(layout.basic)
    seen = {f.address for f in fields}
    others = [f for other in layouts.LAYOUTS.values() for f in other.basic]
    for f in (*others, *layout.extra_fields):
        if f.address not in seen and str(get_cell(form, f.address)).strip():
            fields.append(f)
            seen.add(f.address)
    return fields


def _basic(p: Plan, layout: Layout, form: Form) -> None:
    fields = _basic_fields(layout, form)
    if len(fields) % 2:  # the first (项目名称) takes a row of its own
        fields.insert(1, None)
    pairs = [fields[k: k + 2] for k in range(0, len(fields), 2)]
    p.put(1, layout.basic_title, rows=len(pairs), kind="head")
    for pair in pairs:
        _two_per_row(p, [(f.label.text, str(get_cell(form, f.address)), f.lines > 1)
                         for f in pair if f is not None], 2, boxed=True)


def _money_tail(layout: Layout) -> list[tuple[str, str]]:
    """(key, label) of the money block's columns after the amounts."""
    progress = ("progress", layout.money.progress.text)
    if not layout.money.scored:
        adjustment = layout.money.adjustment
        return [progress, *((("adjustment", adjustment.text),) if adjustment else ())]
    points, score = layout.indicator_column("points"), layout.indicator_column("score")
    return [*((("points", points.label.text),) if points else ()), progress,
            *((("score", score.label.text),) if score else ())]


def _money(p: Plan, layout: Layout, form: Form, shown, tail, unit: str) -> None:
    columns, rows = shown
    W, m = p.width, form.money
    heads = [(c.key, c.label.text) for c in columns] + tail
    places = [(key, label, 3 + n, 1) for n, (key, label) in enumerate(heads)]
    key, label, col, _ = places[-1]
    places[-1] = (key, label, col, W - col + 1)
    p.put(1, f"{layout.money.title}（{unit}）", rows=len(rows) + 1, kind="head")
    p.put(2, "", kind="label")
    for _, label, col, span in places:
        p.put(col, label, span=span, kind="label")
    p.row += 1
    after = _money_tail_values(form)
    for k, row in enumerate(rows):
        p.put(2, row.label.text, kind="label", align="left")
        for key, _, col, span in places:
            if key in after:
                if k == 0:
                    p.put(col, after[key], span=span, rows=len(rows), numeric=True)
            else:
                p.put(col, getattr(getattr(m, key), row.key), span=span, numeric=True)
        p.row += 1


def _money_tail_values(form: Form) -> dict[str, str]:
    exec_row = _exec_row(form)
    points = score = ""
    if exec_row is not None:
        points = exec_row.points or parse_weight(exec_row.level1)[1].text
        score = exec_row.score
    return {"progress": form.money.progress, "adjustment": form.money.adjustment,
            "points": points, "score": score}


def _exec_row(form: Form) -> Indicator | None:
    return next((i for i in form.indicators if canonical_level1(i.level1) == EXEC_RATE), None)


def _projects(p: Plan, layout: Layout, form: Form) -> None:
    """A department form's project list: the group merged down its lines, then name, 预算, 执行."""
    plist, lines, W = layout.projects, form.projects, p.width
    if plist is None or not lines:
        return
    p.put(1, plist.title, rows=len(lines) + 1, kind="head")
    for col, label, span in ((2, plist.group, 1), (3, plist.name, W - 4), (W - 1, plist.budget, 1),
                             (W, plist.executed, 1)):
        p.put(col, label.text, span=span, kind="label")
    p.row += 1
    groups = [line.group if k == 0 or line.group != lines[k - 1].group else ""
              for k, line in enumerate(lines)]
    runs = merge_runs(groups, [bool(g.strip()) for g in groups])
    for line, run in zip(lines, runs, strict=True):
        if run:
            p.put(2, line.group, rows=run)
        name = line.name.strip() or (plist.subtotal if line.subtotal else "")
        p.put(3, name, span=W - 4, kind="label" if line.subtotal else "value", align="left")
        p.put(W - 1, line.budget, numeric=True)
        p.put(W, line.executed, numeric=True)
        p.row += 1


def _goals(p: Plan, layout: Layout, form: Form) -> None:
    g, W = layout.goals, p.width
    goals = list(form.goals) + [None] * max(0, g.rows - len(form.goals))
    completion = g.completion == "always" or (g.completion == "when filled" and form.completion.strip())
    end = W - 1 if completion else W
    half = 2 + (end - 1) // 2
    p.put(1, g.title, rows=len(goals) + 1, kind="head")
    p.put(2, g.target.text, span=half - 2, kind="label")
    p.put(half, g.result.text, span=end - half + 1, kind="label")
    if completion:
        p.put(W, COMPLETION, kind="label")
    p.row += 1
    for k, goal in enumerate(goals):
        p.put(2, goal.target if goal else "", span=half - 2, align="left")
        p.put(half, goal.result if goal else "", span=end - half + 1, align="left")
        if completion and k == 0:
            p.put(W, form.completion, rows=len(goals), numeric=True)
        p.row += 1


def _indicators(p: Plan, layout: Layout, form: Form, icols: list[IndicatorColumn]) -> None:
    W, inds = p.width, form.indicators
    places = [(c, 2 + n, 1) for n, c in enumerate(icols)]
    c, col, _ = places[-1]
    places[-1] = (c, col, W - col + 1)
    p.put(1, layout.indicators_title, rows=len(inds) + 1 + len(layout.totals), kind="head")
    for c, col, span in places:
        p.put(col, c.label.text, span=span, kind="label")
    p.row += 1
    new_group = [bool(i.level1.strip()) for i in inds]
    spans = {
        "level1": merge_runs([i.level1 for i in inds], [False] * len(inds)),
        "level2": merge_runs([i.level2 for i in inds], new_group),
    }
    for k, ind in enumerate(inds):
        for c, col, span in places:
            rows = spans[c.key][k] if c.key in spans else 1
            if rows:
                p.put(col, getattr(ind, c.key), span=span, rows=rows, numeric=c.key not in TREE,
                      align="left" if c.key in PROSE else "center")
        p.row += 1
    score_col = max(next((col for c, col, _ in places if c.key == "score"), W), 3)
    for f in layout.totals:
        p.put(2, f.label.text, span=score_col - 2, kind="label")
        p.put(score_col, str(get_cell(form, f.address)), span=W - score_col + 1, numeric=True)
        p.row += 1


def _footer(p: Plan, layout: Layout, form: Form) -> None:
    fields = [(f.label.text + "：", str(get_cell(form, f.address)), True) for f in layout.footer]
    _two_per_row(p, fields, 1, boxed=False)
