"""T09 (counts) and T10 (head-count × standard).

T09: ``N 个科室，分别是 A、B、C`` or ``内设 A、B、C 3 个科室`` — N against the
items listed; a list that ends in 等, or whose items carry amounts, is no
enumeration.  Items may be split by 、 inside a list split by ；or ，(seed
003's 8 处室): the count fits either way of counting.  Sub-counts: a 其中 whose
counts exceed their total, and ``9 人，141 人，共 150 人``.

T10: ``N 名 … 人均/每人 S 元`` (a yearly or one-off standard; a monthly one
needs its months stated) against the amount the sentence gives for it, or,
when the sentence gives none, against the section's 全年支出 it cannot exceed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..checks.base import WARNING, check
from .base import Para, ReportContext, TextFinding, at, span, wan
from .quantities import Quantity, normalise
from .sums import _finding, all_parts

_INTRO_AFTER = re.compile(r"(\d+)\s*(个|项|家|名)([^，。；、0-9]{1,12})[，,：:]?\s*(?:分别是|分别为|包括|即)[：:]?")
_SEPARATORS = {"、": "、", "，": "[，,]", ",": "[，,]", "；": "[；;]", ";": "[；;]"}
_INTRO_BEFORE = re.compile(r"(?:内设|下设|设有|分别是|包括)((?:[^，。；、0-9]{2,30}、)+[^，。；、0-9]{2,30}?)(\d+)\s*个")


@check("T09", WARNING, "报告中的个数与所列项目不符", "{what}")
def counts(ctx: ReportContext) -> Iterator[TextFinding]:
    for para in ctx.paras:
        yield from _listed_after(para)
        yield from _listed_before(para)
        for p in all_parts(para):
            if p.total.count and p.wrong():
                f = _finding("T09", p)
                f.args = {"what": f"{f.args['what']}：{f.args['total']} 与各项之和 {f.args['sum']} 不符（{f.args['parts']}）"}
                yield f


def _listed_after(para: Para) -> Iterator[TextFinding]:
    text = normalise(para.text)
    for m in _INTRO_AFTER.finditer(text):
        end = text.find("。", m.end())
        body = text[m.end(): end if end != -1 else len(text)]
        first = re.search(r"[、，,；;]", body)
        if not first:
            continue
        primary = first.group()
        if primary == "、":
            body = re.split(r"[，,；;]", body, maxsplit=1)[0]
        if _not_an_enumeration(para, body, m.end()):
            continue
        by_primary = len([x for x in re.split(_SEPARATORS[primary], body) if x.strip()])
        by_all = len([x for x in re.split(r"[、，,；;]", body) if x.strip()])
        n = int(m.group(1))
        if by_primary >= 2 and n not in (by_primary, by_all):
            yield at("T09", para, m.start(), m.end() + len(body),
                     what=f"写明 {n} {m.group(2)}{m.group(3)}，随后列出的是 {by_primary} 项")


def _not_an_enumeration(para: Para, body: str, start: int) -> bool:
    if "等" in body[-6:] or body.rstrip().endswith("等"):
        return True
    return any(q.money or q.unit == "%" for q in para.in_span(start, start + len(body)))


def _listed_before(para: Para) -> Iterator[TextFinding]:
    text = normalise(para.text)
    for m in _INTRO_BEFORE.finditer(text):
        items = [x for x in m.group(1).split("、") if x.strip()]
        if "等" in items[-1][-2:]:
            continue
        n = int(m.group(2))
        if len(items) >= 2 and n != len(items):
            yield at("T09", para, m.start(), m.end(), what=f"列出 {len(items)} 项，随后写的是 {n} 个")


_PER_HEAD = re.compile(
    r"(?P<period>[年月])?(?:人均|每人|每名|每户)(?:每(?P<period2>[年月]))?[^0-9，。；]{0,8}?(?P<std>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
    r"(?P<tail>/(?:人|户|名)(?:[·/]?(?P<period3>[年月]))?)?"
)
_MONTHS = re.compile(r"(\d+)\s*个月")
_PLANNED = re.compile(r"预算|测算|计划|拟|需要|应")


@check("T10", WARNING, "报告中人数 × 标准与金额不符", "{heads} × {standard}{months} = {product}，{against}")
def per_head(ctx: ReportContext) -> Iterator[TextFinding]:
    spent_by_section: dict[int, Quantity] = {}
    for para in ctx.paras:
        for q in para.quantities:
            if q.role == "spent" and q.money and q.keyword in ("全年支出", "实际支出", "全年实际支出"):
                spent_by_section.setdefault(para.section, q)
        for lo, hi in para.sentences:
            yield from _sentence(para, lo, hi, spent_by_section.get(para.section))


def _sentence(para: Para, lo: int, hi: int, spent: Quantity | None) -> Iterator[TextFinding]:
    text = normalise(para.text)
    standards = [(m.start(), m.end()) for m in _PER_HEAD.finditer(text, lo, hi)]
    for m in _PER_HEAD.finditer(text, lo, hi):
        period = m.group("period") or m.group("period2") or m.group("period3") or ""
        heads = [q for q in para.in_span(lo, hi) if q.unit in ("人", "名", "户") and not (m.start() <= q.start < m.end())]
        if len(heads) != 1 or "每" in text[max(heads[0].start - 3, lo):heads[0].start]:
            continue
        months = _MONTHS.search(text, lo, hi)
        if period == "月" and not months:
            continue
        n, std = heads[0], float(m.group("std")) * (1.0 if m.group("unit") == "万元" else 0.0001)
        factor = int(months.group(1)) if period == "月" else 1
        product = n.value * std * factor
        amounts = [q for q in para.in_span(lo, hi) if q.money and not any(a <= q.start < b for a, b in standards)]
        base = dict(heads=f"{n.printed:g}{n.unit}", standard=f"{m.group('std')}{m.group('unit')}",
                    months=f" × {factor} 个月" if period == "月" else "", product=wan(product))
        if amounts:
            if not any(a.fits(product) for a in amounts):
                a = amounts[-1]
                yield at("T10", para, *span(n, a), **base, against=f"报告写的金额是 {wan(a.value)}")
        elif spent is not None and not _PLANNED.search(text, lo, hi) and product > spent.value + spent.half_unit:
            yield at("T10", para, n.start, m.end(), **base, against=f"超过本项目全年支出 {wan(spent.value)}")


CHECKS = (counts, per_head)
