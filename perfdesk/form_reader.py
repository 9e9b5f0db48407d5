"""Reading filled forms out of a grid of cells, by their printed labels.

Excel sheets (``excel``) and Word documents (``word``) are both turned into a
``Grid``: the non-empty cells (a merged range is one cell, holding its text
once, in its top row) with their row and column span.  ``read_grid`` finds
every form in a grid and reads it into a ``Form``, never by fixed cell
addresses, so forms typed by other offices read the same as ours: extra blank
rows and columns, a title or an instructions block above, the definition
column or not, merged cells anywhere, layout A or B.

How a field is found
--------------------

Texts are compared as *keys*: blanks removed, full-width brackets and colons
made ASCII, a trailing colon, a leading section number (``一、``, ``（二）``)
and a trailing bracketed unit or letter (``（万元）``, ``（A）``, ``(B/A)``)
dropped.  A label matches when its key equals one of the label's printed
spellings (``LABELS``, ``SECTIONS``); nothing is matched by "contains",
except ``存在问题`` (the section 五 heading comes in many wordings).

- *label and value* (项目名称, 实施预算单位, 总分, 填报人 …): the value is the
  text after the label, up to the next label in the row.  Label and value may
  share one cell (``填报人：张三``, ``填报部门：组织处    金额单位：万元``); a
  label inside a cell must follow blanks and be followed by a colon, a blank or
  (for 联系电话) a digit.
- *tables* (预算执行情况, 目标完成情况, the indicator table): a header row gives
  the columns; a column runs from its header's first column to the column
  before the next header, so a value need not sit under the header's exact
  cell.  A cell belongs to the column its first column falls in: a cell merged
  across 三级指标 and 指标解释 is the 三级指标 and leaves the 指标解释 blank.
- layout A's money block has a header per column group (预算安排情况 …) with
  row labels inside each group (预算数：/其中：财政资金/其他); layout B's has
  column headers (年初预算数 … 执行率 …) and row labels on the left
  (年度资金总额/其中：当年财政拨款/上年结转资金/其他资金).  The form's layout
  is the money block's.

Values come back exactly as the cell holds them; a value put together from
several cells (or cut out of a cell after a label) is trimmed of blanks.  A
cell inside the form that belongs to no field is reported, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .calc import canonical_level1
from .errors import PerfdeskError
from .model import DepartmentFile, Explanation, Form, Goal, Indicator, Settings

BIG = 10**9


@dataclass(eq=False, slots=True)
class Region:
    """One cell (or merged range) holding text."""

    row: int
    col: int
    last_row: int
    last_col: int
    text: str
    ref: str  # where it is, for messages: "B7" or "表格 1 第 3 行第 2 列"


class Grid:
    """The non-empty cells of one sheet or document, by the row they start in."""

    def __init__(self, regions: Iterable[Region]):
        self.by_row: dict[int, list[Region]] = {}
        for reg in regions:
            if reg.text.strip():
                self.by_row.setdefault(reg.row, []).append(reg)
        for cells in self.by_row.values():
            cells.sort(key=lambda r: r.col)
        self.rows = sorted(self.by_row)

    def cells(self, row: int) -> list[Region]:
        return self.by_row.get(row, [])


@dataclass
class FormRead:
    """One form read from a grid, with what could not be read."""

    form: Form
    problems: list[str] = field(default_factory=list)
    year: str = ""
    money_unit: str = ""
    title: str = ""


# ---- keys and labels ----------------------------------------------------------

_FULL = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "（": "(", "）": ")", "：": ":", "／": "/", "【": "(", "】": ")", "［": "(", "］": ")",
        "﹕": ":", "∶": ":",
    }
)
_BLANKS = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十0-9]+\)[、.]?|[0-9]+[、.．](?![0-9]))")
_UNIT_SUFFIX = re.compile(r"\((?:[A-Za-z]{1,2}(?:[/÷][A-Za-z]{1,2})?|[万千亿]?元|%|分|调整后)\)$")


def key(text: str) -> str:
    """A cell's text normalised for comparing with labels."""
    k = _BLANKS.sub("", text.translate(_FULL)).rstrip(":")
    k = _NUMBERING.sub("", k)
    for _ in range(2):
        k = _UNIT_SUFFIX.sub("", k)
    return k.rstrip(":")


