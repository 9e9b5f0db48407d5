"""The figures of a report's prose and what each is about.

``quantities(text)`` finds every number with its unit (元, 万元, 亿, %, 分, 人,
个 …; full-width digits read as ASCII) and, from the words just before it in
its clause, its *role*: a budget (年初预算, 全年预算, 当年财政拨款, 下达 …), a
spending (全年支出, 执行金额 …), an execution rate, a score, a weight … Money
is kept in 万元 with the precision it was printed at, so 元 and 万元 compare.
Spans index the paragraph's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import matches_at_precision

# Same-length normalisation: spans found in the copy index the original text.
_TRANS = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "％": "%", "﹪": "%", "\u3000": " ", "\u00a0": " ", "\t": " ",
})

MONEY_SCALE = {"万元": 1.0, "万": 1.0, "元": 0.0001, "亿元": 10000.0, "亿": 10000.0}
COUNT_UNITS = ("人次", "场次", "个", "项", "家", "名", "人", "户", "次", "场", "期", "处", "件", "张", "份", "所", "村", "支", "条")
OTHER_UNITS = ("平方米", "年", "月", "日", "号", "岁", "米", "天", "小时", "周", "批", "级", "类", "季度", "倍", "元/")
_UNIT = "|".join(re.escape(u) for u in sorted(
    [*MONEY_SCALE, "%", "分", *COUNT_UNITS, *OTHER_UNITS], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![0-9.\-〔\[(（/*×])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![0-9\-〕\]])\s?(" + _UNIT + r")?"
)
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_COUNT = re.compile(r"(?<=[数共有计])([一两二三四五六七八九]?十?[一二三四五六七八九]?)(个|项|家)")

# Role words, longest first; a figure takes the role of the last one before it in its clause.
ROLES: dict[str, str] = {}
for _role, _words in {
    "budget_full": "调整后全年预算数 调整后全年预算 调整后预算数 全年预算数 全年预算金额 全年总预算金额 全年预算总额 全年预算",
    "budget_initial": "年初批复预算数 年初财政预算资金 年初预算资金 年初预算数 年初预算安排 年初预算",
    "allocation": "当年财政拨款 财政拨款收入 资金拨款收入 拨款收入 财政拨款 下达资金 下达",
    "budget": "本级预算 预算安排 市级预算金额 预算金额 预算资金 资金预算共计 资金预算 预算数 预算 总概算 "
              "项目总金额 涉及金额 总预算金额 年终调剂 安排",
    "spent": "全年实际支出 实际支出资金 全年支出 实际支出 全年执行数 全年总执行数 总执行数 执行金额 执行数 共支出 "
             "累计支出 当年支出 实际使用 共执行 支出",
    "rate": "预算执行率 资金执行率 执行率 支出率",
    "increase": "调增数 调增", "decrease": "调减数 调减", "adjust_rate": "预算调整率 调整率",
    "balance": "资金结余 结余",
    "completion": "指标完成率 完成率", "excellent_rate": "评优率 优良率",
    "weight": "权重分值 权重 分值",
    "total_score": "综合得分 自评总分 评价总得分 总得分 总分",
    "score": "自评得分 得分",
    "total": "共计 合计 总计 共",
}.items():
    for _w in _words.split():
        ROLES[_w] = _role
_ROLE_RE = re.compile("|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)))
BUDGETS = ("budget_full", "budget_initial", "allocation", "budget")
ROLE_GROUP = {**{r: "budget" for r in BUDGETS}, "spent": "spent"}
_CLAUSE_END = "，,；;。！？!?：:（）()"
_SENTENCE_END = re.compile(r"[。！？!?]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    printed: float  # the number as printed, in its own unit
    decimals: int
    unit: str  # "万元" (money, any of 元/万/亿), "%", "分", a count unit, another unit, or ""
    scale: float = 1.0  # printed × scale = value (万元 for money)
    role: str = ""
    keyword: str = ""
    subject: str = ""  # the words before the role word in the clause: 基本支出, 项目支出 …

    @property
    def value(self) -> float:
        return self.printed * self.scale

    @property
    def money(self) -> bool:
        return self.unit == "万元"

    @property
    def count(self) -> bool:
        return self.unit in COUNT_UNITS

    @property
    def half_unit(self) -> float:
        """Half the last printed digit, in value units: what rounding may have lost.
        A whole number is taken as exact: clerks round 3.333 to 3.33, not 3 to nothing."""
        return 0.5 * 10.0 ** -self.decimals * self.scale if self.decimals else 0.0

    def fits(self, computed: float) -> bool:
        """Does the printed figure equal ``computed`` (in value units), rounded or truncated?"""
        return matches_at_precision(self.printed, self.decimals, computed / self.scale)


def normalise(text: str) -> str:
    return text.translate(_TRANS)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a paragraph (ending at 。！？)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def quantities(text: str) -> list[Quantity]:
    """Every figure of ``text`` with its unit and role, in order."""
    norm = normalise(text)
    found: list[Quantity] = []
    last_end = 0
    for m in _NUMBER.finditer(norm):
        whole, frac, unit = m.group(1), m.group(2) or "", m.group(3) or ""
        if unit in OTHER_UNITS or (unit == "" and _not_a_figure(norm, m)):
            last_end = m.end()
            continue
        printed = float(whole.replace(",", "") + ("." + frac if frac else ""))
        q = _with_role(norm, m.start(), max(clause_start(norm, m.start()), last_end),
                       Quantity(m.start(), m.end(), printed, len(frac), *_unit(unit)))
        found.append(q)
        last_end = m.end()
    found.extend(_chinese_counts(norm))
    found.sort(key=lambda q: q.start)
    return _fill_units(norm, found)


def _unit(unit: str) -> tuple[str, float]:
    if unit in MONEY_SCALE:
        return "万元", MONEY_SCALE[unit]
    return unit, 1.0


def _not_a_figure(norm: str, m: re.Match) -> bool:
    """Phone numbers (a long bare integer) and list markers (``1.`` ``2、`` ``3)``)."""
    if len(m.group(1)) >= 7 and not m.group(2):
        return True
    return not m.group(2) and norm[m.end():m.end() + 1] in ("、", ".", ")", "）")


def _with_role(norm: str, pos: int, floor: int, q: Quantity) -> Quantity:
    context = norm[floor:pos]
    hits = list(_ROLE_RE.finditer(context))
    if not hits:
        if norm[max(pos - 1, 0):pos] == "得" or norm[max(pos - 2, 0):pos] == "得 ":
            return _replace(q, role="score", keyword="得")
        return q
    hit = hits[-1]
    subject = re.sub(r"[\d\s年度为是的了：:，,、“”\"]+", "", context[:hit.start()])[-8:]
    return _replace(q, role=ROLES[hit.group()], keyword=hit.group(), subject=subject)


def _replace(q: Quantity, **changes) -> Quantity:
    fields = {k: getattr(q, k) for k in Quantity.__slots__}
    fields.update(changes)
    return Quantity(**fields)


def _chinese_counts(norm: str) -> list[Quantity]:
    out = []
    for m in _CN_COUNT.finditer(norm):
        digits = m.group(1)
        if not digits:
            continue
        value = cn_number(digits)
        if value:
            out.append(Quantity(m.start(), m.end(), float(value), 0, m.group(2)))
    return out


def cn_number(s: str) -> int:
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s, 0)


def _fill_units(norm: str, found: list[Quantity]) -> list[Quantity]:
    """A bare figure after a money or rate word takes the unit its sentence uses:
    ``支出330.3`` beside ``337.4万``; ``执行率0`` is a percent."""
    out = []
    for q in found:
        if q.unit == "" and q.role in ROLE_GROUP:
            money = next((o for o in found if o.money and _same_sentence(norm, o, q)), None)
            if money is not None:
                q = _replace(q, unit="万元", scale=money.scale)
        elif q.unit == "" and q.role in ("rate", "completion", "adjust_rate", "excellent_rate"):
            q = _replace(q, unit="%")
        elif q.unit == "" and q.role in ("score", "total_score", "weight"):
            q = _replace(q, unit="分")
        out.append(q)
    return out


def _same_sentence(norm: str, a: Quantity, b: Quantity) -> bool:
    lo, hi = sorted((a.start, b.start))
    return not _SENTENCE_END.search(norm, lo, hi)
