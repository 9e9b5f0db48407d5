"""A form laid out on a sheet's grid: which cell holds what, merged how, in what style.

``plan(form, year, unit)`` gives the cells; ``writer.write_plan`` puts them on
a worksheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Form, Indicator
from ..numbers import parse_weight

# ---- the sheet layouts --------------------------------------------------------------

@dataclass
class Cell:
    row: int
    col: int
    text: str
    last_row: int = 0
    last_col: int = 0
    kind: str = "value"  # "title", "subtitle", "label", "value", "number", "head"
    numeric: bool = False  # may become a number
    border: bool = True
    align: str = "center"  # "center" or "left"


@dataclass
class Plan:
    """A form laid out on a grid: cells, column widths."""

    widths: list[float]
    cells: list[Cell] = field(default_factory=list)
    row: int = 1
    landscape: bool = False

    @property
    def width(self) -> int:
        return len(self.widths)

    def put(self, col, text, *, span=1, rows=1, kind="value", numeric=False, border=True,
            align="center", row=None) -> Cell:
        r = self.row if row is None else row
        cell = Cell(r, col, text, r + rows - 1, col + span - 1, kind, numeric, border, align)
        self.cells.append(cell)
        return cell


def merge_runs(values: list[str], breaks: list[bool]) -> list[int]:
    """Row spans for a column merged down like paper: a cell runs over the blank
    cells below it, up to the next filled cell or a break (a new 一级 group)."""
    spans = [1] * len(values)
    i = 0
    while i < len(values):
        j = i + 1
        if values[i].strip():
            while j < len(values) and not values[j].strip() and not breaks[j]:
                j += 1
            spans[i] = j - i
            for k in range(i + 1, j):
                spans[k] = 0
        i = j
    return spans


def _indicator_columns(form: Form, first: int, width_min: int, layout: str) -> tuple[list, int]:
    """[(field, col, span, header)] of the indicator table, and the table's width."""
    inds = form.indicators
    has_def = any(i.definition.strip() for i in inds)
    has_points = layout == "B" or any(i.points.strip() for i in inds)
    has_dev = layout == "B" or any(i.deviation.strip() for i in inds)
    target = "预期指标值" if layout == "A" else "年度指标值"
    score = "自评得分" if layout == "A" else "得分"
    cols, c = [], first
    cols.append(("level1", c, 1, "一级指标"))
    cols.append(("level2", c + 1, 1, "二级指标"))
    if has_def:
        cols.append(("level3", c + 2, 1, "三级指标"))
        cols.append(("definition", c + 3, 1, "指标解释"))
    else:
        cols.append(("level3", c + 2, 2, "三级指标"))
    c += 4
    cols.append(("target", c, 1, target))
    cols.append(("actual", c + 1, 1, "实际完成值"))
    c += 2
    if has_points:
        cols.append(("points", c, 1, "分值"))
        c += 1
    cols.append(("score", c, 1, score))
    c += 1
    if has_dev:
        cols.append(("deviation", c, 1, "偏差原因分析及改进措施"))
        c += 1
    return cols, max(c - 1, width_min)


def _stretch(cols: list, width: int) -> list:
    """Let the last column run to the right edge."""
    name, col, span, head = cols[-1]
    return cols[:-1] + [(name, col, width - col + 1, head)]


