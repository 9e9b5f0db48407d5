"""The labels a reader knows, and how a row of cells splits into labels and values."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..labels import BLANKS, key
from .grid import Region
from .meaning import indicator_column_meaning, money_column_meaning, money_row_meaning

# Label -> its printed spellings (keys).
LABELS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称",),
    "unit": ("实施预算单位", "实施单位", "预算单位", "项目实施单位", "预算执行单位", "实施预算部门"),
    "authority": ("主管部门", "主管单位", "项目主管部门"),
    "department": ("填报部门", "填报单位"),
    "money_unit": ("金额单位", "单位"),
    "filler": ("填报人", "填表人", "经办人"),
    "phone": ("联系电话", "电话", "联系方式"),
    "head": ("单位负责人", "项目负责人"),
    "finance_head": ("财务负责人",),
    "date": ("填报日期", "填表日期"),
    "total": ("总分", "自评总分", "合计得分", "总得分", "合计"),
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
    "executed": ("全年执行数", "执行数", "全年实际支出数", "实际支出数", "预算执行数"),
    "points": ("分值", "权重"),
    "progress": ("执行率", "预算执行率"),
    "score": ("得分",),
    "reason": ("原因", "偏差原因", "未完成原因"),  # Sichuan: why 执行率 < 90 %
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
    "target": ("年度预期目标", "预期目标", "年度目标", "年度绩效目标", "项目年度目标"),
    "result": ("具体完成情况", "实际完成情况", "完成情况", "目标完成情况说明", "年度目标完成情况"),
    "completion": ("总体完成率", "完成率"),
}
INDICATOR_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标",),
    "definition": ("指标解释", "指标定义", "指标说明", "指标内容", "指标内涵"),
    "target": ("预期指标值", "年度指标值", "指标值", "目标值", "预期值", "年度目标值"),
    "actual": ("实际完成值", "实际值", "完成值", "全年实际值", "实际完成情况"),
    # Sichuan splits the target: 指标性质 (≥ = ≤) | 指标值 | 度量单位; the reader joins them.
    "target_sign": ("指标性质",),
    "target_unit": ("度量单位", "计量单位"),
    "points": ("分值", "权重", "标准分值"),
    "score": ("自评得分", "得分"),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "原因分析及改进措施",
                  "偏差原因及改进措施", "未完成原因分析", "未完成原因"),
}
SECTIONS = (
    "基本情况", "预算执行情况", "目标完成情况", "年度绩效指标完成情况", "绩效指标完成情况", "绩效指标",
    "年度总体目标", "项目资金", "项目资金情况", "其中", "部门预算项目绩效自评表", "项目支出绩效自评表",
    "项目绩效自评表", "项目基本情况", "项目年度目标完成情况", "项目实施内容及过程概述",
    "部门预算项目支出绩效自评表",
)
_PROBLEMS = "存在问题"
SECTION_KEYS = set(SECTIONS)  # and every registered layout's section titles
_PROBLEM_KEYS: set[str] = set()  # the layouts' 存在问题 labels

# Every label key, to tell a label cell from a value cell.
_ALL_KEYS: dict[str, str] = {}
for _table in (LABELS, A_GROUPS, B_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS):
    for _name, _spellings in _table.items():
        for _s in _spellings:
            _ALL_KEYS.setdefault(_s, _name)


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {s: name for name, spellings in table.items() for s in spellings}


LABEL_OF = _lookup(LABELS)
A_GROUP_OF = _lookup(A_GROUPS)
B_COLUMN_OF = _lookup(B_COLUMNS)
MONEY_ROW_OF = _lookup(MONEY_ROWS)
GOAL_OF = _lookup(GOAL_COLUMNS)
INDICATOR_OF = _lookup(INDICATOR_COLUMNS)


def _row_key(text: str) -> str:
    k = key(text)
    return k[2:].lstrip(":") if k.startswith("其中") else k


_FIELD_NAMES = {"total_score": "total"}  # a layout field's address -> the reader's name for it
_LEARNT: list = []  # the layouts the tables below were last filled from


def learn_layouts() -> None:
    """Add every registered layout's printed labels and spellings to the tables above."""
    from .. import layouts

    found = list(layouts.LAYOUTS.values())
    if found == _LEARNT:
        return
    _LEARNT[:] = found
    for lay in found:
        for f in (*lay.header, *lay.basic, *lay.extra_fields, *lay.totals, *lay.footer):
            name = _FIELD_NAMES.get(f.address, f.address)
            LABEL_OF.update({key(s): name for s in f.label.keys})
        BASIC_NAMES.update(f.address for f in (*lay.basic, *lay.extra_fields))
        HEADER_NAMES.update(f.address for f in lay.header)
        money = lay.money
        tails = [("progress", money.progress)]
        if money.adjustment is not None:
            tails.append(("adjustment", money.adjustment))
        if money.scored:
            tails += [(c.key, c.label) for c in lay.indicator_columns if c.key in ("points", "score")]
        for name, label in [*((c.key, c.label) for c in money.columns), *tails]:
            B_COLUMN_OF.update({key(s): name for s in label.keys})
        for c in money.columns:
            MONEY_ROW_OF.setdefault(_row_key(c.short), "total")
        for r in money.rows:
            MONEY_ROW_OF.update({_row_key(s): r.key for s in r.label.keys})
        for name, label in (("target", lay.goals.target), ("result", lay.goals.result)):
            GOAL_OF.update({key(s): name for s in label.keys})
        for c in lay.indicator_columns:
            INDICATOR_OF.update({key(s): c.key for s in c.label.keys})
        TITLE_OF[key(lay.title)] = lay.code
        SECTION_KEYS.update(key(t) for t in (lay.title, lay.basic_title, money.title, lay.goals.title,
                                             lay.indicators_title))
        if lay.projects is not None:
            SECTION_KEYS.add(key(lay.projects.title))
        if lay.problems is not None:
            _PROBLEM_KEYS.update(key(s) for s in lay.problems.label.keys)
    for table in (LABEL_OF, B_COLUMN_OF, GOAL_OF, INDICATOR_OF):
        for k, name in table.items():
            _ALL_KEYS.setdefault(k, name)
    _INLINE.clear()


