"""The form's parts: heading, basic facts, money, goals, indicators, totals, problems, signatures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from ..checks import Evaluation
from ..model import DepartmentFile, Form
from ..numbers import parse_weight
from .block import _C, SPAN, _Block, _heads, _Row, _row
from .fonts import FONT, styles
from .grid import _Grid
from .page import FRAME_W, _StampBox, _Title
from .text import _fits, _paragraph, _plain_fits

# ---- the form's parts ------------------------------------------------------------


def _department(form: Form, dfile: DepartmentFile) -> str:
    return form.department.strip() or dfile.department


def _heading(title: str, form: Form, dfile: DepartmentFile) -> list[Flowable]:
    year = dfile.year.strip()
    year_line = f"（{year}年度）" if year else "（" + "\u00a0" * 12 + "年度）"  # a blank to fill in
    st = styles()
    widths = [FRAME_W * 0.7, FRAME_W * 0.3]
    texts = ["填报部门：" + _department(form, dfile), "金额单位：" + (dfile.money_unit or "万元")]
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
    return [_Title(title), _paragraph(year_line, st["subtitle"]), Spacer(1, 2 * mm), meta]


def _signatures(form: Form) -> Flowable:
    st = styles()
    lines = [
        ("填报人：", form.filler),
        ("联系电话：", form.phone),
        ("单位负责人（签字）：", form.head),
        ("财务负责人（签字）：", form.finance_head),
        ("填报日期：", form.date),
    ]
    widths = [34 * mm, 62 * mm]
    # a one-line text is a plain string (the table's right padding, 6, left aside)
    data = [["" if not t.strip() else t if _plain_fits(t, 9, w - 6) else _paragraph(t, st["cell"])
             for t, w in zip(line, widths, strict=True)]
            for line in lines]
    left = _Grid(
        data,
        colWidths=widths,
        rowHeights=[8.5 * mm] * len(lines),
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


def _level1_text(text: str, width: float) -> str:
    """``产出指标（50）`` breaks before its weight when the column is too narrow."""
    if _fits(text, "center", width):
        return text
    m = re.search(r"[（(]", text)
    return text[: m.start()] + "\n" + text[m.start():] if m and m.start() else text


def _indicator_rows(form: Form, indices: Iterable[int], with_def: bool, layout: str,
                    level1_width: float) -> list[_Row]:
    rows = []
    run1 = run2 = None
    text1 = text2 = ""
    for i in indices:
        ind = form.indicators[i]
        l1, l2 = ind.level1.strip(), ind.level2.strip()
        if run1 is None or (l1 and l1 != text1):
            run1, text1, run2 = i, l1, None
        if run2 is None or (l2 and l2 != text2):
            run2, text2 = i, l2
        level3 = ind.level3 + ("（不适用）" if ind.not_applicable else "")
        cells = [_C(_level1_text(text1, level1_width)), _C(text2), _C(level3, "cell")]
        if with_def:
            cells.append(_C(ind.definition, "cell"))
        cells += [_C(ind.target), _C(ind.actual)]
        if layout == "B":
            cells += [_C(ind.points), _C(ind.score), _C(ind.deviation, "cell")]
        else:
            cells.append(_C(ind.score))
        rows.append(_row(*cells, keys={0: ("1", run1), 1: ("2", run2)}))
    return rows or [_row(*[None] * ((8 if layout == "B" else 6) + with_def)) for _ in range(4)]


def _goal_rows(form: Form, minimum: int, with_completion: bool) -> list[_Row]:
    goals = list(form.goals) + [None] * max(0, minimum - len(form.goals))
    rows = []
    for g in goals:
        cells = [_C(g.target if g else "", "cell"), _C(g.result if g else "", "cell")]
        if with_completion:
            cells.append(_C(form.completion))
        rows.append(_row(*cells, keys={2: "completion"} if with_completion else {},
                         min_height=7 * mm))
    return rows


def _problems(title: str, text: str) -> _Block:
    return _Block(
        [1],
        header=[_row(_C(title, "section"))],
        body=[_row(_C(text, "cell"), min_height=18 * mm)],
    )


def _form_a(form: Form, dfile: DepartmentFile, ev: Evaluation) -> list[Flowable]:
    m = form.money
    out = _heading("部门预算项目绩效自评表", form, dfile)
    out.append(_Block(
        [18, 22, 72, 24, 44],
        body=[_row(_C("一、基本\n情况", "label"), _C("项目名称", "label"), _C(form.project, "cell"),
                   _C("实施预算单位", "label"), _C(form.unit, "cell"), min_height=8 * mm)],
        keep_whole=True,
    ))
    parts = [("total", "预算数：", "到位数：", "执行数："), ("fiscal",) + ("其中：财政资金",) * 3]
    if any(line.carryover.strip() for line in (m.budget, m.arrived, m.executed)):
        parts.append(("carryover",) + ("其中：上年结转",) * 3)
    parts.append(("other", "其他", "其他", "其他"))
    money_rows = [
        _row(_C(b, "label"), _C(getattr(m.budget, part)), _C(a, "label"), _C(getattr(m.arrived, part)),
             _C(e, "label"), _C(getattr(m.executed, part)), _C(m.progress), keys={6: "progress"})
        for part, b, a, e in parts
    ]
    out.append(_Block(
        [18, 25, 21, 25, 21, 25, 21, 24],
        label="二、预算\n执行情况",
        header=[_heads("预算安排情况（调整后）", SPAN, "资金到位情况", SPAN, "资金执行情况", SPAN,
                       "预算执行进度")],
        body=money_rows,
        keep_whole=True,
    ))
    out.append(_Block(
        [18, 67, 71, 24],
        label="三、目标\n完成情况",
        header=[_heads("年度预期目标", "具体完成情况", "总体完成率")],
        body=_goal_rows(form, 3, True),
    ))
    with_def = any(ind.definition.strip() for ind in form.indicators)
    if with_def:
        widths = [18, 22, 25, 31, 31, 19, 19, 15]
        heads = ["一级指标", "二级指标", "三级指标", "指标解释", "预期指标值", "实际完成值", "自评得分"]
    else:
        widths = [18, 24, 25, 47, 26, 24, 16]
        heads = ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成值", "自评得分"]
    span = [SPAN] * (len(heads) - 2)
    out.append(_Block(
        widths,
        label="四、年度\n绩效指标\n完成情况",
        header=[_heads(*heads)],
        body=_indicator_rows(form, range(len(form.indicators)), with_def, "A", widths[1] * mm),
        footer=[_row(_C("总分", "head"), *span, _C(form.total_score)),
                _row(_C("评价等级", "head"), *span, _C(form.grade))],
    ))
    out.append(_problems("五、存在问题、原因及下一步整改措施", form.problems))
    out.append(_signatures(form))
    return out


def _form_b(form: Form, dfile: DepartmentFile, ev: Evaluation) -> list[Flowable]:
    m = form.money
    unit = dfile.money_unit or "万元"
    out = _heading("项目支出绩效自评表", form, dfile)
    out.append(_Block(
        [24, 66, 24, 66],
        body=[
            _row(_C("项目名称", "label"), _C(form.project, "cell"), SPAN, SPAN, min_height=8 * mm),
            _row(_C("主管部门", "label"), _C(form.authority, "cell"), _C("实施单位", "label"),
                 _C(form.unit, "cell"), min_height=8 * mm),
        ],
        keep_whole=True,
    ))
    exec_row = ev.calc.exec_row
    points = rate = score = ""
    if exec_row is not None:
        ind = form.indicators[exec_row]
        points = ind.points.strip() or parse_weight(ind.level1)[1].text
        rate = ind.actual
        score = ind.score
    rate = rate.strip() or m.progress
    names = [("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"),
             ("carryover", "上年结转资金"), ("other", "其他资金")]
    money_rows = []
    for part, name in names:
        tail = [_C(points), _C(rate), _C(score)] if part == "total" else [_C("—"), _C(""), _C("—")]
        money_rows.append(_row(
            _C(name, "label"), _C(getattr(m.budget_initial, part)), _C(getattr(m.budget, part)),
            _C(getattr(m.executed, part)), *tail))
    out.append(_Block(
        [22, 33, 22, 22, 22, 16, 22, 21],
        label=f"项目资金\n（{unit}）",
        header=[_heads("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")],
        body=money_rows,
        keep_whole=True,
    ))
    with_completion = bool(form.completion.strip())
    goal_heads = ["预期目标", "实际完成情况"] + (["总体完成率"] if with_completion else [])
    out.append(_Block(
        [22, 67, 71, 20] if with_completion else [22, 79, 79],
        label="年度总体目标",
        header=[_heads(*goal_heads)],
        body=_goal_rows(form, 1, with_completion),
    ))
    with_def = any(ind.definition.strip() for ind in form.indicators)
    if with_def:
        widths = [16, 18, 22, 21, 21, 18, 18, 10, 10, 26]
        heads = ["一级指标", "二级指标", "三级指标", "指标解释", "年度指标值", "实际完成值",
                 "分值", "得分", "偏差原因分析及改进措施"]
    else:
        widths = [16, 18, 22, 30, 19, 19, 11, 11, 34]
        heads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                 "分值", "得分", "偏差原因分析及改进措施"]
    rows = [i for i in range(len(form.indicators)) if i != exec_row]
    n = len(heads)
    out.append(_Block(
        widths,
        label="绩效指标",
        header=[_heads(*heads)],
        body=_indicator_rows(form, rows, with_def, "B", widths[1] * mm),
        footer=[
            _row(_C("总分", "head"), *[SPAN] * (n - 4), _C("100"), _C(form.total_score), None),
            _row(_C("评价等级", "head"), *[SPAN] * (n - 3), _C(form.grade), None),
        ],
    ))
    if form.problems.strip():
        out.append(_problems("存在问题、原因及下一步整改措施", form.problems))
    out.append(_signatures(form))
    return out

