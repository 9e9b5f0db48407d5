"""A. 部门预算项目绩效自评表 — the seed layout (form.md, A)."""

from dataclasses import replace

from .base import Field, Goals, IndicatorColumn, Label, Layout, Money, MoneyColumn, MoneyRow
from .common import (
    ACTUAL,
    DEFINITION,
    DEPARTMENT,
    DEVIATION,
    FOOTER,
    GRADE,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    OTHER,
    POINTS,
    PROBLEMS,
    PROJECT,
    TOTAL,
)
from .tree import NATIONAL_TREE

LAYOUT_A = Layout(
    code="A",
    name="布局A（部门预算项目绩效自评表）",
    title="部门预算项目绩效自评表",
    header=(DEPARTMENT,),
    basic_title="一、基本情况",
    basic=(PROJECT, Field("unit", Label("实施预算单位", ("实施单位", "预算单位")))),
    money=Money(
        title="二、预算执行情况",
        columns=(
            MoneyColumn("budget_initial", Label("年初预算安排情况\n年初预算数", ("年初预算情况", "年初预算")),
                        "年初预算数", optional=True),
            MoneyColumn("budget", Label("预算安排情况\n（调整后）预算数", ("预算安排情况", "预算数")), "预算数"),
            MoneyColumn("arrived", Label("资金到位情况\n到位数", ("资金到位情况", "到位数")), "到位数"),
            MoneyColumn("executed", Label("资金执行情况\n执行数", ("资金执行情况", "执行数")), "执行数"),
        ),
        rows=(
            MoneyRow("total", parent=None, label=Label("合计", ("小计",))),
            MoneyRow("fiscal", Label("其中：财政资金", ("财政资金",)), "其中：财政资金"),
            MoneyRow("carryover", Label("其中：上年结转", ("上年结转", "上年结转资金")), "其中：上年结转",
                     optional=True),
            OTHER,
        ),
        progress=Label("预算执行进度", ("执行进度",)),
    ),
    goals=Goals("三、目标完成情况", Label("年度预期目标"), Label("具体完成情况"), rows=3, completion="always"),
    indicators_title="四、年度绩效指标完成情况",
    indicator_columns=(
        LEVEL1, LEVEL2, LEVEL3, DEFINITION,
        IndicatorColumn("target", Label("预期指标值", ("指标值", "目标值")), width=26),
        ACTUAL,
        replace(POINTS, optional=True),
        IndicatorColumn("score", Label("自评得分", ("得分",)), width=16),
        replace(DEVIATION, optional=True),
    ),
    tree=NATIONAL_TREE,
    totals=(TOTAL, GRADE),
    problems=PROBLEMS,
    footer=FOOTER,
)
