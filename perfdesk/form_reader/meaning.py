"""Labels matched by what they mean, where offices print their own wording.

The vocabulary's tables hold the spellings of the registered layouts; forms
typed by other offices say the same thing in other words: ``其中:本年财政拨款``,
``其中：当年一般公共预算拨款``, ``年度财政资金总额``.  These rules take a label's
key (blanks, full-width forms, a trailing colon and a leading 其中 already
gone) to the row it means, or ``None``; they are asked only after the tables.
"""

from __future__ import annotations

import re

from ..labels import key

_YEAR = re.compile(r"^(?:本年度?|当年度?|本级)")
_TOTAL = re.compile(r"^(?:年度)?(?:财政)?(?:资金|预算)?(?:总额|总计|合计)$")
_FISCAL = re.compile(r"^(?:一般公共预算|财政性?)(?:拨款|资金)(?:收入)?$|^一般公共预算$")
_CARRYOVER = re.compile(r"^(?:上年|以前年度)?结转(?:结余)?(?:资金)?$|^上年结余(?:资金)?$")
_OTHER = re.compile(r"^其他(?:来源)?(?:资金|收入)?$")


def money_row_meaning(k: str) -> str | None:
    """The money row (total, fiscal, carryover, other) a row label means, if any."""
    k = _YEAR.sub("", k)
    if not k:
        return None
    if _TOTAL.match(k):
        return "total"
    if _FISCAL.match(k):
        return "fiscal"
    if _CARRYOVER.match(k):
        return "carryover"
    if _OTHER.match(k):
        return "other"
    return None


# Definition columns printed with more words: 指标解释（计算公式）, 指标说明及计算方法 …
_DEFINITION = ("指标解释", "指标说明", "指标定义", "指标内涵", "指标内容", "计算公式", "计算方法")
# A money column head with the year said again: 本年预算数, 当年执行数, 全年实际执行数.
_COLUMN_YEAR = re.compile(r"^(?:本年度?|当年度?|全年)")


def indicator_column_meaning(k: str) -> str | None:
    return "definition" if k.startswith(_DEFINITION) else None


def money_column_meaning(k: str, table: dict[str, str]) -> str | None:
    """A layout-B money column whose head adds 本年/当年/全年 (or 实际) to a known one."""
    bare = _COLUMN_YEAR.sub("", k)
    for candidate in (bare, "全年" + bare, bare.replace("实际", "")):
        if candidate != k and candidate in table:
            return table[candidate]
    return None


# Money rows some provinces print that our forms do not have (Sichuan 510000_0013zp).
_EXTRA = {"财政专户管理资金": "财政专户管理资金", "财政专户资金": "财政专户管理资金",
          "单位资金": "单位资金", "单位自有资金": "单位资金", "自有资金": "单位资金"}


def extra_money_row(text: str) -> str | None:
    """The name of such a row, as the reader lists it, or ``None``."""
    k = key(text)
    return _EXTRA.get(k[2:].lstrip(":") if k.startswith("其中") else k)
