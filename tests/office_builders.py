"""Filled forms as other offices type them, built straight with openpyxl and python-docx.

Nothing here uses ``perfdesk.excel``: the layouts are written out cell by cell
the way the seed's forms look (layout A, unmerged group headers, 总分 right
after its label, ``填报部门：… 金额单位：万元`` and ``联系电话5776425`` typed in one
cell) and the way the national layout B looks (财预〔2020〕10号: 执行率 with its
分值 and 得分 in the money block, not in the indicator table).

A layout is a list of rows; a row is a list of ``C`` (logical column, text,
column span, row span).  ``place`` maps logical columns to sheet columns, so
a test can shift the form, insert blank spacer columns and blank rows.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from perfdesk.calc import canonical_level1
from perfdesk.excel import merge_runs
from perfdesk.model import DepartmentFile, Form, Indicator, MoneyLine


@dataclass
class C:
    col: int
    text: str
    span: int = 1
    rows: int = 1


@dataclass
class Row:
    cells: list
    block: bool = False  # a block starts here: a blank row may go before it
    outside: bool = False  # printed outside the table (Word: a paragraph)


def _indicator_rows(form: Form, cols: dict[str, tuple[int, int]], merge: bool) -> list[Row]:
    inds = form.indicators
    new_group = [bool(i.level1.strip()) for i in inds]
    runs = {
        "level1": merge_runs([i.level1 for i in inds], [False] * len(inds)) if merge else [1] * len(inds),
        "level2": merge_runs([i.level2 for i in inds], new_group) if merge else [1] * len(inds),
    }
    rows = []
    for k, ind in enumerate(inds):
        cells = []
        for name, (col, span) in cols.items():
            n = runs.get(name, [1] * len(inds))[k]
            if n:
                cells.append(C(col, getattr(ind, name), span, n))
        rows.append(Row(cells))
    return rows


def layout_a(form: Form, year: str, *, definition: bool, merge: bool = True) -> list[Row]:
    """Layout A as in the seed: 8 columns, section column first."""
    m = form.money
    goals = list(form.goals) + [None] * max(0, 3 - len(form.goals))
    rows = [
        Row([C(0, "部门预算项目绩效自评表", 8)], outside=True),
        Row([C(0, f"（    {year}  年度）", 8)], outside=True),
        Row([C(0, f"填报部门：{form.department}        金额单位：万元", 8)], outside=True),
        Row([C(0, "一、 基本情况"), C(1, "项目名称"), C(2, form.project, 3), C(5, "实施预算单位"),
             C(6, form.unit, 2)], block=True),
        Row([C(0, "二、预算执行情况", 1, 4), C(1, "预算安排情况（调整后）"), C(3, "资金到位情况"),
             C(5, "资金执行情况"), C(7, "预算执行进度")], block=True),
        Row([C(1, "预算数："), C(2, m.budget.total), C(3, "到位数：              "),
             C(4, m.arrived.total), C(5, "执行数："), C(6, m.executed.total), C(7, m.progress)]),
        Row([C(1, "其中：财政资金"), C(2, m.budget.fiscal), C(3, "其中：财政资金"),
             C(4, m.arrived.fiscal), C(5, "其中：财政资金      "), C(6, m.executed.fiscal)]),
        Row([C(1, "其他"), C(2, m.budget.other), C(3, "其他"), C(4, m.arrived.other), C(5, "其他"),
             C(6, m.executed.other)]),
        Row([C(0, "三、目标完成情况", 1, len(goals) + 1), C(1, "年度预期目标", 3),
             C(4, "具体完成情况", 3), C(7, "总体完成率")], block=True),
    ]
    for k, g in enumerate(goals):
        cells = [C(1, g.target if g else "", 3), C(4, g.result if g else "", 3)]
        if k == 0:
            cells.append(C(7, form.completion, 1, len(goals)))
        rows.append(Row(cells))
    n = len(form.indicators)
    header = [C(0, "四、 年度绩效指标完成情况", 1, n + 3), C(1, "一级指标"), C(2, "二级指标")]
    cols = {"level1": (1, 1), "level2": (2, 1)}
    if definition:
        header += [C(3, "三级指标"), C(4, "指标解释")]
        cols.update(level3=(3, 1), definition=(4, 1))
    else:
        header += [C(3, "三级指标", 2)]
        cols.update(level3=(3, 2))
    header += [C(5, "预期指标值"), C(6, "实际完成值"), C(7, "自评得分")]
    cols.update(target=(5, 1), actual=(6, 1), score=(7, 1))
    rows.append(Row(header, block=True))
    rows += _indicator_rows(form, cols, merge)
    rows += [
        Row([C(1, "总分"), C(2, form.total_score)]),
        Row([C(1, "评价等级"), C(2, form.grade)]),
        Row([C(0, "五、存在问题、原因及下一步整改措施"), C(1, form.problems, 7)], block=True),
        Row([C(0, f"填报人：{form.filler}", 4), C(4, f"联系电话{form.phone}", 4)], outside=True),
    ]
    return rows


def layout_b(form: Form, year: str) -> list[Row]:
    """The national layout B (财预〔2020〕10号), 10 columns; 执行率 scored in the money block."""
    m = form.money
    exec_row = next((i for i in form.indicators if canonical_level1(i.level1) == "预算执行率"), None)
    others = [i for i in form.indicators if i is not exec_row]
    goals = list(form.goals) or [None]
    rows = [
        Row([C(0, "项目支出绩效自评表", 10)], outside=True),
        Row([C(0, f"（{year}年度）", 10)], outside=True),
        Row([C(0, "项目名称"), C(1, form.project, 9)], block=True),
        Row([C(0, "主管部门"), C(1, form.authority, 4), C(5, "实施单位"), C(6, form.unit, 4)]),
        Row([C(0, "项目资金（万元）", 1, 5), C(3, "年初预算数"), C(4, "全年预算数"),
             C(5, "全年执行数"), C(6, "分值"), C(7, "执行率"), C(8, "得分", 2)], block=True),
    ]
    for part, label in (("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"),
                        ("carryover", "上年结转资金"), ("other", "其他资金")):
        cells = [C(1, label, 2), C(3, getattr(m.budget_initial, part)),
                 C(4, getattr(m.budget, part)), C(5, getattr(m.executed, part))]
        if part == "total":
            cells += [C(6, exec_row.points if exec_row else ""), C(7, m.progress),
                      C(8, exec_row.score if exec_row else "", 2)]
        else:
            cells += [C(6, "—"), C(7, "—"), C(8, "—", 2)]
        rows.append(Row(cells))
    rows.append(Row([C(0, "年度总体目标", 1, len(goals) + 1), C(1, "预期目标", 4),
                     C(5, "实际完成情况", 5)], block=True))
    for g in goals:
        rows.append(Row([C(1, g.target if g else "", 4), C(5, g.result if g else "", 5)]))
    b_form = copy.copy(form)
    b_form.indicators = others
    rows.append(Row([C(0, "绩效指标", 1, len(others) + 1), C(1, "一级指标"), C(2, "二级指标"),
                     C(3, "三级指标"), C(4, "年度指标值"), C(5, "实际完成值"), C(6, "分值"),
                     C(7, "得分"), C(8, "偏差原因分析及改进措施", 2)], block=True))
    cols = {"level1": (1, 1), "level2": (2, 1), "level3": (3, 1), "target": (4, 1),
            "actual": (5, 1), "points": (6, 1), "score": (7, 1), "deviation": (8, 2)}
    rows += _indicator_rows(b_form, cols, merge=True)
    rows += [
        Row([C(0, "总分", 6), C(6, "100"), C(7, form.total_score), C(8, "", 2)]),
        Row([C(0, "评价等级", 7), C(7, form.grade), C(8, "", 2)]),
        Row([C(0, f"填报人：{form.filler}", 5), C(5, f"联系电话：{form.phone}", 5)], outside=True),
    ]
    return rows


def national_b(form: Form) -> Form:
    """A demo form as the national layout B holds it: 年初预算数 = 全年预算数, no 到位数,
    no 填报部门, 总体完成率, 指标解释 or 存在问题, and the 预算执行率 line as the money
    block gives it."""
    f = copy.deepcopy(form)
    f.layout = "B"
    f.authority = "高新区人社局"
    f.money.budget_initial = copy.deepcopy(f.money.budget)
    f.money.arrived = MoneyLine()
    f.completion = ""
    f.problems = ""
    f.department = ""
    for ind in f.indicators:
        ind.definition = ""
    exec_row = next((i for i in f.indicators if canonical_level1(i.level1) == "预算执行率"), None)
    f.indicators = [i for i in f.indicators if i is not exec_row]
    f.indicators.append(Indicator(
        level1="预算执行率（10）", level2="预算执行率", level3="预算执行率",
        actual=f.money.progress, points="10", score=exec_row.score if exec_row else "",
    ))
    return f


# ---- placing rows on a sheet ------------------------------------------------------


def place(rows: list[Row], *, row0: int = 1, col0: int = 1, spacers=(), blank_rows: int = 0):
    """[(row, col, last_row, last_col, text)] in sheet coordinates (1-based).

    ``spacers`` are logical columns before which a blank column is inserted;
    ``blank_rows`` blank rows go before every block.
    """

    def real(c: int) -> int:
        return col0 + c + sum(1 for s in spacers if s <= c)

    out = []
    r = row0
    starts = []
    for row in rows:
        if row.block and blank_rows:
            r += blank_rows
        starts.append(r)
        r += 1
    for i, row in enumerate(rows):
        for c in row.cells:
            last_r = starts[i + c.rows - 1] if c.rows > 1 else starts[i]
            out.append((starts[i], real(c.col), last_r, real(c.col + c.span - 1), c.text))
    return out


_INT = re.compile(r"[1-9][0-9]*|0")
_DEC = re.compile(r"(?:[1-9][0-9]*|0)\.([0-9]+)")
_PCT = re.compile(r"((?:[1-9][0-9]*|0)(?:\.([0-9]+))?)%")


def as_excel(text: str):
    """What a clerk typing into Excel ends up with: numbers for plain figures."""
    if _INT.fullmatch(text):
        return int(text), "General"
    m = _DEC.fullmatch(text)
    if m:
        return float(text), "0." + "0" * len(m.group(1))
    m = _PCT.fullmatch(text)
    if m:
        d = len(m.group(2) or "")
        return float(m.group(1)) / 100, "0" + ("." + "0" * d if d else "") + "%"
    return text, None


def write_sheet(ws, rows: list[Row], *, numbers: bool = True, merge: bool = True, **where) -> None:
    for r, c, lr, lc, text in place(rows, **where):
        cell = ws.cell(r, c)
        value, fmt = as_excel(text) if numbers else (text, None)
        if value == "":
            value = None
        cell.value = value
        if fmt:
            cell.number_format = fmt
        if merge and (lr > r or lc > c):
            ws.merge_cells(start_row=r, start_column=c, end_row=lr, end_column=lc)


INTRO = "关于报送2020年度项目支出绩效自评表的说明：以下各表由各处室填写。"


def write_docx(path, forms_rows: list[list[Row]], *, table_outside: bool = True,
               intro: str = INTRO) -> None:
    """One table per form; rows marked ``outside`` become paragraphs around it
    (or, with ``table_outside=False``, rows of the table too)."""
    import docx

    document = docx.Document()
    if intro:
        document.add_paragraph(intro)
    for n, rows in enumerate(forms_rows):
        if n:
            document.add_page_break()
        body = [r for r in rows if not (table_outside and r.outside)]
        before = [r for r in rows[: rows.index(body[0])] if r.outside] if table_outside else []
        after = [r for r in rows[rows.index(body[-1]) + 1:] if r.outside] if table_outside else []
        for r in before:
            document.add_paragraph(" ".join(c.text for c in r.cells))
        width = max(c.col + c.span for r in body for c in r.cells)
        table = document.add_table(rows=len(body), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(body):
            for c in row.cells:
                cell = table.cell(i, c.col)
                if c.span > 1 or c.rows > 1:
                    cell = cell.merge(table.cell(i + c.rows - 1, c.col + c.span - 1))
                lines = c.text.split("\n")
                cell.text = lines[0]
                for extra in lines[1:]:
                    cell.add_paragraph(extra)
        for r in after:
            document.add_paragraph("    ".join(c.text for c in r.cells))
    document.save(str(path))


def comparable(form: Form) -> dict:
    d = form.to_dict()
    d.pop("uid")
    return d


def same_forms(got: DepartmentFile, want: list[Form]) -> None:
    assert len(got.forms) == len(want)
    for g, w in zip(got.forms, want, strict=True):
        assert comparable(g) == comparable(w), w.project
