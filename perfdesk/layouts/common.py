"""Parts that several layouts print alike."""

from .base import Field, IndicatorColumn, Label, MoneyRow

DEPARTMENT = Field("department", Label("填报部门", ("填报单位",)))
PROJECT = Field("project", Label("项目名称"))
PROBLEMS = Field("problems", Label("存在问题、原因及下一步整改措施", ("存在问题",)), lines=3)
TOTAL = Field("total_score", Label("总分", ("自评总分", "合计得分", "总得分")))
GRADE = Field("grade", Label("评价等级", ("自评等级", "绩效等级", "等级")))
FOOTER = (
    Field("filler", Label("填报人", ("填表人", "经办人"))),
    Field("phone", Label("联系电话", ("电话", "联系方式"))),
    Field("head", Label("单位负责人")),
    Field("finance_head", Label("财务负责人")),
    Field("date", Label("填报日期", ("填表日期",))),
)

OTHER = MoneyRow("other", Label("其他资金", ("其他",)), "其他资金")

LEVEL1 = IndicatorColumn("level1", Label("一级指标"), width=16)
LEVEL2 = IndicatorColumn("level2", Label("二级指标"), width=18)
LEVEL3 = IndicatorColumn("level3", Label("三级指标"), width=22)
DEFINITION = IndicatorColumn(
    "definition", Label("指标解释", ("指标定义", "指标说明", "指标内容", "指标内涵")),
    optional=True, width=21,
)
ACTUAL = IndicatorColumn("actual", Label("实际完成值", ("实际值", "完成值", "全年实际值")), width=19)
DEVIATION = IndicatorColumn(
    "deviation",
    Label("偏差原因分析及改进措施", ("偏差原因分析", "偏差原因", "原因分析及改进措施", "偏差原因及改进措施")),
    width=30,
)
POINTS = IndicatorColumn("points", Label("分值", ("权重", "标准分值")), width=11)
