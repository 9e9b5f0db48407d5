"""One form laid out from its layout's description (``perfdesk.layouts``): the heading,
the basic facts, the money block, the goals, the indicators with their totals, the
problems and the signatures.  Nothing here knows a layout by its code: a layout
registered anywhere prints as it is described.

Widths are in mm across the 180 mm frame; every section but the problems has a
title column ``LABEL_W`` wide on the left, so the stacked sections read as one
ruled form.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from .. import layouts
from ..checks import Evaluation
from ..layouts import Layout
from ..layouts.base import Field, Goals
from ..messages import cell_label
from ..model import DepartmentFile, Form
from .block import _C, SPAN, _Block, _heads, _row
from .fonts import FONT, styles
from .grid import _Grid
from .indicators import indicator_block
from .money import money_block
from .page import FRAME_W, _StampBox, _Title
from .projects import projects_block
from .sections import LABEL_W, NUMERALS, section_label, value_of
from .text import _paragraph, _plain_fits


def form_story(form: Form, dfile: DepartmentFile, ev: Evaluation) -> list[Flowable]:
    """The flowables of ``form``, as its layout describes it."""
    layout = layouts.get(form.layout)
    out = _heading(layout, form, dfile)
    parts = [_basic(layout, form), money_block(layout, form, ev), projects_block(layout, form),
             _goals(layout.goals, form), indicator_block(layout, form, ev)]
    out += [part for part in parts if part is not None]
    if layout.problems is not None:
        out.append(_problems(_problems_title(layout), value_of(form, layout.problems.address),
                             layout.problems.lines))
    out.append(_signatures(layout.footer, form))
    return out


def _header_value(field: Field, form: Form, dfile: DepartmentFile) -> str:
    if field.address == "department":
        return form.department.strip() or dfile.department
    return value_of(form, field.address)


def _heading(layout: Layout, form: Form, dfile: DepartmentFile) -> list[Flowable]:
    """The title, the year, and a line of the header's fields with the money unit."""
    year = dfile.year.strip()
    year_line = f"（{year}年度）" if year else "（" + "\u00a0" * 12 + "年度）"  # a blank to fill in
    st = styles()
    widths = [FRAME_W * 0.7, FRAME_W * 0.3]
    parts = [f"{f.label.text.replace(chr(10), '')}：{_header_value(f, form, dfile)}" for f in layout.header]
    left = "\u3000\u3000".join(parts)  # on one line, or one a line when they do not fit
    if len(parts) > 1 and not _plain_fits(left, 10, widths[0]):
        left = "\n".join(parts)
    texts = [left, "金额单位：" + (dfile.money_unit or "万元")]
    cells = [t if _plain_fits(t, 10, w) else _paragraph(t, st[name])  # a plain string: one line
             for t, w, name in zip(texts, widths, ("meta", "meta_right"), strict=True)]
    meta = _Grid(
        [cells],
        colWidths=widths,
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 10),  # as the meta styles, for a plain string
            ("LEADING", (0, 0), (-1, -1), 13),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]),
    )
    return [_Title(layout.title), _paragraph(year_line, st["subtitle"]), Spacer(1, 2 * mm), meta]


# label, value, label, value (mm): two one-line fields a row, the first one wider
_BASIC_WIDTHS = (24, 72, 24, FRAME_W / mm - LABEL_W - 120)


def _basic(layout: Layout, form: Form) -> _Block | None:
    """The basic fields and the extra ones filled in (all the extra ones, to fill in by
    hand, when there are no others), two a row; the first alone when their number is
    odd, and a field of several lines alone on its own row.  None: no field at all."""
    extra = [f for f in layout.extra_fields if value_of(form, f.address).strip()]
    fields = [*layout.basic, *extra] or list(layout.extra_fields)
    if not fields:
        return None
    short = [f for f in fields if f.lines <= 1]
    lines: list[tuple[Field, ...]] = []
    if len(short) % 2:
        lines.append((short.pop(0),))
    lines += [tuple(short[i:i + 2]) for i in range(0, len(short), 2)]
    lines += [(f,) for f in fields if f.lines > 1]
    rows = []
    for fields in lines:
        cells = []
        for f in fields:
            cells += [_C(f.label.text, "label"), _C(value_of(form, f.address), "cell")]
        if len(fields) == 1:
            cells += [SPAN, SPAN]
        rows.append(_row(*cells, min_height=max(8, 6 * fields[0].lines) * mm))
    title = layout.basic_title
    return _Block([LABEL_W, *_BASIC_WIDTHS] if title else list(_BASIC_WIDTHS),
                  label=section_label(title) if title else None, body=rows, keep_whole=True)


def _goals(goals: Goals, form: Form) -> _Block | None:
    completion = goals.completion == "always" or (
        goals.completion == "when filled" and bool(form.completion.strip()))
    rest = FRAME_W / mm - LABEL_W - (22 if completion else 0)
    heads = [goals.target.text, goals.result.text]
    widths = [LABEL_W, rest / 2, rest / 2]
    if completion:
        heads.append(cell_label("completion", form))
        widths.append(22)
    if not goals.rows and not form.goals:
        return None
    rows = []
    for k in range(max(goals.rows, len(form.goals))):
        g = form.goals[k] if k < len(form.goals) else None
        cells = [_C(g.target if g else "", "cell"), _C(g.result if g else "", "cell")]
        if completion:
            cells.append(_C(form.completion))
        rows.append(_row(*cells, keys={2: "completion"} if completion else {}, min_height=7 * mm))
    return _Block(widths, label=section_label(goals.title), header=[_heads(*heads)], body=rows)


def _problems_title(layout: Layout) -> str:
    """The problems' title, numbered after the indicators when the sections are numbered."""
    title = layout.problems.label.text
    m = re.match(f"([{NUMERALS}])、", layout.indicators_title)
    if m and NUMERALS.index(m.group(1)) + 1 < len(NUMERALS):
        return NUMERALS[NUMERALS.index(m.group(1)) + 1] + "、" + title
    return title


def _problems(title: str, text: str, lines: int = 3) -> _Block:
    return _Block(
        [1],
        header=[_row(_C(title, "section"))],
        body=[_row(_C(text, "cell"), min_height=6 * lines * mm)],
    )


def _signature_label(field: Field) -> str:
    label = field.label.text.replace("\n", "")
    return label + ("（签字）" if label.endswith("负责人") else "") + "："  # a 负责人 signs


def _signatures(footer: tuple[Field, ...], form: Form) -> Flowable:
    st = styles()
    lines = [(_signature_label(f), value_of(form, f.address)) for f in footer]
    widths = [34 * mm, 62 * mm]
    # a one-line text is a plain string (the table's right padding, 6, left aside)
    data = [["" if not t.strip() else t if _plain_fits(t, 9, w - 6) else _paragraph(t, st["cell"])
             for t, w in zip(line, widths, strict=True)]
            for line in lines]
    left = _Grid(
        data or [["", ""]],
        colWidths=widths,
        rowHeights=[8.5 * mm] * max(1, len(lines)),
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),  # as the "cell" style, for a plain string
            ("LEADING", (0, 0), (-1, -1), 11.5),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]),
    )
    outer = _Grid(
        [[left, "", _StampBox()]],
        colWidths=[98 * mm, FRAME_W - 98 * mm - 44 * mm, 44 * mm],
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # even an empty cell names a font
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]),
        hAlign="LEFT",
    )
    return KeepTogether([Spacer(1, 3 * mm), outer])
