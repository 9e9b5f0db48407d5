"""The form's arithmetic, recomputed from the model in one call.

``calculate(form, money_unit)`` reads every typed cell (memoised readers, so
it is cheap enough for every keystroke) and derives 执行率, the 预算执行率
score, rule scores, 一级 subtotals, 总分 and 评价等级.  Nothing here changes
the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import layouts
from .layouts import EXEC_RATE, NATIONAL_TREE, Layout
from .model import Form
from .numbers import Number, Value, parse_weight, read_amount, read_percent, read_score, read_value

LEVEL1_NAMES = tuple(g.name for g in NATIONAL_TREE)
DEFAULT_WEIGHTS = {g.name: g.weight for g in NATIONAL_TREE}
LEVEL2_ALLOWED = {g.name: g.level2 for g in NATIONAL_TREE}
# Qualitative tiers as fractions of 分值.
TIERS = {"达成": (0.8, 1.0), "部分达成": (0.6, 0.8), "未达成": (0.0, 0.6)}
_EPS = 1e-9


def canonical_level1(text: str) -> str:
    """``产出指标（50）`` -> ``产出指标``; unknown names are returned stripped.

    Blanks inside the name are line-wrap (``产 出 指 标``, ``满意度\\n指标``)."""
    name, _ = parse_weight(text)
    name = "".join(name.split())
    for known in LEVEL1_NAMES:
        if known in name:
            return known
    return name


def grade_of(total: float) -> str:
    if total >= 90 - _EPS:
        return "优"
    if total >= 80 - _EPS:
        return "良"
    if total >= 60 - _EPS:
        return "中"
    return "差"


_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "较差": "差", "不合格": "差"}


def normalise_grade(text: str) -> str:
    """The grade a typed 评价等级 means (优/良/中/差), or "" if none."""
    t = text.strip()
    if t in _GRADE_WORDS:
        return _GRADE_WORDS[t]
    return t if t in ("优", "良", "中", "差") else ""


@dataclass(slots=True)
class Group:
    """One 一级指标 and its rows."""

    name: str
    weight_cell: str  # address of the cell that carries the weight ("" if none)
    weight: Number | None  # as typed; None when no weight was typed
    rows: list[int] = field(default_factory=list)
    subtotal: float = 0.0
    row_points: float | None = None  # Σ 分值 of its rows, when every row prints one

    @property
    def printed(self) -> bool:
        """Does the form print this 一级's weight (in its label or as its rows' 分值)?"""
        return self.weight is not None or self.row_points is not None

    @property
    def weight_value(self) -> float:
        if self.weight is not None and self.weight.status == "ok":
            return self.weight.value
        if self.row_points is not None:
            return self.row_points
        return DEFAULT_WEIGHTS.get(self.name, 0.0)


@dataclass(slots=True)
class Row:
    index: int
    level1: str  # canonical, carried down
    level2: str  # carried down
    target: Value
    actual: Value
    points: Number  # 分值
    score: Number  # 自评得分
    rate: Number  # 完成率 as typed (layout C)
    not_applicable: bool
    empty: bool  # nothing typed in 三级指标, target, actual or score
    met: bool | None = None  # was the target met? None when it cannot be told
    suggested: tuple[float, float] | None = None  # rule score range, when one applies

    @property
    def quantitative(self) -> bool:
        return self.target.kind == "number" and self.target.value is not None


@dataclass(slots=True)
class Calculation:
    money_unit: str
    amounts: dict[str, Number]  # money cell address -> reading, for the layout's cells only
    progress: Number  # 预算执行进度 as typed
    adjustment: Number  # 调整率 as typed (layout C)
    execution_rate: float | None  # percent; None when 预算数 is 0 or blank
    rows: list[Row]
    groups: dict[str, Group]
    exec_row: int | None  # index of the 预算执行率 row
    exec_weight: float
    exec_score: float | None  # weight × min(执行率, 1)
    score_sum: float  # Σ readable 自评得分 of applicable rows
    total: float  # score_sum, rescaled to 100 when rows are 不适用
    typed_total: Number
    grade: str  # the grade of the computed ``total``

    def amount(self, address: str) -> float | None:
        """The amount in a money cell; None when blank, unreadable or not on the layout."""
        n = self.amounts.get(address)
        return n.value if n is not None and n.status == "ok" else None


def calculate(form: Form, money_unit: str = "万元") -> Calculation:
    layout = layouts.get(form.layout)
    amounts = _read_money(form, layout, money_unit)
    budget = amounts.get("money.budget.total")
    executed = amounts.get("money.executed.total")
    rate = None
    if budget and executed and budget.status == "ok" and budget.value > 0 and executed.status == "ok":
        rate = executed.value / budget.value * 100

    rows, groups = _read_indicators(form)
    exec_row = _exec_row(rows, form, bool(layout.tree))
    exec_weight = _exec_weight(groups.get(EXEC_RATE), rows[exec_row] if exec_row is not None else None)
    exec_score = exec_weight * min(rate / 100, 1.0) if rate is not None else None
    for row in rows:
        if row.index == exec_row:
            # The 预算执行率 row is judged by 执行率 itself (S01/S02), not as a target.
            if exec_score is not None:
                row.suggested = (exec_score, exec_score)
        else:
            _judge(row)

    score_sum = 0.0
    na_points = 0.0
    for row in rows:
        if row.not_applicable:
            na_points += _share(row, groups[row.level1])
            continue
        if row.score.status == "ok":
            score_sum += row.score.value
            groups[row.level1].subtotal += row.score.value
    total = score_sum * 100 / (100 - na_points) if 0 < na_points < 100 else score_sum

    typed_total = read_score(form.total_score)
    return Calculation(
        money_unit=money_unit,
        amounts=amounts,
        progress=read_percent(form.money.progress),
        adjustment=read_percent(form.money.adjustment),
        execution_rate=rate,
        rows=rows,
        groups=groups,
        exec_row=exec_row,
        exec_weight=exec_weight,
        exec_score=exec_score,
        score_sum=score_sum,
        total=total,
        typed_total=typed_total,
        grade=grade_of(total),
    )


def _exec_row(rows: list[Row], form: Form, has_tree: bool) -> int | None:
    """The 预算执行率 row: its 一级, or (on a form without 一级) its name."""
    for r in rows:
        if r.level1 == EXEC_RATE or (not has_tree and form.indicators[r.index].level3.strip() == EXEC_RATE):
            return r.index
    return None


def _exec_weight(group: Group | None, row: Row | None) -> float:
    """The 预算执行率 weight: as its 一级 prints it, else its row's 分值, else the default."""
    if group is not None and group.weight is not None and group.weight.status == "ok":
        return group.weight.value
    if row is not None and row.points.status == "ok":
        return row.points.value
    return DEFAULT_WEIGHTS[EXEC_RATE]


