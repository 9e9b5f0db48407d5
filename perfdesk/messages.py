"""Chinese messages for findings, rendered when shown or printed.

A finding keeps only its code, cells and arguments; ``render`` turns it into
the sentence a clerk reads, naming the cells and both figures.
"""

from __future__ import annotations

import re
import string

from .checks.base import Finding
from .model import Form

COLUMN_LABELS = {
    "budget_initial": "年初预算数",
    "budget": "预算数",
    "arrived": "到位数",
    "executed": "执行数",
}
PART_LABELS = {"total": "", "fiscal": "其中：财政资金", "carryover": "上年结转", "other": "其他"}
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

TEMPLATES = {
    "B01": "预算执行进度填 {typed}，但执行数 {executed} ÷ 预算数 {budget} = {computed:.2f}%，应填 {computed:.2f}%。",
    "B02": "{column}：其中各项之和为 {parts_sum}，与合计 {total} 不符。",
    "B03": "{higher} {hi} 大于 {lower} {lo}，请核对。",
    "B04": "预算数为「{budget}」，执行数却为 {executed}，无法计算执行率；请填写预算数。",
    "B05": "{cell}「{typed}」{problem}。",
    "B06": "{cell}「{typed}」按{unit}计应为 {converted}{unit}，与本表金额单位（{unit}）相差一万倍，请核对单位。",
    "S01": "预算执行率自评得分填 {typed}，但执行率为 {rate:.2f}%，最多应得 {weight} × {capped:.2f}% = {computed:.2f} 分。",
    "S02": "预算执行率的实际完成值填 {typed}，但执行数 ÷ 预算数 = {computed:.2f}%。",
    "S03": "{level1}各项得分合计 {subtotal} 分，超过其权重 {weight} 分。",
    "S04": "总分填 {typed}，但各项自评得分合计为 {computed} 分。",
    "S05": "评价等级填「{typed}」，但总分 {total} 分对应的等级是「{computed}」（≥90 优，≥80 良，≥60 中，其余差）。",
    "S06": "{cell}「{typed}」不是有效的分数（应为不小于 0 的数字）。",
    "S07": "{cell}填 {typed}，超过该行分值 {points} 分。",
    "S08": "指标未达到目标（目标 {target}，实际 {actual}），却得满分 {score}{suggestion}。",
    "S09": "一级指标权重为 {weights}（合计 {total}），通常为 产出50、效益30、满意度10、预算执行率10，合计100。",
    "S10": "{cell}为空：该指标扣了分或未达目标，请填写偏差原因分析及改进措施。",
    "S11": "定性指标实际完成为「{actual}」（{outcome}），得分 {score} 不在 {lo}–{hi} 分的档次内。",
    "S12": "执行率 {rate:.2f}%，按本省规定总分不应超过 {cap} 分，现为 {total} 分。",
    "I01": "二级指标「{level2}」不属于「{level1}」{owner_hint}。",
    "I02": "绩效指标表中没有「{level1}」的指标。",
    "I03": "指标「{name}」的预期指标值{problem}，无法据此评分。",
    "I04": "指标「{name}」的单位不一致：{units}。",
    "I05": "指标「{name}」实际完成 {actual}，为目标 {target} 的 {ratio:.2f}%，目标可能定得偏低。",
    "I06": "满意度指标「{name}」的目标为 {typed}，满意度目标一般不宜定为 100% 或以上。",
    "I07": "指标「{name}」已填预期指标值，实际完成值却为空。",
    "I08": "成本指标「{name}」的目标 {typed} 是下限（≥/＞），成本指标应设上限（≤/＜）。",
    "I09": "{cell}中是模板说明或占位符「{short}」，请填写实际内容。",
    "G01": "总体完成率填 {typed}，但{why}。",
    "G02": "具体完成情况写「{said}」，与执行数（合计或其中各项）都不符；执行数为 {executed}。",
    "G03": "已填年度预期目标，具体完成情况却为空。",
    "C01": "{label}为空，请填写。",
    "C02": "{why}，但“存在问题、原因及下一步整改措施”为空，请说明原因和整改措施。",
    "C03": "联系电话「{typed}」既不像固定电话（7–8 位，可带区号）也不像 11 位手机号。",
    "Y01": "指标「{name}」的预期指标值为 {typed}，{change}（上年为 {last}），请确认是否有意放宽目标。",
    "Y02": "上年此项目的 {count} 项指标今年没有了：{names}。",
}


