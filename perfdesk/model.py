"""The department file and its forms, exactly as typed.

Every cell a clerk fills is a ``str`` holding the text as typed; numbers are
derived from it elsewhere (``numbers``, ``calc``).  Cells are named by stable
addresses such as ``money.executed.total`` or ``indicators[3].score``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .schema import build


@dataclass
class MoneyLine:
    """One money column: the total and its parts."""

    total: str = ""
    fiscal: str = ""  # 其中：财政资金 / 当年财政拨款
    carryover: str = ""  # 上年结转资金 (layout B)
    other: str = ""  # 其他资金
    basic: str = ""  # 基本支出 (layout C)
    personnel: str = ""  # 其中：人员经费 (of 基本支出, layout C)
    public: str = ""  # 公用经费 (of 基本支出, layout C)
    project: str = ""  # 项目支出 (layout C)


@dataclass
class Money:
    budget_initial: MoneyLine = field(default_factory=MoneyLine)  # 年初预算数 (layout B)
    increase: MoneyLine = field(default_factory=MoneyLine)  # 调增 (layout C)
    decrease: MoneyLine = field(default_factory=MoneyLine)  # 调减 (layout C)
    budget: MoneyLine = field(default_factory=MoneyLine)  # 预算数（调整后）/ 全年预算数
    arrived: MoneyLine = field(default_factory=MoneyLine)  # 到位数
    executed: MoneyLine = field(default_factory=MoneyLine)  # 执行数 / 全年执行数
    progress: str = ""  # 预算执行进度 / 执行率, as typed
    adjustment: str = ""  # 调整率, as typed (layout C)

    COLUMNS = ("budget_initial", "increase", "decrease", "budget", "arrived", "executed")


@dataclass
class Goal:
    target: str = ""  # 年度预期目标
    result: str = ""  # 具体完成情况


@dataclass
class Indicator:
    """One row of the indicator table.

    ``level1`` and ``level2`` hold what is typed in that row; on paper they are
    merged down, so a blank means "same as the row above".  ``level1`` carries
    the weight in parentheses as printed: ``产出指标（50）``.
    """

    level1: str = ""
    level2: str = ""
    level3: str = ""
    definition: str = ""
    target: str = ""  # 预期指标值 / 年度指标值
    actual: str = ""  # 实际完成值
    points: str = ""  # 分值 (optional)
    score: str = ""  # 自评得分
    deviation: str = ""  # 偏差原因分析及改进措施 (layout C: 偏差原因 alone)
    not_applicable: bool = False
    midyear: str = ""  # 年中监控实际完成值 (layout C)
    rate: str = ""  # 完成率, as typed (layout C)
    measures: str = ""  # 改进措施 (layout C)


@dataclass
class ProjectLine:
    """One line of a department form's project list (layout C), as printed.

    ``subtotal`` marks the line a form prints for its group (转移支付项目小计 …)."""

    group: str = ""  # 转移支付 / 结转 / 本级财力 …
    name: str = ""
    budget: str = ""
    executed: str = ""
    subtotal: bool = False


@dataclass
class Explanation:
    """A clerk's note on a 警告/提示 finding, keyed by code and cells."""

    code: str
    cells: list[str]
    note: str


@dataclass
class Form:
    uid: str = ""  # stable identity inside a department file; given on first save
    layout: str = "A"
    department: str = ""  # 填报部门 as typed on this form (blank: the file's)
    project: str = ""  # 项目名称
    unit: str = ""  # 实施预算单位 / 实施单位
    authority: str = ""  # 主管部门 (layout B)
    staff_quota: str = ""  # 编制人数 (layout C)
    staff_actual: str = ""  # 实有人数 (layout C)
    money: Money = field(default_factory=Money)
    projects: list[ProjectLine] = field(default_factory=list)  # layout C's project list
    goals: list[Goal] = field(default_factory=list)
    completion: str = ""  # 总体完成率
    indicators: list[Indicator] = field(default_factory=list)
    total_score: str = ""  # 总分, as typed
    grade: str = ""  # 评价等级, as typed
    problems: str = ""  # 五、存在问题、原因及下一步整改措施
    filler: str = ""  # 填报人
    phone: str = ""  # 联系电话
    head: str = ""  # 单位负责人
    finance_head: str = ""  # 财务负责人
    date: str = ""  # 填报日期
    explanations: list[Explanation] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Form:
        return build(cls, data)  # every field checked: schema.BodyError if one is wrong

    def explanation_for(self, code: str, cells) -> Explanation | None:
        cells = list(cells)
        for e in self.explanations:
            if e.code == code and e.cells == cells:
                return e
        return None

    def explain(self, code: str, cells, note: str) -> None:
        """Store (or replace, or with an empty note remove) an explanation."""
        cells = list(cells)
        self.explanations = [
            e for e in self.explanations if not (e.code == code and e.cells == cells)
        ]
        if note.strip():
            self.explanations.append(Explanation(code, cells, note))


@dataclass
class Settings:
    """Options of a department file; per-province rules are off by default."""

    score_cap_by_rate: bool = False  # S12
    finalising: bool = False  # C01 becomes 错误
    last_year_file: str = ""  # last year's file (absolute path) for Y01/Y02 and 上年实际; "" none
    report_file: str = ""  # the 自评报告 kept beside the forms (absolute path); "" none

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        return build(cls, data)  # every field checked: schema.BodyError if one is wrong


@dataclass
class DepartmentFile:
    department: str = ""  # 填报部门
    year: str = ""  # 年度
    money_unit: str = "万元"  # 金额单位: 万元 or 元
    settings: Settings = field(default_factory=Settings)
    forms: list[Form] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> DepartmentFile:
        return build(cls, data)  # every field checked: schema.BodyError if one is wrong


# ---- cell addresses -------------------------------------------------------

_STEP = re.compile(r"([a-z_][a-z0-9_]*)(?:\[(\d+)\])?")


def get_cell(form: Form, address: str):
    """The value at ``address`` (``money.executed.total``, ``indicators[3].score``)."""
    obj = form
    for name, index in _steps(address):
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[index]
    return obj


def set_cell(form: Form, address: str, value) -> None:
    """Set the cell at ``address``; list rows must already exist."""
    steps = _steps(address)
    obj = form
    for name, index in steps[:-1]:
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[index]
    name, index = steps[-1]
    if index is None:
        setattr(obj, name, value)
    else:
        getattr(obj, name)[index] = value


def _steps(address: str) -> list[tuple[str, int | None]]:
    steps = []
    for part in address.split("."):
        m = _STEP.fullmatch(part)
        if not m:
            raise ValueError(f"bad cell address: {address!r}")
        steps.append((m.group(1), int(m.group(2)) if m.group(2) is not None else None))
    return steps