def _share(row: Row, group: Group) -> float:
    """The points a row is worth: its 分值, else an equal part of its 一级 weight."""
    if row.points.status == "ok":
        return row.points.value
    return group.weight_value / len(group.rows)


def _read_money(form: Form, layout: Layout, unit: str) -> dict[str, Number]:
    amounts = {}
    for column in layout.money.columns:
        line = getattr(form.money, column.key)
        for row in layout.money.rows:
            amounts[f"money.{column.key}.{row.key}"] = read_amount(getattr(line, row.key), unit)
    return amounts


def _read_indicators(form: Form) -> tuple[list[Row], dict[str, Group]]:
    rows: list[Row] = []
    groups: dict[str, Group] = {}
    level1 = level2 = ""
    for i, ind in enumerate(form.indicators):
        if ind.level1.strip():
            level1 = _level1_name(ind, len(groups) + 1)
            level2 = ""
            _, weight = parse_weight(ind.level1)
            group = groups.get(level1)
            if group is None:
                group = groups[level1] = Group(level1, "", None)
            if weight.status != "blank" and group.weight is None:
                group.weight = weight
                group.weight_cell = f"indicators[{i}].level1"
        elif level1 not in groups:
            groups[level1] = Group(level1, "", None)
        if ind.level2.strip():
            level2 = ind.level2.strip()
        groups[level1].rows.append(i)
        rows.append(
            Row(
                index=i,
                level1=level1,
                level2=level2,
                target=read_value(ind.target),
                actual=read_value(ind.actual),
                points=read_score(ind.points),
                score=read_score(ind.score),
                rate=read_percent(ind.rate),
                not_applicable=ind.not_applicable,
                empty=not (ind.level3.strip() or ind.target.strip() or ind.actual.strip()
                           or ind.score.strip()),
            )
        )
    _sum_row_points(rows, groups)
    return rows, groups