# Label -> its printed spellings (keys).
LABELS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称",),
    "unit": ("实施预算单位", "实施单位", "预算单位", "项目实施单位", "预算执行单位", "实施预算部门"),
    "authority": ("主管部门", "主管单位", "项目主管部门"),
    "department": ("填报部门", "填报单位"),
    "money_unit": ("金额单位", "单位"),
    "filler": ("填报人", "填表人", "经办人"),
    "phone": ("联系电话", "电话", "联系方式"),
    "head": ("单位负责人",),
    "finance_head": ("财务负责人",),
    "date": ("填报日期", "填表日期"),
    "total": ("总分", "自评总分", "合计得分", "总得分"),
    "grade": ("评价等级", "自评等级", "绩效等级", "等级"),
}
# Layout A money: one header per column group.
A_GROUPS = {
    "budget_initial": ("年初预算安排情况", "年初预算情况", "年初预算"),
    "budget": ("预算安排情况", "预算安排情况(调整后)", "预算安排"),
    "arrived": ("资金到位情况", "到位情况"),
    "executed": ("资金执行情况",),
    "progress": ("预算执行进度", "执行进度"),
}
# Layout B money: one header per column.
B_COLUMNS = {
    "budget_initial": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "调整后预算数", "预算数"),
    "arrived": ("全年到位数", "到位数", "资金到位数"),
    "executed": ("全年执行数", "执行数", "全年实际支出数", "实际支出数"),
    "points": ("分值",),
    "progress": ("执行率", "预算执行率"),
    "score": ("得分",),
}
# Money row labels, after a leading 其中 is dropped.
MONEY_ROWS = {
    "total": ("预算数", "到位数", "执行数", "年初预算数", "全年预算数", "全年执行数", "合计", "小计",
              "资金总额", "年度资金总额", "总额"),
    "fiscal": ("财政资金", "财政拨款", "当年财政拨款", "财政性资金", "本级财政资金"),
    "carryover": ("上年结转", "上年结转资金", "结转资金", "上年结余"),
    "other": ("其他", "其他资金"),
}
GOAL_COLUMNS = {
    "target": ("年度预期目标", "预期目标", "年度目标", "年度绩效目标"),
    "result": ("具体完成情况", "实际完成情况", "完成情况", "目标完成情况说明"),
    "completion": ("总体完成率", "完成率"),
}
INDICATOR_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标",),
    "definition": ("指标解释", "指标定义", "指标说明", "指标内容", "指标内涵"),
    "target": ("预期指标值", "年度指标值", "指标值", "目标值", "预期值", "年度目标值"),
    "actual": ("实际完成值", "实际值", "完成值", "全年实际值", "实际完成情况"),
    "points": ("分值", "权重", "标准分值"),
    "score": ("自评得分", "得分"),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "原因分析及改进措施",
                  "偏差原因及改进措施"),
}
SECTIONS = (
    "基本情况", "预算执行情况", "目标完成情况", "年度绩效指标完成情况", "绩效指标完成情况", "绩效指标",
    "年度总体目标", "项目资金", "项目资金情况", "其中", "部门预算项目绩效自评表", "项目支出绩效自评表",
    "项目绩效自评表",
)
_PROBLEMS = "存在问题"
_SECTION_KEYS = frozenset(SECTIONS)

# Every label key, to tell a label cell from a value cell.
_ALL_KEYS: dict[str, str] = {}
for _table in (LABELS, A_GROUPS, B_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS):
    for _name, _spellings in _table.items():
        for _s in _spellings:
            _ALL_KEYS.setdefault(_s, _name)


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {s: name for name, spellings in table.items() for s in spellings}


