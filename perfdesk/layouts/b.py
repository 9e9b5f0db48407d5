"""B. 项目支出绩效自评表 — the national layout of 财预〔2020〕10号 (form.md, B)."""

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

LAYOUT_B = Layout(
    code="B",
    name="布局B（项目支出绩效自评表）",
    title="项目支出绩效自评表",
    header=(DEPARTMENT,),
    basic_title="一、基本情况",
    basic=(
        PROJECT,
        Field("authority", Label("主管部门", ("主管单位", "项目主管部门"))),
        Field("unit", Label("实施单位", ("实施预算单位", "项目实施单位"))),
    ),
    money=Money(
        title="二、项目资金",
        columns=(
            MoneyColumn("budget_initial", Label("年初预算数", ("年初预算",)), "年初预算数"),
            MoneyColumn("budget", Label("全年预算数", ("调整后预算数", "预算数")), "全年预算数"),
            MoneyColumn("arrived", Label("全年到位数", ("到位数", "资金到位数")), "到位数", optional=True),
            MoneyColumn("executed", Label("全年执行数", ("执行数", "全年实际支出数")), "全年执行数"),
        ),
        rows=(
            MoneyRow("total", parent=None, label=Label("年度资金总额", ("资金总额", "合计", "总额"))),
            MoneyRow("fiscal", Label("其中：当年财政拨款", ("当年财政拨款", "财政拨款")), "其中：当年财政拨款"),
            MoneyRow("carryover", Label("上年结转资金", ("上年结转", "结转资金")), "上年结转资金"),
            OTHER,
        ),
        progress=Label("执行率", ("预算执行率",)),
        scored=True,
    ),
    goals=Goals("年度总体目标", Label("预期目标"), Label("实际完成情况"), rows=1, completion="when filled"),
    indicators_title="绩效指标",
    indicator_columns=(
        LEVEL1, LEVEL2, LEVEL3, DEFINITION,
        IndicatorColumn("target", Label("年度指标值", ("指标值", "预期指标值")), width=19),
        ACTUAL,
        POINTS,
        IndicatorColumn("score", Label("得分", ("自评得分",)), width=11),
        DEVIATION,
    ),
    tree=NATIONAL_TREE,
    totals=(TOTAL, GRADE),
    problems=PROBLEMS,
    footer=FOOTER,
)
