"""Excel workbooks: export a department file, import filled forms.

Export (``export_file``)
------------------------

Each form goes to its own sheet, named after its project (Excel's rules: no
``[]:*?/\\``, at most 31 characters, unique), laid out like the printed form of
its layout (A: 部门预算项目绩效自评表; B: 项目支出绩效自评表) with merged cells,
borders, 宋体, A4 and a print area.  Columns and rows the official forms lack
are added only when the form holds something for them (指标解释, 分值 and 偏差原因
on layout A, 到位数 on layout B, 主管部门, 上年结转资金, 年初预算数 …), so
nothing typed is ever left out.

Numbers and text: a numeric cell (amounts, 执行进度, 完成率, 指标值, 得分, 总分)
is written as an Excel number only when a number format reproduces the typed
text exactly, checked by rendering it back the way the importer does:
``1039`` (General), ``10.00`` (``0.00``), ``1,039`` (``#,##0``), ``22.4%``
(0.224 as ``0.0%``), ``100.00%`` (``0.00%``).  Anything else stays text as
typed: ``１０３９`` (full-width), ``22.4％``, ``2.96478万元``, ``≥95%``,
``05``.  So the sheet computes and sorts like a spreadsheet where it can,
shows exactly what the clerk typed, and an import gives back every typed
value.  Text beginning with ``=``, ``+``, ``-`` or ``@`` is always text
(never a formula), with Excel's quote prefix so editing keeps it text.

A very hidden sheet ``perfdesk`` holds what the printed form does not:
the department, year, amount unit and settings of the file, and per sheet
the rows marked 不适用 and the clerk's explanations of findings.  Import uses
it when present and never needs it.

Import (``read_workbook`` / ``read_file``)
------------------------------------------

Every sheet is turned into a ``form_reader.Grid`` with each cell's text as
Excel displays it (``render``: the number format applied, so 0.224 in
``0.00%`` reads ``22.40%`` and 1039.0 reads ``1039``) and read by labels.
A sheet without a form (an instructions sheet, a lookup list) is skipped.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from . import form_reader, layouts, safety
from .errors import PerfdeskError
from .file_errors import refusal
from .model import DepartmentFile, Form, Indicator, Settings
from .numbers import parse_weight

META_SHEET = "perfdesk"
META_MARK = "perfdesk-meta"
META_VERSION = "1"
FONT = "宋体"

# ---- rendering a cell as Excel shows it --------------------------------------------


def render(value, number_format: str | None = "General") -> str:
    """The text Excel displays for ``value`` in ``number_format`` (column wide enough)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time):
        return _render_date(value, number_format or "")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        try:
            return _render_number(value, number_format or "General")
        except (InvalidOperation, ValueError, OverflowError):
            return _general(value)
    return str(value)


def _general(value) -> str:
    if isinstance(value, int):
        return str(value)
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    text = format(v, ".15g")
    if "e" in text:
        return text.upper().replace("E+0", "E+").replace("E-0", "E-")
    return text


_QUOTED = re.compile(r'"([^"]*)"')
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _sections(fmt: str) -> list[str]:
    out, cur, quoted, i = [], "", False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(fmt):
            cur += fmt[i: i + 2]
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append(cur)
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    out.append(cur)
    return out


