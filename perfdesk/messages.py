"""Chinese messages for findings, rendered when shown or printed.

A finding keeps only its code, cells and arguments; ``render`` fills its
check's template (each check carries its own, see ``checks.base.Check``),
naming the cells and both figures.
"""

from __future__ import annotations

import string

from . import layouts
from .addresses import parse_row_address
from .checks import BY_CODE
from .checks.base import Finding, figure
from .model import Form

INDICATOR_FIELDS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "definition": "指标解释",
    "target": "预期指标值",
    "actual": "实际完成值",
    "points": "分值",
    "score": "自评得分",
    "deviation": "偏差原因",
    "not_applicable": "不适用",
}
FORM_FIELDS = {
    "project": "项目名称",
    "unit": "实施预算单位",
    "authority": "主管部门",
    "department": "填报部门",
    "year": "年度",
    "completion": "总体完成率",
    "total_score": "总分",
    "grade": "评价等级",
    "problems": "存在问题、原因及下一步整改措施",
    "filler": "填报人",
    "phone": "联系电话",
    "head": "单位负责人",
    "finance_head": "财务负责人",
    "date": "填报日期",
    "indicators": "绩效指标表",
    "money.progress": "预算执行进度",
}

def cell_label(address: str, form: Form | None = None) -> str:
    """The Chinese name of a cell, e.g. ``第 3 行指标「享受补贴人数」的自评得分``.

    Cells are named as the form's own layout prints them."""
    layout = layouts.get(form.layout if form is not None else "A")
    if address.startswith("money."):
        return layout.money_label(address) or address
    named = layout.field_label(address)
    if named:
        return named
    if address in FORM_FIELDS:
        return FORM_FIELDS[address]
    row = parse_row_address(address)
    if row is None:
        return address
    table, i, field = row
    if table == "goals":
        what = (layout.goals.target if field == "target" else layout.goals.result).text
        return f"第 {i + 1} 条{what}"
    if table == "projects" and layout.projects is not None:
        name = form.projects[i].name.strip() if form is not None and i < len(form.projects) else ""
        what = getattr(layout.projects, field).text if field in ("budget", "executed", "name", "group") else field
        return f"项目清单第 {i + 1} 行" + (f"「{name}」" if name else "") + f"的{what}"
    name = ""
    if form is not None and i < len(form.indicators):
        name = form.indicators[i].level3.strip()
    column = layout.indicator_column(field)
    what = column.label.text if column else INDICATOR_FIELDS.get(field, field)
    return f"第 {i + 1} 行指标" + (f"「{name}」" if name else "") + f"的{what}"


def render(finding: Finding, form: Form | None = None) -> str:
    """The sentence a clerk reads for ``finding``, from its check's template."""
    check = BY_CODE[finding.code]
    args = dict(finding.args)
    args["cell"] = cell_label(finding.cells[0], form) if finding.cells else ""
    if check.phrases is not None:
        args.update(check.phrases(args, lambda address: cell_label(address, form)))
    return _FORMATTER.format(check.template, **args)


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec):
        if not format_spec:
            return figure(value)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()