TITLE_OF: dict[str, str] = {}  # a layout's printed title (as a key) -> its code
BASIC_NAMES = {"project", "unit", "authority"}  # the cells a 基本情况 may hold (and the layouts')
HEADER_NAMES = {"department", "money_unit"}  # … and the header under the title


def money_row(text: str) -> str | None:
    k = _row_key(text)
    return MONEY_ROW_OF.get(k) or money_row_meaning(k)


def a_group(text: str) -> str | None:
    k = key(text)
    if k in A_GROUP_OF:
        return A_GROUP_OF[k]
    if k.startswith("预算安排情况"):
        return "budget"
    if k.startswith("年初预算安排"):
        return "budget_initial"
    return None


def _deviation_header(k: str) -> bool:
    return k.startswith("偏差原因") or k in INDICATOR_COLUMNS["deviation"]


def indicator_column(text: str) -> str | None:
    k = key(text)
    if k in INDICATOR_OF:
        return INDICATOR_OF[k]
    return "deviation" if _deviation_header(k) else indicator_column_meaning(k)


def b_column(text: str) -> str | None:
    """A layout-B money column by its head (or what the head means)."""
    k = key(text)
    return B_COLUMN_OF.get(k) or money_column_meaning(k, B_COLUMN_OF)


def is_problems_label(text: str) -> bool:
    k = key(text)
    return (k.startswith(_PROBLEMS) and len(k) <= 40) or k in _PROBLEM_KEYS


def is_label(text: str, titles: bool = True) -> bool:
    """Is this cell's text a printed label (or a section heading, or, with ``titles``, a form
    title)?  Right after a label a title-like text is its value: a clerk types the form's
    title as the 项目名称 (丽江 2020)."""
    k = key(text)
    if not k:
        return False
    if k in _ALL_KEYS or k in SECTION_KEYS or money_row(text) or a_group(text):
        return True
    return _deviation_header(k) or is_problems_label(text) or (titles and k.endswith("绩效自评表"))


# ---- inline labels ------------------------------------------------------------


def _inline_pattern(names: Iterable[str]) -> re.Pattern:
    spellings = sorted({s for s, n in LABEL_OF.items() if n in names}, key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, s)) for s in spellings)
    return re.compile(rf"(?P<label>{alts})\s*(?P<colon>[:：]\s*)?")


_INLINE: dict[frozenset, re.Pattern] = {}


def label_name(text: str) -> str | None:
    return LABEL_OF.get(BLANKS.sub("", text))


def pattern_for(names: frozenset[str]) -> re.Pattern:
    pattern = _INLINE.get(names)
    if pattern is None:
        pattern = _INLINE[names] = _inline_pattern(names)
    return pattern


def tokens(cells: list[Region], names: frozenset[str]):
    """The row as a sequence of ("label", name, region), ("stop", None, region) and
    ("text", text, region, whole)."""
    pattern = pattern_for(names)
    out = []
    for reg in cells:
        k = key(reg.text)
        name = LABEL_OF.get(k)
        if name in names:
            out.append(("label", name, reg))
            continue
        after_label = bool(out) and out[-1][0] == "label"
        if name is not None or is_label(reg.text, titles=not after_label):
            out.append(("stop", None, reg))
            continue
        text, pos, found = reg.text, 0, False
        for m in pattern.finditer(text):
            name = label_name(m["label"])
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


TAIL_NAMES = frozenset(("filler", "phone", "total", "grade"))


def join(pieces: list[tuple[str, bool]], sep: str = "") -> str:
    if len(pieces) == 1 and pieces[0][1]:
        return pieces[0][0]
    return sep.join(p.strip() for p, _ in pieces if p.strip())