def _render_number(value, fmt: str) -> str:
    if fmt.strip().lower() in ("general", "", "@"):
        return _general(value)
    sections = _sections(fmt)
    number = Decimal(repr(float(value))) if not isinstance(value, Decimal) else value
    if isinstance(value, int):
        number = Decimal(value)
    sign = ""
    if number < 0 and len(sections) >= 2 and sections[1].strip():
        section, number = sections[1], -number
    elif number == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
        if number < 0:
            sign, number = "-", -number
    # Literal pieces and the one numeric placeholder run.
    tokens = []  # (kind, text): kind "lit" or "ph"
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[i + 1: end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < len(section):
            i += 2  # padding / fill: no visible text
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner = section[i + 1: end]
            m = re.fullmatch(r"\$([^-]*)(?:-[0-9A-Fa-f]+)?", inner)
            if m:
                tokens.append(("lit", m.group(1)))
            i = end + 1
        elif ch in "0#?.,":
            tokens.append(("ph", ch))
            i += 1
        elif ch in "Ee" and i + 1 < len(section) and section[i + 1] in "+-":
            tokens.append(("ph", section[i: i + 2]))
            i += 2
        elif ch == "@":
            tokens.append(("lit", ""))
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    ph_idx = [k for k, (kind, _) in enumerate(tokens) if kind == "ph"]
    percent = sum(text.count("%") for kind, text in tokens if kind == "lit")
    if not ph_idx:
        return sign + "".join(text for _, text in tokens) if section else _general(value)
    first, last = ph_idx[0], ph_idx[-1]
    pattern = "".join(tokens[k][1] for k in range(first, last + 1) if tokens[k][0] == "ph")
    lit_inside = "".join(tokens[k][1] for k in range(first, last + 1) if tokens[k][0] == "lit")
    prefix = "".join(t for kind, t in tokens[:first] if kind == "lit")
    suffix = lit_inside + "".join(t for kind, t in tokens[last + 1:] if kind == "lit")
    if "E" in pattern.upper():
        mant = pattern.upper().split("E")[0]
        decimals = len(mant.partition(".")[2])
        text = f"{float(number):.{decimals}E}"
        m = re.fullmatch(r"([0-9.]+)E([+-])0*([0-9]+)", text)
        if m:
            text = f"{m[1]}E{m[2]}{int(m[3]):02d}"
        return sign + prefix + text + suffix
    number = number * (Decimal(100) ** percent)
    scale = len(pattern) - len(pattern.rstrip(","))
    pattern = pattern.rstrip(",")
    number = number / (Decimal(1000) ** scale)
    int_pat, _, frac_pat = pattern.partition(".")
    grouping = "," in int_pat
    int_min = int_pat.count("0")
    frac_min = frac_pat.count("0")
    frac_max = sum(frac_pat.count(c) for c in "0#?")
    rounded = number.quantize(Decimal(1).scaleb(-frac_max), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.ljust(frac_max, "0")[:frac_max]
    while len(frac) > frac_min and frac.endswith("0"):
        frac = frac[:-1]
    whole = whole.lstrip("0")
    whole = whole.rjust(int_min, "0") if len(whole) < int_min else whole
    if grouping and whole:
        whole = f"{int(whole):,}"
    text = whole + ("." + frac if frac or ("." in pattern and frac_max == 0) else "")
    if sign and set(text) <= set("0.,"):
        sign = ""  # -0.001 in "0.00" shows 0.00
    return sign + prefix + text + suffix


def _render_date(value, fmt: str) -> str:
    f = _QUOTED.sub(lambda m: m.group(1), _BRACKET.sub("", fmt)).lower()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if "s" in f else "%H:%M")
    d = value.date() if isinstance(value, datetime) else value
    if "年" in f:
        text = f"{d.year}年{d.month}月" + (f"{d.day}日" if "日" in f or "d" in f else "")
    elif "/" in f:
        text = f"{d.year}/{d.month}/{d.day}"
    else:
        text = d.isoformat()
    if isinstance(value, datetime) and "h" in f:
        text += " " + value.strftime("%H:%M:%S" if "s" in f else "%H:%M")
    return text


# ---- typed text -> cell value -----------------------------------------------------

_NUMBER = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<pct>%?)")