def _plan_a(form: Form, year: str, unit: str) -> Plan:
    m = form.money
    groups = [g for g in ("budget_initial",) if _line_filled(m.budget_initial)]
    groups += ["budget", "arrived", "executed"]
    icols, width = _indicator_columns(form, 2, 8, "A")
    width = max(width, 2 * len(groups) + 2)
    widths = [11, 13, 12, 16, 12, 12, 12, 10, 10, 12, 12][:width]
    widths += [12] * (width - len(widths))
    if any(c[0] == "deviation" for c in icols):
        widths[width - 1] = 18
    p = Plan(widths)
    W = width
    p.put(1, "部门预算项目绩效自评表", span=W, kind="title", border=False)
    p.row += 1
    p.put(1, f"（{year}年度）", span=W, kind="subtitle", border=False)
    p.row += 1
    p.put(1, "填报部门：", kind="label", border=False, align="left")
    p.put(2, form.department, span=3, border=False, align="left")
    p.put(5, "金额单位：", kind="label", border=False)
    p.put(6, unit, span=W - 5, border=False, align="left")
    p.row += 1
    # 一、基本情况
    basic_rows = 2 if form.authority.strip() else 1
    p.put(1, "一、基本情况", rows=basic_rows, kind="head")
    p.put(2, "项目名称", kind="label")
    p.put(3, form.project, span=3)
    p.put(6, "实施预算单位", kind="label")
    p.put(7, form.unit, span=W - 6)
    p.row += 1
    if form.authority.strip():
        p.put(2, "主管部门", kind="label")
        p.put(3, form.authority, span=W - 2)
        p.row += 1
    # 二、预算执行情况
    parts = [("total", None), ("fiscal", "其中：财政资金")]
    if any(getattr(m, g).carryover.strip() for g in groups):
        parts.append(("carryover", "其中：上年结转资金"))
    parts.append(("other", "其他"))
    p.put(1, "二、预算执行情况", rows=len(parts) + 1, kind="head")
    heads = {"budget_initial": ("年初预算安排情况", "年初预算数："),
             "budget": ("预算安排情况（调整后）", "预算数："),
             "arrived": ("资金到位情况", "到位数："),
             "executed": ("资金执行情况", "执行数：")}
    prog_col = 2 + 2 * len(groups)
    for n, g in enumerate(groups):
        p.put(2 + 2 * n, heads[g][0], span=2, kind="label")
    p.put(prog_col, "预算执行进度", span=W - prog_col + 1, kind="label")
    p.row += 1
    for k, (part, label) in enumerate(parts):
        for n, g in enumerate(groups):
            p.put(2 + 2 * n, label or heads[g][1], kind="label")
            p.put(3 + 2 * n, getattr(getattr(m, g), part), numeric=True)
        if k == 0:
            p.put(prog_col, m.progress, span=W - prog_col + 1, rows=len(parts), numeric=True)
        p.row += 1
    # 三、目标完成情况
    goals = list(form.goals) + [None] * max(0, 3 - len(form.goals))
    p.put(1, "三、目标完成情况", rows=len(goals) + 1, kind="head")
    p.put(2, "年度预期目标", span=3, kind="label")
    p.put(5, "具体完成情况", span=W - 5, kind="label")
    p.put(W, "总体完成率", kind="label")
    p.row += 1
    for k, goal in enumerate(goals):
        p.put(2, goal.target if goal else "", span=3, align="left")
        p.put(5, goal.result if goal else "", span=W - 5, align="left")
        if k == 0:
            p.put(W, form.completion, rows=len(goals), numeric=True)
        p.row += 1
    # 四、年度绩效指标完成情况 (with 总分 and 评价等级)
    n_rows = len(form.indicators)
    p.put(1, "四、年度绩效指标完成情况", rows=n_rows + 3, kind="head")
    icols = _stretch(icols, W)
    _indicator_table(p, form, icols)
    score_col = next(c for name, c, _, _ in icols if name == "score")
    for label, value in (("总分", form.total_score), ("评价等级", form.grade)):
        p.put(2, label, span=score_col - 2, kind="label")
        p.put(score_col, value, span=W - score_col + 1, numeric=label == "总分")
        p.row += 1
    p.put(1, "五、存在问题、原因及下一步整改措施", kind="head")
    p.put(2, form.problems, span=W - 1, align="left")
    p.row += 1
    _footer(p, form)
    return p


