"""C — 完整性: cells that must be filled."""

from __future__ import annotations

import re

from .base import ERROR, HINT, WARNING, Context, Finding, check

REQUIRED = (
    ("project", "项目名称"),
    ("year", "年度"),
    ("unit", "实施预算单位"),
    ("filler", "填报人"),
    ("phone", "联系电话"),
)
_PHONE = re.compile(r"(0\d{2,3})?[2-9]\d{6,7}|1[3-9]\d{9}")
_PHONE_NOISE = re.compile(r"[\s\-－—()（）]")


@check(
    "C01", WARNING, "必填项为空",
    "{label}为空，请填写。",
)
def c01_required(ctx: Context):
    severity = ERROR if ctx.settings.finalising else ""
    for address, label in REQUIRED:
        if not ctx.layout.has_cell(address):
            continue
        label = ctx.layout.field_label(address) or label
        value = ctx.year if address == "year" else getattr(ctx.form, address)
        if not value.strip():
            yield Finding("C01", (address,), {"label": label}, severity=severity)


@check(
    "C02", WARNING, "执行率低或指标未完成但未填存在问题",
    "{why}，但“存在问题、原因及下一步整改措施”为空，请说明原因和整改措施。",
)
def c02_problems(ctx: Context):
    if ctx.form.problems.strip():
        return
    rate = ctx.calc.execution_rate
    missed = any(r.met is False for r in ctx.calc.rows)
    if (rate is not None and rate < 90) or missed:
        yield Finding("C02", ("problems",), {"rate": rate, "missed": missed})


@check(
    "C03", HINT, "联系电话格式不对",
    "联系电话「{typed}」既不像固定电话（7–8 位，可带区号）也不像 11 位手机号。",
)
def c03_phone(ctx: Context):
    phone = ctx.form.phone.strip()
    if phone and not _PHONE.fullmatch(_PHONE_NOISE.sub("", phone)):
        yield Finding("C03", ("phone",), {"typed": phone})


@c02_problems.phrase
def _c02_words(a, label):
    why = []
    if a.get("rate") is not None and a["rate"] < 90:
        why.append(f"执行率 {a['rate']:.2f}% 低于 90%")
    if a.get("missed"):
        why.append("有指标未达到目标")
    return {"why": "，".join(why)}