def as_number(text: str) -> tuple[float, str] | None:
    """(value, number_format) that shows exactly ``text``, or None to write text."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    whole, frac, pct = m["int"], m["frac"] or "", m["pct"]
    digits = whole.replace(",", "")
    if len(digits) > 1 and digits.startswith("0"):
        return None
    if len(digits.lstrip("0")) + len(frac) > 15:
        return None
    exact = Decimal(digits + ("." + frac if frac else ""))
    if pct:
        exact = exact / 100
    value = float(exact)
    fmt = ("#,##0" if "," in whole else "0") + ("." + "0" * len(frac) if frac else "") + pct
    if not pct and "," not in whole and _general(value) == text:
        fmt = "General"
    return (value, fmt) if render(value, fmt) == text else None


# ---- the sheet layouts --------------------------------------------------------------

@dataclass
class _Cell:
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
class _Plan:
    """A form laid out on a grid: cells, column widths."""

    widths: list[float]
    cells: list[_Cell] = field(default_factory=list)
    row: int = 1
    landscape: bool = False

    @property
    def width(self) -> int:
        return len(self.widths)

    def put(self, col, text, *, span=1, rows=1, kind="value", numeric=False, border=True,
            align="center", row=None) -> _Cell:
        r = self.row if row is None else row
        cell = _Cell(r, col, text, r + rows - 1, col + span - 1, kind, numeric, border, align)
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


def _plan_a(form: Form, year: str, unit: str) -> _Plan:
    m = form.money
    groups = [g for g in ("budget_initial",) if _line_filled(m.budget_initial)]
    groups += ["budget", "arrived", "executed"]
    icols, width = _indicator_columns(form, 2, 8, "A")
    width = max(width, 2 * len(groups) + 2)
    widths = [11, 13, 12, 16, 12, 12, 12, 10, 10, 12, 12][:width]
    widths += [12] * (width - len(widths))
    if any(c[0] == "deviation" for c in icols):
        widths[width - 1] = 18
    p = _Plan(widths)
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


def _plan_b(form: Form, year: str, unit: str) -> _Plan:
    m = form.money
    icols, width = _indicator_columns(form, 2, 10, "B")
    money_cols = ["budget_initial", "budget"]
    if _line_filled(m.arrived):
        money_cols.append("arrived")
    money_cols += ["executed", "points", "progress", "score"]
    width = max(width, 3 + len(money_cols))
    widths = [12, 12, 12, 16, 12, 12, 12, 9, 9, 18][:width]
    widths += [12] * (width - len(widths))
    p = _Plan(widths, landscape=False)
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
    from .calc import canonical_level1

    for ind in form.indicators:
        if canonical_level1(ind.level1) == "预算执行率":
            return ind
    return None


def _line_filled(line) -> bool:
    return any(getattr(line, p).strip() for p in ("total", "fiscal", "carryover", "other"))


def _indicator_table(p: _Plan, form: Form, icols: list) -> None:
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


def _footer(p: _Plan, form: Form) -> None:
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


def plan(form: Form, year: str, unit: str) -> _Plan:
    return _plan_b(form, year, unit) if form.layout == "B" else _plan_a(form, year, unit)


# ---- writing ----------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(project: str, taken: set[str], n: int) -> str:
    """A sheet name Excel accepts: no []:*?/\\, not quoted at either end, ≤ 31, unique."""
    name = _SHEET_BAD.sub("_", _ILLEGAL.sub("", project)).strip().strip("'").strip()
    name = name[:31].strip().strip("'") or f"表{n}"
    if name.lower() in ("history", META_SHEET):
        name = f"{name}_表"
    base, k = name, 2
    while name.lower() in taken:
        suffix = f"（{k}）"
        name = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(name.lower())
    return name


def _set(cell, text: str, numeric: bool) -> None:
    from openpyxl.styles import Alignment

    text = _ILLEGAL.sub("", text)
    if numeric:
        number = as_number(text)
        if number is not None:
            cell.value, cell.number_format = number
            return
    cell.value = text
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True
    if "\n" in text and cell.alignment is not None:
        cell.alignment = Alignment(
            horizontal=cell.alignment.horizontal, vertical="center", wrap_text=True
        )


def _text_width(text: str) -> float:
    """Width in Excel column units of ``text`` in 10-point 宋体."""
    return sum(1.75 if ord(ch) > 0x2E80 else 0.95 for ch in text)


def write_plan(ws, p: _Plan) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {
        "title": Font(name=FONT, size=16, bold=True),
        "subtitle": Font(name=FONT, size=11),
        "label": Font(name=FONT, size=10, bold=True),
        "head": Font(name=FONT, size=10, bold=True),
        "value": Font(name=FONT, size=10),
    }
    for i, w in enumerate(p.widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    lines: dict[int, float] = {}
    for c in p.cells:
        cell = ws.cell(c.row, c.col)
        cell.font = fonts.get(c.kind, fonts["value"])
        cell.alignment = Alignment(
            horizontal="left" if c.align == "left" else "center", vertical="center", wrap_text=True
        )
        _set(cell, c.text, c.numeric)
        if c.last_row > c.row or c.last_col > c.col:
            ws.merge_cells(start_row=c.row, start_column=c.col, end_row=c.last_row, end_column=c.last_col)
        if c.border:
            for r in range(c.row, c.last_row + 1):
                for k in range(c.col, c.last_col + 1):
                    ws.cell(r, k).border = box
        if c.last_row == c.row and c.text:
            width = sum(p.widths[c.col - 1: c.last_col]) - 0.8
            n = sum(max(1, math.ceil(_text_width(line) / max(width, 1))) for line in c.text.split("\n"))
            size = 16 if c.kind == "title" else 10
            lines[c.row] = max(lines.get(c.row, 0), n * size * 1.3 + 5)
    last_row = max(c.last_row for c in p.cells)
    for r in range(1, last_row + 1):
        ws.row_dimensions[r].height = max(lines.get(r, 0), 22 if r > 1 else 30)
    ws.print_area = f"A1:{get_column_letter(p.width)}{last_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if p.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.sheet_view.showGridLines = False


def export_file(dfile: DepartmentFile, path: str | Path, *, meta: bool = True) -> list[str]:
    """Write every form of ``dfile`` to ``path`` (.xlsx); returns the sheet names."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    names = []
    unit = dfile.money_unit or "万元"
    for n, form in enumerate(dfile.forms, 1):
        name = sheet_name(form.project, taken, n)
        ws = wb.create_sheet(name)
        write_plan(ws, plan(form, dfile.year, unit))
        names.append(name)
    if not dfile.forms:
        ws = wb.create_sheet("表1")
        write_plan(ws, plan(Form(), dfile.year, unit))
    if meta:
        _write_meta(wb, dfile, names)
    wb.properties.creator = "perfdesk"
    wb.properties.title = f"{dfile.department} {dfile.year}年度 绩效自评表".strip()
    try:
        tmp = path.with_name(path.name + ".writing")
        wb.save(tmp)
        tmp.replace(path)
    except OSError as err:
        raise PerfdeskError(f"无法写入文件：{path.name}（{err.strerror or err}）") from err
    return names


