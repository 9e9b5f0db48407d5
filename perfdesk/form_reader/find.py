"""Finding the forms in a grid: each runs from its 项目名称 row to the next form's header."""

from __future__ import annotations

import re

from .. import layouts
from ..labels import BLANKS, key
from ..model import Form
from .grid import FormRead, Grid, Region
from .projects import list_header
from .reader import FormReader
from .vocabulary import LABEL_OF, TITLE_OF, a_group, learn_layouts

# ---- finding forms in a grid ------------------------------------------------------

YEAR_BLANK = re.compile(r"\s*[(（]\s*年\s*度\s*[)）]\s*$")  # a blank form's （    年度）


def _is_project_row(cells: list[Region]) -> bool:
    """A form's 项目名称 row (not the head of a department form's project list: labels only)."""
    if list_header(cells)[0] is not None:
        return False
    for reg in cells:
        k = key(reg.text)
        if k == "项目名称" or re.match(r"\s*项\s*目\s*名\s*称\s*[:：]", reg.text):
            return True
    return False


def _untitled_starts(grid: Grid, rows: list[int]) -> list[int]:
    """Where forms of a layout without 项目名称 (the department form) start: the first row
    after their title's header block."""
    starts = []
    for i, r in enumerate(rows):
        code = next((TITLE_OF[key(c.text)] for c in grid.cells(r) if key(c.text) in TITLE_OF), None)
        if code is None or any(f.address == "project" for f in layouts.get(code).basic):
            continue
        j = i + 1
        while j < len(rows) and _header_like(grid.cells(rows[j])):
            j += 1
        starts.append(j)
    return starts


def _looks_like_form(grid: Grid, rows: list[int]) -> bool:
    found = set()
    for row in rows:
        for reg in grid.cells(row):
            k = key(reg.text)
            if k in ("一级指标", "三级指标"):
                found.add("indicators")
            elif a_group(reg.text) or k in ("全年预算数", "全年执行数"):
                found.add("money")
            elif k in ("总分", "评价等级"):
                found.add("total")
    return len(found) >= 2


def read_grid(grid: Grid) -> list[FormRead]:
    """Every form in the grid, top to bottom.  A grid with no form gives []."""
    learn_layouts()
    rows = grid.rows
    anchors = sorted({i for i, r in enumerate(rows) if _is_project_row(grid.cells(r))}
                     | set(_untitled_starts(grid, rows)))
    if not anchors:
        if _looks_like_form(grid, rows):
            read = FormReader(grid, rows, []).read()
            read.problems.insert(0, "找不到「项目名称」")
            return [read]
        return []
    # A form runs from its 项目名称 row to the header block (title, 年度,
    # 填报部门 …) right above the next form's 项目名称 row.
    cuts = [
        _header_top(grid, rows, a + 1, anchors[n + 1]) if n + 1 < len(anchors) else len(rows)
        for n, a in enumerate(anchors)
    ]
    results = []
    for n, a in enumerate(anchors):
        header = rows[cuts[n - 1] if n else 0: a]
        results.append(FormReader(grid, rows[a: cuts[n]], header).read())
    return results


def _header_top(grid: Grid, rows: list[int], lo: int, hi: int) -> int:
    """The first row of the header block right above the form starting at ``hi``."""
    top = hi
    for i in range(hi - 1, lo - 1, -1):
        if not _header_like(grid.cells(rows[i])):
            break
        top = i
    return top


def _header_like(cells: list[Region]) -> bool:
    """A row of the header block: the title, （YYYY年度）, 填报部门, 金额单位 …"""
    return any(
        "自评表" in c.text or re.search(r"(?:19|20)[0-9]{2}\s*年度", c.text) or YEAR_BLANK.match(c.text)
        or LABEL_OF.get(key(c.text)) in ("department", "money_unit")
        or re.match(r"\s*(填\s*报\s*(部\s*门|单\s*位)|金\s*额\s*单\s*位)\s*[:：]", c.text)
        for c in cells
    )


def form_has_content(form: Form) -> bool:
    """Anything typed beyond the template's printed 一级/二级 names?"""
    if form.project.strip() or form.unit.strip() or form.money.progress.strip():
        return True
    for line in (form.money.budget_initial, form.money.budget, form.money.arrived, form.money.executed):
        if any(getattr(line, p).strip() for p in ("total", "fiscal", "carryover", "other")):
            return True
    if any(g.target.strip() or g.result.strip() for g in form.goals):
        return True
    for ind in form.indicators:
        if any(getattr(ind, n).strip() for n in ("level3", "definition", "target", "actual", "points",
                                                  "score", "deviation")):
            return True
    return bool(form.total_score.strip() or form.grade.strip() or form.problems.strip()
                or form.filler.strip() or form.phone.strip())


def normalise_unit(text: str) -> str:
    """金额单位 as typed -> "万元" / "元" ("" when not said)."""
    t = BLANKS.sub("", text)
    if not t:
        return ""
    if "万元" in t or t == "万":
        return "万元"
    if "元" in t:
        return "元"
    return t
