"""I — 绩效指标: the indicator table."""

from __future__ import annotations

import re
from functools import lru_cache

from ..calc import canonical_level1, unit_family
from .base import ERROR, HINT, WARNING, Context, Finding, check

_NAME_UNIT = re.compile(r"[（(]([^（()）]{1,6})[)）]\s*$")
_PLACEHOLDER = re.compile(
    r"^(\*+|[xX×]{2,}|指标\s*\d+\s*[:：]?|[….。·]{2,}|…|[（(]?\s*主要填写.*)$", re.S
)
# The template's own instructions left in a cell: ``对照年度目标，说明…（100字以内）`` (Sichuan).
_INSTRUCTION = re.compile(r"[（(]\s*\d+\s*字(?:以内|左右)\s*[)）][。.]?$")
_SATISFACTION = "满意"


def _rows(ctx: Context):
    """Rows with something in them, with their model row."""
    indicators = ctx.form.indicators
    for row in ctx.calc.rows:
        if not row.empty:
            yield row, indicators[row.index]


@check(
    "I01", ERROR, "二级指标不属于所在一级指标",
    "二级指标「{level2}」不属于「{level1}」{owner_hint}。",
)
def i01_level2_parent(ctx: Context):
    allowed = ctx.layout.allowed_level2()
    level1 = ""
    for i, ind in enumerate(ctx.form.indicators):
        if ind.level1.strip():
            level1 = canonical_level1(ind.level1)
        level2 = "".join(ind.level2.split())  # blanks inside a name are line-wrap
        if level2 and level1 in allowed and level2 not in allowed[level1]:
            owner = next((k for k, v in allowed.items() if level2 in v), "")
            yield Finding(
                "I01", (f"indicators[{i}].level2",), {"level2": level2, "level1": level1, "owner": owner}
            )


@check(
    "I02", WARNING, "缺少一级指标",
    "绩效指标表中没有「{level1}」的指标。",
)
def i02_missing_level1(ctx: Context):
    if not ctx.form.indicators:
        return
    for name in ctx.layout.level1_names():
        if name not in ctx.calc.groups:
            yield Finding("I02", ("indicators",), {"level1": name})


@check(
    "I03", WARNING, "预期指标值为空或无法识别",
    "指标「{name}」的预期指标值{problem}，无法据此评分。",
)
def i03_target_unreadable(ctx: Context):
    for row, ind in _rows(ctx):
        if row.index == ctx.calc.exec_row:
            continue
        if not ind.target.strip() or row.target.kind == "unreadable":
            yield Finding("I03", (f"indicators[{row.index}].target",), {"typed": ind.target, "name": ind.level3})


@lru_cache(maxsize=4096)
def _unit_in_name(name: str) -> str:
    """The unit an indicator's name ends with: ``日常检查企业数（家）`` -> ``家``."""
    m = _NAME_UNIT.search(name)
    named = m.group(1).strip() if m else ""
    return named if named in _KNOWN_UNITS else ""


@check(
    "I04", WARNING, "指标值与指标名称的单位不一致",
    "指标「{name}」的单位不一致：{units}。",
)
def i04_units(ctx: Context):
    for row, ind in _rows(ctx):
        units = {
            "named": _unit_in_name(ind.level3),
            "target": row.target.unit if row.target.kind == "number" else "",
            "actual": row.actual.unit if row.actual.kind == "number" else "",
        }
        families = {unit_family(u) for u in units.values() if u}
        if len(families) > 1:
            fields = {"named": "level3", "target": "target", "actual": "actual"}
            cells = [f"indicators[{row.index}].{fields[k]}" for k, u in units.items() if u]
            yield Finding("I04", tuple(cells), {"name": ind.level3, **units})


_KNOWN_UNITS = {"%", "％", "人", "人次", "家", "个", "次", "件", "册", "元", "万元", "户", "天", "项", "场", "所", "台", "套"}