def _plan_b(form: Form, year: str, unit: str) -> Plan:
    m = form.money
    icols, width = _indicator_columns(form, 2, 10, "B")
    money_cols = ["budget_initial", "budget"]
    if _line_filled(m.arrived):
        money_cols.append("arrived")
    money_cols += ["executed", "points", "progress", "score"]
    width = max(width, 3 + len(money_cols))
    widths = [12, 12, 12, 16, 12, 12, 12, 9, 9, 18][:width]
    widths += [12] * (width - len(widths))
    p = Plan(widths, landscape=False)
    W = width
    p.put(1, "项目支出绩效自评表", span=W, kind="title", border=False)
    p.row += 1
    p.put(1, f"（{year}年度）", span=W, kind="subtitle", border=False)
    p.row += 1
    if form.department.strip():
        p.put(1, "填报部门：", kind="label", border=False, align="left")
        p.put(2, form.department, span=W - 1, border=False, align="left")
        p.row += 1
    p.put(1, "项目名称", kind="label")
    p.put(2, form.project, span=W - 1)
    p.row += 1
    half = 2 + (W - 1) // 2
    p.put(1, "主管部门", kind="label")
    p.put(2, form.authority, span=half - 2)
    p.put(half, "实施单位", kind="label")
    p.put(half + 1, form.unit, span=W - half)
    p.row += 1
    # 项目资金
    heads = {"budget_initial": "年初预算数", "budget": "全年预算数", "arrived": "全年到位数",
             "executed": "全年执行数", "points": "分值", "progress": "执行率", "score": "得分"}
    parts = (("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"),
             ("carryover", "上年结转资金"), ("other", "其他资金"))
    p.put(1, f"项目资金（{unit}）", rows=len(parts) + 1, kind="head")
    p.put(2, "", span=2, kind="label")
    first = 4
    spans = [(name, first + n, 1) for n, name in enumerate(money_cols)]
    spans[-1] = (spans[-1][0], spans[-1][1], W - spans[-1][1] + 1)
    for name, col, span in spans:
        p.put(col, heads[name], span=span, kind="label")
    p.row += 1
    exec_row = _exec_row(form)
    for part, label in parts:
        p.put(2, label, span=2, kind="label", align="left")
        for name, col, span in spans:
            if name in ("budget_initial", "budget", "arrived", "executed"):
                text, numeric = getattr(getattr(m, name), part), True
            elif part != "total":
                text, numeric = "—", False
            elif name == "progress":
                text, numeric = m.progress, True
            elif exec_row is None:
                text, numeric = "", True
            elif name == "points":
                text = exec_row.points or parse_weight(exec_row.level1)[1].text
                numeric = True
            else:
                text, numeric = exec_row.score, True
            p.put(col, text, span=span, numeric=numeric)
        p.row += 1
    # 年度总体目标
    goals = list(form.goals) or [None]
    has_completion = bool(form.completion.strip())
    p.put(1, "年度总体目标", rows=len(goals) + 1, kind="head")
    res_end = W - 1 if has_completion else W
    p.put(2, "预期目标", span=half - 2, kind="label")
    p.put(half, "实际完成情况", span=res_end - half + 1, kind="label")
    if has_completion:
        p.put(W, "总体完成率", kind="label")
    p.row += 1
    for k, goal in enumerate(goals):
        p.put(2, goal.target if goal else "", span=half - 2, align="left")
        p.put(half, goal.result if goal else "", span=res_end - half + 1, align="left")
        if has_completion and k == 0:
            p.put(W, form.completion, rows=len(goals), numeric=True)
        p.row += 1
    # 绩效指标
    p.put(1, "绩效指标", rows=len(form.indicators) + 1, kind="head")
    icols = _stretch(icols, W)
    _indicator_table(p, form, icols)
    score_col = next(c for name, c, _, _ in icols if name == "score")
    for label, value in (("总分", form.total_score), ("评价等级", form.grade)):
        p.put(1, label, span=score_col - 1, kind="label")
        p.put(score_col, value, numeric=label == "总分")
        if score_col < W:
            p.put(score_col + 1, "", span=W - score_col)
        p.row += 1
    p.put(1, "存在问题、原因及下一步整改措施", span=2, kind="head")
    p.put(3, form.problems, span=W - 2, align="left")
    p.row += 1
    _footer(p, form)
    return p


def _exec_row(form: Form) -> Indicator | None:
    from ..calc import canonical_level1

    for ind in form.indicators:
        if canonical_level1(ind.level1) == "预算执行率":
            return ind
    return None


def _line_filled(line) -> bool:
    return any(getattr(line, p).strip() for p in ("total", "fiscal", "carryover", "other"))


def _indicator_table(p: Plan, form: Form, icols: list) -> None:
    for _name, col, span, head in icols:
        p.put(col, head, span=span, kind="label")
    p.row += 1
    inds = form.indicators
    new_group = [bool(i.level1.strip()) for i in inds]
    spans = {
        "level1": merge_runs([i.level1 for i in inds], [False] * len(inds)),
        "level2": merge_runs([i.level2 for i in inds], new_group),
    }
    for k, ind in enumerate(inds):
        for name, col, span, _ in icols:
            rows = spans.get(name, [1] * len(inds))[k]
            if rows == 0:
                continue
            numeric = name in ("target", "actual", "points", "score")
            align = "left" if name in ("definition", "deviation") else "center"
            p.put(col, getattr(ind, name), span=span, rows=rows, numeric=numeric, align=align)
        p.row += 1


def _footer(p: Plan, form: Form) -> None:
    W = p.width
    p.put(1, "填报人：", kind="label", border=False)
    p.put(2, form.filler, span=2, border=False, align="left")
    p.put(4, "联系电话：", kind="label", border=False)
    p.put(5, form.phone, span=W - 4, border=False, align="left")
    p.row += 1
    if form.head.strip() or form.finance_head.strip() or form.date.strip():
        p.put(1, "单位负责人：", kind="label", border=False)
        p.put(2, form.head, span=2, border=False, align="left")
        p.put(4, "财务负责人：", kind="label", border=False)
        p.put(5, form.finance_head, span=2, border=False, align="left")
        p.put(7, "填报日期：", kind="label", border=False)
        p.put(8, form.date, span=W - 7, border=False, align="left")
        p.row += 1


def plan(form: Form, year: str, unit: str) -> Plan:
    return _plan_b(form, year, unit) if form.layout == "B" else _plan_a(form, year, unit)