_LABEL_OF = _lookup(LABELS)
_A_GROUP_OF = _lookup(A_GROUPS)
_B_COLUMN_OF = _lookup(B_COLUMNS)
_MONEY_ROW_OF = _lookup(MONEY_ROWS)
_GOAL_OF = _lookup(GOAL_COLUMNS)
_INDICATOR_OF = _lookup(INDICATOR_COLUMNS)


def _money_row(text: str) -> str | None:
    k = key(text)
    if k.startswith("其中"):
        k = k[2:].lstrip(":")
    return _MONEY_ROW_OF.get(k)


def _a_group(text: str) -> str | None:
    k = key(text)
    if k in _A_GROUP_OF:
        return _A_GROUP_OF[k]
    if k.startswith("预算安排情况"):
        return "budget"
    if k.startswith("年初预算安排"):
        return "budget_initial"
    return None


def _deviation_header(k: str) -> bool:
    return k.startswith("偏差原因") or k in INDICATOR_COLUMNS["deviation"]


def _indicator_column(text: str) -> str | None:
    k = key(text)
    if k in _INDICATOR_OF:
        return _INDICATOR_OF[k]
    return "deviation" if _deviation_header(k) else None


def _is_problems_label(text: str) -> bool:
    k = key(text)
    return k.startswith(_PROBLEMS) and len(k) <= 40


def is_label(text: str) -> bool:
    """Is this cell's text a printed label (or a section heading, or a form title)?"""
    k = key(text)
    if not k:
        return False
    if k in _ALL_KEYS or k in _SECTION_KEYS or _money_row(text) or _a_group(text):
        return True
    return _deviation_header(k) or _is_problems_label(text) or k.endswith("绩效自评表")


# ---- inline labels ------------------------------------------------------------


def _inline_pattern(names: Iterable[str]) -> re.Pattern:
    spellings = sorted({s for n in names for s in LABELS[n]}, key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, s)) for s in spellings)
    return re.compile(rf"(?P<label>{alts})\s*(?P<colon>[:：]\s*)?")


_INLINE: dict[frozenset, re.Pattern] = {}


def _label_name(text: str) -> str | None:
    return _LABEL_OF.get(_BLANKS.sub("", text))


def _pattern(names: frozenset[str]) -> re.Pattern:
    pattern = _INLINE.get(names)
    if pattern is None:
        pattern = _INLINE[names] = _inline_pattern(names)
    return pattern


def _tokens(cells: list[Region], names: frozenset[str]):
    """The row as a sequence of ("label", name, region), ("stop", None, region) and
    ("text", text, region, whole)."""
    pattern = _pattern(names)
    out = []
    for reg in cells:
        k = key(reg.text)
        name = _LABEL_OF.get(k)
        if name in names:
            out.append(("label", name, reg))
            continue
        if name is not None or is_label(reg.text):
            out.append(("stop", None, reg))
            continue
        text, pos, found = reg.text, 0, False
        for m in pattern.finditer(text):
            name = _label_name(m["label"])
            after = text[m.end():]
            preceded = not text[: m.start()].strip() or text[m.start() - 1].isspace()
            followed = bool(m["colon"]) or not after or m.group(0)[-1].isspace() or (
                name == "phone" and after[:1].isdigit()
            )
            if not (preceded and followed):
                continue
            piece = text[pos: m.start()]
            if piece.strip():
                out.append(("text", piece, reg, False))
            out.append(("label", name, reg))
            pos, found = m.end(), True
        if not found:
            out.append(("text", text, reg, True))
        elif text[pos:].strip():
            out.append(("text", text[pos:], reg, False))
    return out


_TAIL_NAMES = frozenset(("filler", "phone", "total", "grade"))


def _join(pieces: list[tuple[str, bool]], sep: str = "") -> str:
    if len(pieces) == 1 and pieces[0][1]:
        return pieces[0][0]
    return sep.join(p.strip() for p, _ in pieces if p.strip())


def _values(text: str) -> str:
    return text if text.strip() else ""