def _sum_row_points(rows: list[Row], groups: dict[str, Group]) -> None:
    """A 一级 with no weight of its own weighs what its rows' 分值 add up to."""
    for group in groups.values():
        filled = [rows[i] for i in group.rows if not rows[i].empty]
        if filled and all(r.points.status == "ok" for r in filled):
            group.row_points = sum(r.points.value for r in filled)


def _level1_name(ind, n: int) -> str:
    """The 一级 a row opens: its name, or (a cell printing only ``（50分）``) the owner of its
    二级, or else a name of its own, so unnamed blocks are kept apart."""
    name = canonical_level1(ind.level1)
    if name:
        return name
    level2 = "".join(ind.level2.split())
    owner = next((k for k, v in LEVEL2_ALLOWED.items() if level2 in v), "")
    return owner or f"第{n}个一级指标"



def _judge(row: Row) -> None:
    """Set whether the row met its target and the score a rule gives it."""
    points = row.points.value if row.points.status == "ok" else None
    if row.quantitative and row.actual.kind == "number" and same_measure(row.target, row.actual):
        ratio = _achievement(row.target, row.actual.value)
        if ratio is not None:
            row.met = _reached(row.target, row.actual.value)
            if points is not None:
                row.suggested = (points * ratio, points * ratio)
        return
    if row.actual.kind == "qualitative":
        row.met = row.actual.outcome == "达成"
        if points is not None:
            lo, hi = TIERS[row.actual.outcome]
            row.suggested = (points * lo, points * hi)


def _achievement(target: Value, actual: float) -> float | None:
    """Fraction of the target achieved, capped at 1 (form.md default rule)."""
    x = target.value
    if target.op in ("<=", "<"):
        if actual <= x + _EPS if target.op == "<=" else actual < x:
            return 1.0
        return x / actual if actual > 0 else None
    if x <= 0:
        return 1.0 if actual >= x else None
    return min(actual / x, 1.0)


def _reached(target: Value, actual: float) -> bool:
    """Was the target met as written?  A strict ``> x`` / ``< x`` is not met at x."""
    x = target.value
    if target.op == ">":
        return actual > x + _EPS
    if target.op == "<":
        return actual < x - _EPS
    if target.op == "<=":
        return actual <= x + _EPS
    return actual >= x - _EPS


UNIT_FAMILIES = {"人次": "人", "户次": "户", "％": "%", "百分比": "%"}


@lru_cache(maxsize=4096)
def unit_family(unit: str) -> str:
    """Units that measure the same thing (人 and 人次) share a family."""
    base = unit.split("/")[0] if unit else ""
    return UNIT_FAMILIES.get(base, base)


def same_measure(target: Value, actual: Value) -> bool:
    """Can the actual be compared with the target?  A bare number takes the other's unit."""
    if not target.unit or not actual.unit:
        return True
    return unit_family(target.unit) == unit_family(actual.unit)
