"""The national indicator tree (form.md, "Indicator tree")."""

from .base import Level1

EXEC_RATE = "预算执行率"

NATIONAL_TREE = (
    Level1("产出指标", 50.0, ("数量指标", "质量指标", "时效指标", "成本指标"),
           starts=("数量指标", "质量指标", "时效指标"), blank=(2, 2, 1, 1)),
    Level1("效益指标", 30.0, ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
           starts=("社会效益指标",), blank=(1, 2, 1, 1)),
    Level1("满意度指标", 10.0, ("服务对象满意度指标", "满意度指标"),
           starts=("服务对象满意度指标",), blank=(2,)),
    Level1(EXEC_RATE, 10.0, (EXEC_RATE,), starts=(EXEC_RATE,), blank=(1,)),
)