# ---- one form -------------------------------------------------------------------


class _Reader:
    def __init__(self, grid: Grid, rows: list[int], header_rows: list[int]):
        self.grid = grid
        self.rows = rows  # body rows, from the 项目名称 row (or the first form row)
        self.header_rows = header_rows
        self.used: set[int] = set()  # id() of regions read as a label or a value
        self.problems: list[str] = []
        self.last_used_row = rows[0] if rows else 0
        self.b_exec: dict[str, str] = {}  # layout B money block: 分值 and 得分 of 执行率
        self.score_span: tuple[int, int] | None = None  # the indicator table's 得分 column

    # -- helpers
    def use(self, *regions: Region) -> None:
        for reg in regions:
            self.used.add(id(reg))
            self.last_used_row = max(self.last_used_row, reg.row)

    def cells(self, row: int) -> list[Region]:
        return self.grid.cells(row)

    def pairs(self, row: int, names: Iterable[str]) -> dict[str, str]:
        names = frozenset(names)
        values: dict[str, list] = {}
        current = None
        for tok in _tokens(self.cells(row), names):
            if tok[0] == "label":
                current = tok[1]
                values.setdefault(current, [])
                self.use(tok[2])
            elif tok[0] == "stop":
                current = None
            elif current is not None:
                values[current].append((tok[1], tok[3]))
                self.use(tok[2])
        return {name: _join(pieces) for name, pieces in values.items()}

    def find_row(self, start: int, test) -> int | None:
        for i in range(start, len(self.rows)):
            if test(self.cells(self.rows[i])):
                return i
        return None

    @staticmethod
    def columns(cells: list[Region], which) -> list[tuple[str, Region]]:
        found, seen = [], set()
        for reg in cells:
            name = which(reg.text)
            if name is not None and name not in seen:
                found.append((name, reg))
                seen.add(name)
        return found

    @staticmethod
    def spans(headers: list[tuple[str, Region]], open_end: bool) -> list[tuple[str, int, int]]:
        headers = sorted(headers, key=lambda h: h[1].col)
        out = []
        for i, (name, reg) in enumerate(headers):
            if i + 1 < len(headers):
                end = max(headers[i + 1][1].col - 1, reg.col)
            else:
                end = BIG if open_end else reg.last_col
            out.append((name, reg.col, end))
        return out

    @staticmethod
    def in_span(cells: list[Region], lo: int, hi: int) -> list[Region]:
        return [c for c in cells if lo <= c.col <= hi]

    # -- the form
    def read(self) -> FormRead:
        form = Form()
        out = FormRead(form)
        self.read_header(out)
        i_money = self.read_basic(form)
        i_goals = self.read_money(form, out, i_money)
        i_table = self.read_goals(form, i_goals)
        i_after = self.read_indicators(form, out, i_table)
        self.read_tail(form, i_after)
        self.report_leftovers()
        out.problems = self.problems
        return out

    def read_header(self, out: FormRead) -> None:
        for row in self.header_rows:
            for reg in self.cells(row):
                text = reg.text
                if not out.title and "自评表" in text:
                    out.title = _BLANKS.sub("", text)
                if not out.year:
                    m = re.search(r"((?:19|20)[0-9]{2})\s*年", text.translate(_FULL))
                    if m:
                        out.year = m.group(1)
            found = self.pairs(row, ("department", "money_unit"))
            if found.get("department") and not out.form.department:
                out.form.department = found["department"]
            if found.get("money_unit") and not out.money_unit:
                out.money_unit = found["money_unit"]

    def read_basic(self, form: Form) -> int:
        """项目名称, 实施单位, 主管部门: label/value pairs up to the money block."""
        names = ("project", "unit", "authority", "department")
        i = 0
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if self.columns(cells, _a_group) or self._b_header(cells):
                break
            if i > 0 and any(_money_row(c.text) for c in cells):
                break
            found = self.pairs(self.rows[i], names)
            for name in ("project", "unit", "authority"):
                if found.get(name) and not getattr(form, name):
                    setattr(form, name, found[name])
            if found.get("department") and not form.department:
                form.department = found["department"]
            i += 1
        return i

    def _b_header(self, cells: list[Region]) -> list[tuple[str, Region]]:
        cols = self.columns(cells, lambda t: _B_COLUMN_OF.get(key(t)))
        names = {n for n, _ in cols}
        if len(cols) >= 3 and "budget" in names and "executed" in names:
            return cols
        if len(cols) >= 2 and names & {"budget_initial"} and names & {"budget", "executed"}:
            return cols
        return []

    def read_money(self, form: Form, out: FormRead, start: int) -> int:
        if start >= len(self.rows):
            self.problems.append("找不到「预算执行情况」（预算数、执行数）")
            return start
        cells = self.cells(self.rows[start])
        groups = self.columns(cells, _a_group)
        if len(groups) >= 2:
            form.layout = "A"
            return self._money_a(form, start, groups)
        b_cols = self._b_header(cells)
        if b_cols:
            form.layout = "B"
            return self._money_b(form, out, start, b_cols)
        self.problems.append("找不到「预算执行情况」（预算数、执行数）")
        return start

    def _money_a(self, form: Form, start: int, groups) -> int:
        self.use(*(reg for _, reg in groups))
        spans = self.spans(groups, open_end=True)
        i = start + 1
        first = True
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            labelled = []
            for name, lo, hi in spans:
                if name == "progress":
                    continue
                span_cells = self.in_span(cells, lo, hi)
                label = next((c for c in span_cells if _money_row(c.text)), None)
                labelled.append((name, span_cells, label))
            row_part = next((_money_row(lab.text) for _, _, lab in labelled if lab), None)
            if row_part is None:
                break
            for name, span_cells, label in labelled:
                part = _money_row(label.text) if label is not None else row_part
                if label is not None:
                    self.use(label)
                values = [c for c in span_cells if c is not label and c.col >= (label.col if label else 0)]
                self.use(*values)
                setattr(getattr(form.money, name), part, _join([(c.text, True) for c in values]))
            for name, lo, hi in spans:
                if name == "progress":
                    values = self.in_span(cells, lo, hi)
                    if first:
                        self.use(*values)
                        form.money.progress = _join([(c.text, True) for c in values])
            first = False
            i += 1
        if first:
            self.problems.append("找不到「预算数」所在的行")
        return i

    def _money_b(self, form: Form, out: FormRead, start: int, cols) -> int:
        self.use(*(reg for _, reg in cols))
        header_cells = self.cells(self.rows[start])
        spans = self.spans(cols, open_end=False)
        first_col = spans[0][1]
        for reg in header_cells:
            if reg.col < first_col:
                m = re.search(r"[(（]\s*([万千]?元)\s*[)）]", reg.text)
                if m and not out.money_unit:
                    out.money_unit = m.group(1)
        i = start + 1
        found_total = False
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            zone = [c for c in cells if c.col < first_col]
            label = next((c for c in zone if _money_row(c.text)), None)
            if label is None:
                break
            self.use(label)
            part = _money_row(label.text)
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                text = _join([(c.text, True) for c in values])
                if name in ("budget_initial", "budget", "arrived", "executed"):
                    setattr(getattr(form.money, name), part, text)
                elif part == "total" and not found_total:
                    if name == "progress":
                        form.money.progress = text
                    else:
                        self.b_exec[name] = text
            found_total = found_total or part == "total"
            i += 1
        if i == start + 1:
            self.problems.append("找不到「年度资金总额」所在的行")
        return i

    def read_goals(self, form: Form, start: int) -> int:
        def is_header(cells):
            names = {n for n, _ in self.columns(cells, lambda t: _GOAL_OF.get(key(t)))}
            return {"target", "result"} <= names

        h = self.find_row(start, lambda cells: is_header(cells) or self._indicator_header(cells))
        if h is None or not is_header(self.cells(self.rows[h])):
            return start if h is None else h
        cols = self.columns(self.cells(self.rows[h]), lambda t: _GOAL_OF.get(key(t)))
        self.use(*(reg for _, reg in cols))
        spans = self.spans(cols, open_end=False)
        i = h + 1
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if self._indicator_header(cells) or self._ends_table(cells):
                break
            got = {}
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                got[name] = _join([(c.text, True) for c in values])
            if got.get("completion") and not form.completion:
                form.completion = got["completion"]
            if got.get("target") or got.get("result"):
                form.goals.append(Goal(target=got.get("target", ""), result=got.get("result", "")))
            i += 1
        return i

    def _indicator_header(self, cells) -> list[tuple[str, Region]]:
        cols = self.columns(cells, _indicator_column)
        names = {n for n, _ in cols}
        return cols if {"level1", "level3"} <= names or {"level2", "level3", "target"} <= names else []

    def _ends_table(self, cells) -> bool:
        for reg in cells[:2]:
            k = key(reg.text)
            name = _LABEL_OF.get(k)
            if name in ("total", "grade", "filler", "phone", "head", "finance_head", "date"):
                return True
            if _is_problems_label(reg.text):
                return True
            m = _pattern(_TAIL_NAMES).match(reg.text)
            if m and (m["colon"] or _label_name(m["label"]) == "phone"):
                return True
        return False

    def read_indicators(self, form: Form, out: FormRead, start: int) -> int:
        h = self.find_row(start, self._indicator_header)
        if h is None:
            self.problems.append("找不到绩效指标表的表头（一级指标、二级指标、三级指标…）")
            return start
        cols = self._indicator_header(self.cells(self.rows[h]))
        self.use(*(reg for _, reg in cols))
        names = {n for n, _ in cols}
        missing = [label for name, label in (
            ("target", "预期指标值"), ("actual", "实际完成值"), ("score", "自评得分"),
        ) if name not in names]
        for label in missing:
            self.problems.append(f"绩效指标表中找不到「{label}」一栏")
        spans = self.spans(cols, open_end=False)
        self.score_span = next(((lo, hi) for n, lo, hi in spans if n == "score"), None)
        first_col = spans[0][1]
        i = h + 1
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if self._ends_table(cells) or self._indicator_header(cells):
                break
            ind = Indicator()
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                setattr(ind, name, _join([(c.text, True) for c in values]))
            for c in cells:
                if c.col < first_col and key(c.text) in _SECTION_KEYS:
                    self.use(c)
            if any(getattr(ind, n) for n in names):
                form.indicators.append(ind)
            i += 1
        self._exec_row_from_money(form)
        return i

    def _exec_row_from_money(self, form: Form) -> None:
        """Layout B prints 预算执行率 in the money block (分值/执行率/得分), not as a row."""
        got = self.b_exec
        if not got or not (got.get("points") or got.get("score")):
            return
        for ind in form.indicators:
            if canonical_level1(ind.level1) == "预算执行率" or key(ind.level2) == "预算执行率":
                return
        points = got.get("points", "")
        form.indicators.append(Indicator(
            level1=f"预算执行率（{points.strip()}）" if points.strip() else "预算执行率",
            level2="预算执行率",
            level3="预算执行率",
            actual=form.money.progress,
            points=points,
            score=got.get("score", ""),
        ))

    def read_tail(self, form: Form, start: int) -> None:
        span = self.score_span
        names = ("total", "grade", "filler", "phone", "head", "finance_head", "date")
        i = start
        while i < len(self.rows):
            row = self.rows[i]
            cells = self.cells(row)
            if any(_is_problems_label(c.text) for c in cells):
                i = self._problems(form, i)
                continue
            labels = {_LABEL_OF.get(key(c.text)) for c in cells}
            if span is not None and labels & {"total", "grade"}:
                name = "total" if "total" in labels else "grade"
                in_score = [c for c in self.in_span(cells, *span) if not is_label(c.text)]
                if in_score:
                    self.use(*(c for c in cells if c.col < span[0] or c in in_score))
                    self._set_tail(form, name, _join([(c.text, True) for c in in_score]))
                    i += 1
                    continue
            found = self.pairs(row, names)
            for name, value in found.items():
                self._set_tail(form, name, value)
            i += 1

    _TAIL = {"total": "total_score", "grade": "grade", "filler": "filler", "phone": "phone",
             "head": "head", "finance_head": "finance_head", "date": "date"}

    def _set_tail(self, form: Form, name: str, value: str) -> None:
        attr = self._TAIL[name]
        if value and not getattr(form, attr):
            setattr(form, attr, value)

    def _problems(self, form: Form, i: int) -> int:
        cells = self.cells(self.rows[i])
        label = next(c for c in cells if _is_problems_label(c.text))
        self.use(label)
        after = [c for c in cells if c.col > label.col]
        m = re.search(r"存在问题[^:：\n]{0,30}[:：](.*)$", label.text, re.S)
        pieces = [(m.group(1), False)] if m and m.group(1).strip() else []
        pieces += [(c.text, True) for c in after]
        self.use(*after)
        i += 1
        if not pieces and i < len(self.rows):
            below = self.cells(self.rows[i])
            if below and not any(is_label(c.text) for c in below) and not self._ends_table(below):
                pieces = [(c.text, True) for c in below]
                self.use(*below)
                i += 1
        if pieces and not form.problems:
            form.problems = _join(pieces, "\n")
        return i

    def report_leftovers(self) -> None:
        for row in self.rows:
            if row > self.last_used_row:
                break
            for reg in self.cells(row):
                if id(reg) in self.used or is_label(reg.text):
                    continue
                short = reg.text.strip().replace("\n", " ")
                short = short if len(short) <= 20 else short[:20] + "…"
                self.problems.append(f"{reg.ref}「{short}」不在表中任何一栏之下，无法确定它是什么")