@check(
    "I05", HINT, "实际完成值超出目标20%以上",
    "指标「{name}」实际完成 {actual}，为目标 {target} 的 {ratio:.2f}%，目标可能定得偏低。",
)
def i05_target_low(ctx: Context):
    for row, ind in _rows(ctx):
        t, a = row.target, row.actual
        if not row.quantitative or a.kind != "number" or t.op not in ("", ">=", ">", "="):
            continue
        if unit_family(t.unit) == "%" or t.value <= 0 or row.met is not True:
            continue
        if a.value > t.value * 1.2:
            yield Finding(
                "I05",
                (f"indicators[{row.index}].target", f"indicators[{row.index}].actual"),
                {"name": ind.level3, "target": ind.target, "actual": ind.actual,
                 "ratio": a.value / t.value * 100},
            )


@check(
    "I06", HINT, "满意度目标为100%或以上",
    "满意度指标「{name}」的目标为 {typed}，满意度目标一般不宜定为 100% 或以上。",
)
def i06_satisfaction_100(ctx: Context):
    for row, ind in _rows(ctx):
        satisfaction = row.level1 == "满意度指标" or _SATISFACTION in ind.level3
        t = row.target
        if satisfaction and t.kind == "number" and unit_family(t.unit) == "%" and t.value >= 100:
            yield Finding("I06", (f"indicators[{row.index}].target",), {"typed": ind.target, "name": ind.level3})


@check(
    "I07", WARNING, "实际完成值为空",
    "指标「{name}」已填预期指标值，实际完成值却为空。",
)
def i07_actual_blank(ctx: Context):
    for row, ind in _rows(ctx):
        if ind.target.strip() and not ind.actual.strip():
            yield Finding("I07", (f"indicators[{row.index}].actual",), {"name": ind.level3})


@check(
    "I08", WARNING, "成本指标设了下限而非上限",
    "成本指标「{name}」的目标 {typed} 是下限（≥/＞），成本指标应设上限（≤/＜）。",
)
def i08_cost_floor(ctx: Context):
    for row, ind in _rows(ctx):
        if row.level2 == "成本指标" and row.target.kind == "number" and row.target.op in (">=", ">"):
            yield Finding("I08", (f"indicators[{row.index}].target",), {"typed": ind.target, "name": ind.level3})


@check(
    "I09", WARNING, "单元格中留有模板说明或占位符",
    "{cell}中是模板说明或占位符「{short}」，请填写实际内容。",
)
def i09_placeholder(ctx: Context):
    form = ctx.form
    cells = [("project", form.project), ("problems", form.problems)]
    for i, g in enumerate(form.goals):
        cells += [(f"goals[{i}].target", g.target), (f"goals[{i}].result", g.result)]
    for address, text in cells:
        if _is_placeholder(text):
            yield Finding("I09", (address,), {"typed": text.strip()})
    for i, ind in enumerate(form.indicators):
        for key in ("level3", "target", "actual"):
            text = getattr(ind, key)
            if _is_placeholder(text):
                yield Finding("I09", (f"indicators[{i}].{key}",), {"typed": text.strip()})


_PLACEHOLDER_START = frozenset("*xX×指主(（….。·")


def _is_placeholder(text: str) -> bool:
    t = text.strip()
    if not t:
        return False
    if t[0] in _PLACEHOLDER_START and _PLACEHOLDER.match(t):
        return True
    return bool(_INSTRUCTION.search(t))


@i01_level2_parent.phrase
def _i01_words(a, label):
    return {"owner_hint": f"，应放在「{a['owner']}」下" if a.get("owner") else ""}


@i03_target_unreadable.phrase
def _i03_words(a, label):
    return {"problem": f"「{a['typed']}」无法识别" if a["typed"].strip() else "为空"}


@i04_units.phrase
def _i04_words(a, label):
    parts = {"named": "名称", "target": "目标", "actual": "实际"}
    return {"units": "，".join(f"{parts[k]}为「{a[k]}」" for k in parts if a.get(k))}


@i09_placeholder.phrase
def _i09_words(a, label):
    t = a["typed"]
    return {"short": t if len(t) <= 20 else t[:20] + "…"}