def cell_label(address: str, form: Form | None = None) -> str:
    """The Chinese name of a cell, e.g. ``第 3 行指标「享受补贴人数」的自评得分``."""
    if address in FORM_FIELDS:
        return FORM_FIELDS[address]
    m = re.fullmatch(r"money\.(\w+)\.(\w+)", address)
    if m and m.group(1) in COLUMN_LABELS:
        part = PART_LABELS.get(m.group(2), m.group(2))
        return COLUMN_LABELS[m.group(1)] + (f"（{part}）" if part else "")
    m = re.fullmatch(r"indicators\[(\d+)\]\.(\w+)", address)
    if m:
        i, field = int(m.group(1)), m.group(2)
        name = ""
        if form is not None and i < len(form.indicators):
            name = form.indicators[i].level3.strip()
        row = f"第 {i + 1} 行指标" + (f"「{name}」" if name else "")
        return f"{row}的{INDICATOR_FIELDS.get(field, field)}"
    m = re.fullmatch(r"goals\[(\d+)\]\.(\w+)", address)
    if m:
        what = "年度预期目标" if m.group(2) == "target" else "具体完成情况"
        return f"第 {int(m.group(1)) + 1} 条{what}"
    return address


def render(finding: Finding, form: Form | None = None) -> str:
    args = dict(finding.args)
    args["cell"] = cell_label(finding.cells[0], form) if finding.cells else ""
    args.update(_extra(finding.code, args))
    return _FORMATTER.format(TEMPLATES[finding.code], **args)


def _extra(code: str, a: dict) -> dict:
    """Phrases a template needs that depend on the arguments."""
    if code == "B02":
        return {"column": COLUMN_LABELS[a["column"]]}
    if code == "B03":
        return {"higher": COLUMN_LABELS[a["higher"]], "lower": COLUMN_LABELS[a["lower"]]}
    if code == "B05":
        return {"problem": "是负数" if a["negative"] else "无法识别为数字（原样保留）"}
    if code == "S01":
        return {"capped": min(a["rate"], 100.0)}
    if code == "S08":
        s = a.get("suggested")
        return {"suggestion": f"；按规则应得约 {_num(s)} 分" if s is not None else ""}
    if code == "I01":
        return {"owner_hint": f"，应放在「{a['owner']}」下" if a.get("owner") else ""}
    if code == "I03":
        return {"problem": f"「{a['typed']}」无法识别" if a["typed"].strip() else "为空"}
    if code == "I04":
        parts = {"named": "名称", "target": "目标", "actual": "实际"}
        return {"units": "，".join(f"{parts[k]}为「{a[k]}」" for k in parts if a.get(k))}
    if code == "I09":
        t = a["typed"]
        return {"short": t if len(t) <= 20 else t[:20] + "…"}
    if code == "G01":
        why = []
        if a.get("missed"):
            why.append(f"有 {a['missed']} 项量化指标未达到目标")
        if a.get("rate") is not None:
            why.append(f"执行率只有 {a['rate']:.2f}%")
        return {"why": "，".join(why)}
    if code == "Y01":
        return {"change": "上限比上年放宽" if a["ceiling"] else "低于上年"}
    if code == "C02":
        why = []
        if a.get("rate") is not None and a["rate"] < 90:
            why.append(f"执行率 {a['rate']:.2f}% 低于 90%")
        if a.get("missed"):
            why.append("有指标未达到目标")
        return {"why": "，".join(why)}
    return {}


def _num(x) -> str:
    """A figure as a clerk writes it: no float noise, no trailing zeros."""
    if isinstance(x, float):
        text = f"{x:.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(x)


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec):
        if not format_spec:
            return _num(value)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()