# ---- finding forms in a grid ------------------------------------------------------


def _is_project_row(cells: list[Region]) -> bool:
    for reg in cells:
        k = key(reg.text)
        if k == "项目名称" or re.match(r"\s*项\s*目\s*名\s*称\s*[:：]", reg.text):
            return True
    return False


def _looks_like_form(grid: Grid, rows: list[int]) -> bool:
    found = set()
    for row in rows:
        for reg in grid.cells(row):
            k = key(reg.text)
            if k in ("一级指标", "三级指标"):
                found.add("indicators")
            elif _a_group(reg.text) or k in ("全年预算数", "全年执行数"):
                found.add("money")
            elif k in ("总分", "评价等级"):
                found.add("total")
    return len(found) >= 2


def read_grid(grid: Grid) -> list[FormRead]:
    """Every form in the grid, top to bottom.  A grid with no form gives []."""
    rows = grid.rows
    anchors = [i for i, r in enumerate(rows) if _is_project_row(grid.cells(r))]
    if not anchors:
        if _looks_like_form(grid, rows):
            read = _Reader(grid, rows, []).read()
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
        results.append(_Reader(grid, rows[a: cuts[n]], header).read())
    return results


def _header_top(grid: Grid, rows: list[int], lo: int, hi: int) -> int:
    """The first row of the header block right above the form starting at ``hi``."""
    top = hi
    for i in range(hi - 1, lo - 1, -1):
        cells = grid.cells(rows[i])
        header_like = any(
            "自评表" in c.text or re.search(r"(?:19|20)[0-9]{2}\s*年度", c.text)
            or _LABEL_OF.get(key(c.text)) in ("department", "money_unit")
            or re.match(r"\s*(填\s*报\s*(部\s*门|单\s*位)|金\s*额\s*单\s*位)\s*[:：]", c.text)
            for c in cells
        )
        if not header_like:
            break
        top = i
    return top


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
    t = _BLANKS.sub("", text)
    if not t:
        return ""
    if "万元" in t or t == "万":
        return "万元"
    if "元" in t:
        return "元"
    return t