def template_form(layout: str) -> Form:
    """A blank form of ``layout``: the indicator tree printed, nothing typed."""
    form = Form(layout=layout)
    rows = layouts.get(layout).blank_form_rows()
    form.indicators = [Indicator(level1=l1, level2=l2) for l1, l2 in rows]
    return form


def write_template(layout: str, path: str | Path) -> None:
    """The blank Excel form of ``layout`` (templates/ is made with this)."""
    dfile = DepartmentFile(year="    ", forms=[template_form(layout)])
    export_file(dfile, path, meta=False)


def _portable_settings(dfile: DepartmentFile) -> dict:
    """The file's settings without this PC's path to last year's file."""
    settings = dfile.to_dict()["settings"]
    settings.pop("last_year_file", None)
    return settings


def _write_meta(wb, dfile: DepartmentFile, names: list[str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    rows = [
        (META_MARK, META_VERSION),
        ("department", dfile.department),
        ("year", dfile.year),
        ("money_unit", dfile.money_unit),
        ("settings", json.dumps(_portable_settings(dfile), ensure_ascii=False)),
    ]
    for name, form in zip(names, dfile.forms, strict=True):
        extra = {}
        na = [i for i, ind in enumerate(form.indicators) if ind.not_applicable]
        if na:
            extra["not_applicable"] = na
        if form.explanations:
            extra["explanations"] = [
                {"code": e.code, "cells": list(e.cells), "note": e.note} for e in form.explanations
            ]
        if extra:
            rows.append(("form", name, json.dumps(extra, ensure_ascii=False)))
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            _set(ws.cell(r, c), _ILLEGAL.sub("", str(value)), False)


# ---- reading ----------------------------------------------------------------------


def _grid(ws) -> form_reader.Grid:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter

    merged = {(rng.min_row, rng.min_col): rng for rng in ws.merged_cells.ranges}
    regions = []
    for (r, c), cell in ws._cells.items():
        if isinstance(cell, MergedCell) or cell.value is None:
            continue
        text = render(cell.value, cell.number_format)
        if not text.strip():
            continue
        rng = merged.get((r, c))
        if rng is not None:
            ref = f"单元格 {rng.coord}"
            regions.append(form_reader.Region(r, c, rng.max_row, rng.max_col, text, ref))
        else:
            ref = f"单元格 {get_column_letter(c)}{r}"
            regions.append(form_reader.Region(r, c, r, c, text, ref))
    return form_reader.Grid(regions)


def _read_meta(ws) -> form_reader.Meta | None:
    cells = ws._cells
    mark = cells.get((1, 1))
    if mark is None or mark.value != META_MARK:
        return None
    meta = form_reader.Meta()
    for r in range(2, min(ws.max_row, 10000) + 1):
        values = [cells.get((r, c)) for c in (1, 2, 3)]
        values = ["" if v is None or v.value is None else str(v.value) for v in values]
        k, v, extra = values
        if k == "department":
            meta.department = v
        elif k == "year":
            meta.year = v
        elif k == "money_unit":
            meta.money_unit = v
        elif k == "settings":
            try:
                meta.settings = Settings.from_dict(json.loads(v))
            except (ValueError, TypeError):
                pass
        elif k == "form":
            try:
                meta.forms[v] = json.loads(extra)
            except ValueError:
                pass
    return meta


def read_workbook(path: str | Path) -> form_reader.Source:
    """Every form in every sheet of ``path``, and the perfdesk sheet if any."""
    import openpyxl

    path = Path(path)
    safety.check_office_file(path, "xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except PerfdeskError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file
        raise refusal(f"Excel 文件已损坏或格式不受支持，无法读取：{path.name}", path, err) from err
    formulas = _formula_cells(path) if _has_formulas(path) else {}
    source = form_reader.Source(path.name)
    try:
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                found = _read_meta(ws)
                if found is not None:
                    source.meta = found
                    continue
            reads = form_reader.read_grid(_grid(ws))
            lost = formulas.get(ws.title, [])
            for n, read in enumerate(reads, 1):
                where = f"文件 {path.name}，工作表「{ws.title}」"
                if len(reads) > 1:
                    where += f"第 {n} 张表"
                if n == 1 and lost:
                    read.problems.append(
                        f"单元格 {'、'.join(lost[:5])}{' 等' if len(lost) > 5 else ''} 是公式，"
                        "但文件中没有保存计算结果；请在 Excel/WPS 中打开并保存后再导入"
                    )
                source.forms.append((read, where, ws.title))
    finally:
        wb.close()
    return source


def _has_formulas(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as f:
                    tail = b""
                    while chunk := f.read(1 << 20):
                        if re.search(rb"<(?:\w+:)?f[\s>]", tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _formula_cells(path: Path) -> dict[str, list[str]]:
    """Sheet -> cells holding a formula with no saved result."""
    import openpyxl

    try:
        wb_f = openpyxl.load_workbook(path, data_only=False, keep_links=False)
        wb_v = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001
        return {}
    out: dict[str, list[str]] = {}
    for ws in wb_f.worksheets:
        values = wb_v[ws.title]._cells
        for (r, c), cell in ws._cells.items():
            if cell.data_type == "f":
                v = values.get((r, c))
                if v is None or v.value is None:
                    out.setdefault(ws.title, []).append(cell.coordinate)
    return out


def read_file(path: str | Path) -> DepartmentFile:
    """A department file from one workbook; a ``PerfdeskError`` listing what cannot be read."""
    return form_reader.assemble([read_workbook(path)])
