"""C. 部门（单位）整体支出绩效自评表 — the department-level form (form.md, C; seed 003)."""

from dataclasses import replace

from .base import (
    Field,
    Goals,
    IndicatorColumn,
    Label,
    Layout,
    Money,
    MoneyColumn,
    MoneyRow,
    ProjectList,
)
from .common import DEFINITION, FOOTER, LEVEL1, LEVEL2, POINTS

LAYOUT_C = Layout(
    code="C",
    name="布局C（部门（单位）整体支出绩效自评表）",
    title="部门（单位）整体支出绩效自评表",
    header=(
        Field("department", Label("部门（单位）名称（公章）", ("部门(单位)名称", "部门单位名称", "部门名称", "单位名称"))),
        Field("date", Label("填报时间", ("填报日期", "填表日期"))),
    ),
    basic_title="一、基本情况",
    basic=(),
    extra_fields=(
        Field("staff_quota", Label("编制人数", ("编制数", "机关编制"))),
        Field("staff_actual", Label("实有人数", ("实有人员",))),
    ),
    money=Money(
        title="二、预算执行情况",
        columns=(
            MoneyColumn("budget_initial", Label("年初预算数", ("年初预算",)), "年初预算数"),
            MoneyColumn("increase", Label("调增", ("调增数", "预算调增")), "调增"),
            MoneyColumn("decrease", Label("调减", ("调减数", "预算调减")), "调减"),
            MoneyColumn("budget", Label("全年预算数\n（调整后）", ("全年预算数", "调整后预算数")), "全年预算数"),
            MoneyColumn("executed", Label("全年执行数", ("执行数", "实际支出数")), "全年执行数"),
        ),
        rows=(
            MoneyRow("total", parent=None, label=Label("合计", ("总计", "部门预算总额"))),
            MoneyRow("basic", Label("基本支出"), "基本支出"),
            MoneyRow("personnel", Label("其中：人员经费", ("人员经费",)), "人员经费", parent="basic"),
            MoneyRow("public", Label("公用经费"), "公用经费", parent="basic"),
            MoneyRow("project", Label("项目支出"), "项目支出"),
        ),
        progress=Label("执行率", ("预算执行率",)),
        adjustment=Label("调整率", ("预算调整率",)),
    ),
    projects=ProjectList(
        title="三、项目支出情况",
        group=Label("类别", ("项目类别",)),
        name=Label("项目名称"),
        budget=Label("全年预算数", ("预算数", "预算金额")),
        executed=Label("全年执行数", ("执行数", "执行金额")),
        groups=("转移支付", "结转", "本级财力"),
    ),
    goals=Goals("年度总体目标", Label("预期目标"), Label("实际完成情况"), rows=1, completion="none"),
    indicators_title="四、绩效指标",
    indicator_columns=(
        replace(LEVEL1, optional=True, width=14),
        replace(LEVEL2, optional=True, width=16),
        IndicatorColumn("level3", Label("指标名称", ("三级指标",)), width=26),
        DEFINITION,
        IndicatorColumn("target", Label("预期指标值", ("指标值", "年度指标值")), width=20),
        IndicatorColumn("midyear", Label("年中监控\n实际完成值", ("年中监控完成值", "年中实际完成值")), width=18),
        IndicatorColumn("actual", Label("本次评价\n实际完成值", ("实际完成值", "全年实际完成值")), width=18),
        IndicatorColumn("rate", Label("完成率", ("指标完成率",)), width=14),
        IndicatorColumn("deviation", Label("偏差原因", ("偏差原因分析",)), width=24),
        IndicatorColumn("measures", Label("改进措施", ("整改措施",)), width=24),
        replace(POINTS, label=Label("权重（分值）", ("权重", "分值", "权重分值")), width=12),
        IndicatorColumn("score", Label("自评得分", ("得分",)), width=12),
    ),
    tree=(),
    totals=(
        Field("total_score", Label("综合得分", ("总分", "自评综合得分"))),
        Field("grade", Label("评价结果", ("评价等级", "自评等级"))),
    ),
    problems=Field("problems", Label("存在问题及改进措施", ("存在问题", "存在的主要问题及原因分析")), lines=3),
    footer=tuple(f for f in FOOTER if f.address != "date"),
)