# ---- many forms from many files -> one department file ----------------------------


class ImportProblems(PerfdeskError):
    """Forms that could not be read whole; ``problems`` lists each, per file, sheet and cell."""

    HEADER = "无法导入，以下内容读不出来（没有保存任何内容）："

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.HEADER + "\n" + "\n".join(self.problems))


@dataclass
class Meta:
    """What our own exports keep beside the forms (never needed to read a form)."""

    department: str | None = None
    year: str | None = None
    money_unit: str | None = None
    settings: Settings | None = None
    forms: dict[str, dict] = field(default_factory=dict)  # sheet name -> extras


@dataclass
class Source:
    """The forms read from one file: (read, where, sheet) each."""

    name: str
    forms: list[tuple[FormRead, str, str]] = field(default_factory=list)
    meta: Meta | None = None


def apply_extras(form: Form, extra: dict) -> None:
    """Restore what our export kept for one form beside the printed cells."""
    for i in extra.get("not_applicable", []):
        if isinstance(i, int) and 0 <= i < len(form.indicators):
            form.indicators[i].not_applicable = True
    for e in extra.get("explanations", []):
        try:
            form.explanations.append(
                Explanation(str(e["code"]), [str(c) for c in e["cells"]], str(e["note"]))
            )
        except (KeyError, TypeError):
            continue


