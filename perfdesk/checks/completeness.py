"""C — 完整性: cells that must be filled."""

from __future__ import annotations

import re

from .base import ERROR, Context, Finding

REQUIRED = (
    ("project", "项目名称"),
    ("year", "年度"),
    ("unit", "实施预算单位"),
    ("filler", "填报人"),
    ("phone", "联系电话"),
)
_PHONE = re.compile(r"(0\d{2,3})?[2-9]\d{6,7}|1[3-9]\d{9}")
_PHONE_NOISE = re.compile(r"[\s\-－—()（）]")


def c01_required(ctx: Context):
    severity = ERROR if ctx.settings.finalising else ""
    for address, label in REQUIRED:
        value = ctx.year if address == "year" else getattr(ctx.form, address)
        if not value.strip():
            yield Finding("C01", (address,), {"label": label}, severity=severity)


def c02_problems(ctx: Context):
    if ctx.form.problems.strip():
        return
    rate = ctx.calc.execution_rate
    missed = any(r.met is False for r in ctx.calc.rows)
    if (rate is not None and rate < 90) or missed:
        yield Finding("C02", ("problems",), {"rate": rate, "missed": missed})


def c03_phone(ctx: Context):
    phone = ctx.form.phone.strip()
    if phone and not _PHONE.fullmatch(_PHONE_NOISE.sub("", phone)):
        yield Finding("C03", ("phone",), {"typed": phone})