def assemble(sources: list[Source], skipped: list[str] | None = None) -> DepartmentFile:
    """One department file from every form of every source.

    Raises a ``PerfdeskError`` listing every problem, per file, sheet and cell,
    unless every form was read whole: nothing half-read is returned.  Blank
    forms (a template sheet nobody filled) are left out and, if ``skipped`` is
    given, named there.
    """
    problems: list[str] = []
    forms: list[Form] = []
    years: dict[str, list[str]] = {}
    units: dict[str, list[str]] = {}
    departments: list[str] = []
    dfile = DepartmentFile()
    settings_taken = False
    for src in sources:
        meta = src.meta
        if not src.forms:
            problems.append(f"文件 {src.name}：没有找到绩效自评表（找不到「项目名称」）")
            continue
        if meta is not None and meta.settings is not None and not settings_taken:
            dfile.settings, settings_taken = meta.settings, True
        if meta is not None and meta.department is not None:
            departments.append(meta.department)
        for read, where, sheet in src.forms:
            if read.problems:
                problems.extend(f"{where}：{p}" for p in read.problems)
                continue
            if not form_has_content(read.form):
                if skipped is not None:
                    skipped.append(where)
                continue
            year = meta.year if meta is not None and meta.year is not None else read.year
            unit = meta.money_unit if meta is not None and meta.money_unit else normalise_unit(read.money_unit)
            years.setdefault(year, []).append(where)
            if unit:
                units.setdefault(unit, []).append(where)
            if meta is None and read.form.department:
                departments.append(read.form.department)
            if meta is not None and sheet in meta.forms:
                apply_extras(read.form, meta.forms[sheet])
            forms.append(read.form)
    if not forms and not problems:
        names = "、".join(s.name for s in sources)
        problems.append(f"文件 {names}：没有找到填写过的绩效自评表（只有空白表）")
    named_years = {y: w for y, w in years.items() if y}
    if len(named_years) > 1:
        problems.append("各表的年度不一致：" + "；".join(
            f"{y} 年度（{w[0]}{' 等' if len(w) > 1 else ''}）" for y, w in named_years.items()
        ))
    if len(units) > 1:
        problems.append("各表的金额单位不一致：" + "；".join(
            f"{u}（{w[0]}{' 等' if len(w) > 1 else ''}）" for u, w in units.items()
        ))
    if problems:
        raise ImportProblems(problems)
    dfile.year = next(iter(named_years), "") if named_years else next(iter(years), "")
    dfile.money_unit = next(iter(units), "万元")
    if departments:
        dfile.department = max(departments, key=departments.count)
    dfile.forms = forms
    return dfile
