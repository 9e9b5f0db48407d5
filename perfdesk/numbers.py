"""Reading numbers as clerks type them (form.md, "Numbers as clerks type them").

Every reader takes any ``str`` and never raises: what cannot be read comes
back marked ``unreadable`` with the text kept as typed.  The readers run on
every keystroke for every cell, so each is memoised.

- ``read_amount``  money cells: ``4.9745``, ``1,039``, ``１０３９``, ``24720元``
- ``read_percent`` percent cells: ``22.4%``, ``22.4％``, ``99``
- ``read_score``   自评得分 / 分值 / 总分: ``12.5``, ``10分``
- ``read_value``   预期指标值 / 实际完成值: ``≥95%``, ``100人``, ``是``,
  ``达到80%以上``, free text
- ``parse_weight`` 一级指标 cells: ``产出指标（50）``
- ``matches_at_precision`` a typed percent against a computed one
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .labels import FULL_WIDTH_ALNUM

__all__ = [
    "Number",
    "Value",
    "matches_at_precision",
    "parse_weight",
    "read_amount",
    "read_percent",
    "read_score",
    "read_value",
]

_CACHE = 65536


@dataclass(frozen=True, slots=True)
class Number:
    text: str  # as typed
    status: str  # "blank" | "ok" | "unreadable"
    value: float | None  # None unless status == "ok"
    decimals: int = 0  # digits typed after the decimal point
    unit: str = ""  # unit written: "%", "元", "万元", "分" or ""


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    kind: str  # "blank" | "number" | "qualitative" | "text" | "unreadable"
    op: str = ""  # "", ">=", "<=", ">", "<", "="
    value: float | None = None
    decimals: int = 0
    unit: str = ""  # normalised unit: "%", "人", "元/学期", ...
    outcome: str = ""  # kind == "qualitative": "达成" | "部分达成" | "未达成"


# ---- normalisation ----------------------------------------------------------

_TRANS = str.maketrans(
    {
        **{chr(k): v for k, v in FULL_WIDTH_ALNUM.items()},  # ０-９, Ａ-Ｚ, ａ-ｚ
        "．": ".", "，": ",", "％": "%", "﹪": "%", "＋": "+", "－": "-", "−": "-",
        "＞": ">", "＜": "<", "＝": "=", "﹥": ">", "﹤": "<", "﹦": "=",
        "≥": ">=", "≧": ">=", "⩾": ">=", "≮": ">=",
        "≤": "<=", "≦": "<=", "⩽": "<=", "≯": "<=",
        "／": "/", "（": "(", "）": ")",
        "\u3000": " ", "\u00a0": " ", "\t": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    }
)

# Cells that hold nothing: a dash, a slash, 无.
_NOTHING = frozenset({"", "-", "--", "—", "——", "―", "─", "/", "//", "\\", "无"})

_STOP_IN_NUMBER = re.compile(r"(?<=[0-9])。(?=[0-9])")  # 4。9745: a slip of the IME
_PERCENT_WORDS = re.compile(r"百分之\s*([0-9][0-9.,]*)")  # 百分之95 -> 95%
_SPACE = re.compile(r"\s+")
# What may trail a cell without meaning anything: spaces and end stops.
_END = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "。.,;；!！、"


def _normalise(text: str) -> str:
    """Full-width to ASCII, comparison signs to ASCII, outer spaces and end stops off."""
    s = text.translate(_TRANS)
    if "。" in s:
        s = _STOP_IN_NUMBER.sub(".", s)
    if "百分之" in s:
        s = _PERCENT_WORDS.sub(r"\1%", s)
    return s.strip()


def _trim(s: str) -> str:
    return s.rstrip(_END).strip()


def _is_nothing(s: str) -> bool:
    return s in _NOTHING or _trim(s) in _NOTHING


# ---- numbers ------------------------------------------------------------------

# A figure: 1039, 1,039, 4.9745, 10.00, .5, 5.
_FIGURE = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+"
_PLAIN = re.compile(rf"(?P<sign>[+-])?\s*(?P<num>{_FIGURE})\s*(?P<unit>.*)", re.S)
# Figures inside text; a sign only where it cannot be a range dash (80-90).
_FIGURES = re.compile(rf"(?:(?<![0-9.,])(?P<sign>[+-]))?(?P<num>{_FIGURE})")


def _figure(sign: str | None, num: str) -> tuple[Decimal, int]:
    """The exact value and the decimals typed of a matched figure."""
    digits = num.replace(",", "")
    value = Decimal(digits.rstrip(".") or "0")
    return (-value if sign == "-" else value), len(digits.partition(".")[2])


def _float(value: Decimal) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _read_plain(text: str, units: dict[str, str]) -> Number | tuple[Decimal, int, str]:
    """A lone figure with an optional unit from ``units`` (as written -> as recorded)."""
    s = _normalise(text)
    if _is_nothing(s):
        return Number(text, "blank", None)
    m = _PLAIN.fullmatch(s)
    unit = units.get(_SPACE.sub("", m["unit"])) if m else None
    if unit is None:
        return Number(text, "unreadable", None)
    value, decimals = _figure(m["sign"], m["num"])
    return value, decimals, unit


def _number(text: str, value: Decimal, decimals: int, unit: str) -> Number:
    number = _float(value)
    if number is None:
        return Number(text, "unreadable", None)
    return Number(text, "ok", number, decimals, unit)


# Money units in 元.
_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10**8)}
_AMOUNT_UNITS = {"": "", "元": "元", "千元": "千元", "万元": "万元", "万": "万元", "亿元": "亿元"}


@lru_cache(maxsize=_CACHE)
def read_amount(text: str, money_unit: str = "万元") -> Number:
    """A money amount, converted to ``money_unit``; ``unit`` is the unit written."""
    read = _read_plain(text, _AMOUNT_UNITS)
    if isinstance(read, Number):
        return read
    value, decimals, unit = read
    if unit and unit != money_unit:
        if money_unit not in _YUAN:
            return Number(text, "unreadable", None)
        try:
            value = value * _YUAN[unit] / _YUAN[money_unit]
        except ArithmeticError:  # a figure a million digits long
            return Number(text, "unreadable", None)
    return _number(text, value, decimals, unit)


@lru_cache(maxsize=_CACHE)
def read_percent(text: str) -> Number:
    """A percent (``22.4%``, ``22.4％``; a bare number is a percent too), in percent units."""
    read = _read_plain(text, {"": "", "%": "%"})
    return read if isinstance(read, Number) else _number(text, *read)


@lru_cache(maxsize=_CACHE)
def read_score(text: str) -> Number:
    """A 自评得分 / 分值 / 总分: ``12.5``, ``１０``, ``10分``."""
    read = _read_plain(text, {"": "", "分": "分"})
    return read if isinstance(read, Number) else _number(text, *read)


# ---- 一级指标 weight ------------------------------------------------------------

_WEIGHT = re.compile(r"(?P<name>.*?)[(（](?P<weight>[^()（）]*)[)）]?\s*", re.S)
_WEIGHT_LIKE = re.compile(r"[\s0-9.,+\-%分一二三四五六七八九十百零〇两]*")
_NO_WEIGHT = Number("", "blank", None)


@lru_cache(maxsize=_CACHE)
def parse_weight(level1_text: str) -> tuple[str, Number]:
    """``产出指标（50）`` -> (``产出指标``, 50); no parenthetical -> a blank weight.

    A parenthetical that is plainly not a weight (``（社会）``) stays in the name.
    """
    m = _WEIGHT.fullmatch(level1_text)
    if m is None or not _WEIGHT_LIKE.fullmatch(m["weight"].translate(_TRANS)):
        return _SPACE.sub("", level1_text), _NO_WEIGHT
    return _SPACE.sub("", m["name"]), read_score(m["weight"])


# ---- targets and actuals ----------------------------------------------------------

_OP_SIGN = re.compile(r">\s*=|=\s*>|<\s*=|=\s*<|>|<|=")
_SIGN_OP = {">=": ">=", "=>": ">=", "<=": "<=", "=<": "<=", ">": ">", "<": "<", "=": "="}

_OP_WORDS = {
    ">=": ("大于等于", "大于或等于", "不小于", "不低于", "不少于", "至少", "最少", "最低",
           "及以上", "或以上", "以上", "达到", "达"),
    "<=": ("小于等于", "小于或等于", "不大于", "不高于", "不超过", "不多于", "至多", "最多",
           "最高", "及以下", "或以下", "以下", "以内", "之内", "控制在"),
    ">": ("大于", "高于", "超过", "多于"),
    "<": ("小于", "低于", "少于", "不足"),
    "=": ("等于",),
}
_WORD_OP = {w: op for op, words in _OP_WORDS.items() for w in words}
# Longest first, so 不低于 wins over 低于 and 大于等于 over 大于; 达 only right before a figure.
_OP_WORD = re.compile(
    "|".join(
        re.escape(w) + (r"(?=\s*[0-9.])" if w == "达" else "")
        for w in sorted(_WORD_OP, key=len, reverse=True)
    )
)

_UNITS = (
    "%", "‰", "个百分点", "百分点", "百分比",
    "元", "千元", "万元", "亿元",
    "人", "人次", "万人", "万人次", "名", "位", "户", "户次", "家", "个", "次", "件", "册",
    "分", "天", "日", "工作日", "个工作日", "小时", "周", "个月", "月", "年", "季度", "学期",
    "项", "场", "场次", "批", "批次", "所", "篇", "份", "台", "套", "座", "处", "期", "条",
    "本", "张", "部", "间", "辆", "村", "起", "例", "宗", "笔", "倍", "类", "种", "轮", "届",
    "支", "只", "头", "株", "棵", "课时", "学时", "平方米", "平米", "亩", "公里", "米", "吨",
    "km", "kg", "m2", "㎡",
)
_KNOWN = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_WORD = r"[\u4e00-\u9fffA-Za-z]"
# A whole suffix accepted as a unit: a known unit or a short word, then /per parts.
_UNIT_WHOLE = re.compile(rf"(?:{_KNOWN}|{_WORD}{{1,2}})(?:/(?:{_KNOWN}|{_WORD}{{1,3}}))*")
# Characters that make a short word a time or place, not a unit (12月底前).
_NOT_UNIT = frozenset("前后底初末中内外左右起止")
# The unit right after a figure inside a phrase: only a known unit starts one.
_UNIT_AFTER = re.compile(rf"\s*((?:{_KNOWN})(?:/(?:{_KNOWN}|[\u4e00-\u9fff]{{1,3}}))*)")
_LETTER = re.compile(r"[^\W\d_]")

_PARTS = r"(?:预期(?:指标|目标|效果)?|目标|任务|指标)?"
_VERBS = r"(?:完成|达成|达到|达标|实现|拨付|发放|到位)"
_MANNER = r"(?:全部|全面|按时|按期|如期|按计划|按要求|及时|足额|按时足额|及时足额)"
_COMPLY = r"符合(?:要求|规定|标准|预期|文件规定|文件要求)"
_QUALITATIVE = (
    (re.compile(rf"(?:已经?|均已?)?{_MANNER}?{_VERBS}{_PARTS}"), "达成"),
    # A yes/no question as the target expects yes: 是否完成, 是否及时拨付, 是否符合要求.
    (re.compile(rf"是否(?:{_MANNER}?{_VERBS}{_PARTS}|{_COMPLY})"), "达成"),
    (re.compile(rf"(?:基本上?|部分|大部分|大部|较好地?){_VERBS}{_PARTS}"), "部分达成"),
    (re.compile(rf"(?:未能?|尚未|没有?){_MANNER}?{_VERBS}{_PARTS}"), "未达成"),
)
_OUTCOME_WORDS = {
    **dict.fromkeys(
        ("是", "效果明显", "效果显著", "成效明显", "成效显著", "明显", "显著", "合格", "按时",
         "及时", "足额", "按时足额", "及时足额", "良好", "满意", "非常满意", "优秀", "有效",
         "准确", "符合要求", "符合规定", "符合标准", "符合预期", "符合文件规定", "符合文件要求"),
        "达成",
    ),
    **dict.fromkeys(("较好", "比较好", "基本满意", "较满意", "比较满意", "基本合格", "基本符合"), "部分达成"),
    **dict.fromkeys(
        ("否", "不合格", "无效果", "效果不明显", "不明显", "不达标", "不满意", "不及时", "不符合要求"),
        "未达成",
    ),
}


def _outcome(s: str) -> str:
    """达成 / 部分达成 / 未达成 for a whole short answer, "" otherwise."""
    phrase = _SPACE.sub("", _trim(s))
    found = _OUTCOME_WORDS.get(phrase)
    if found:
        return found
    for pattern, outcome in _QUALITATIVE:
        if pattern.fullmatch(phrase):
            return outcome
    return ""


def _unit(suffix: str, whole: bool) -> str | None:
    """The normalised unit after a figure; None if a whole suffix is not a unit."""
    suffix = _SPACE.sub("", suffix)
    if whole:
        if suffix and (not _UNIT_WHOLE.fullmatch(suffix) or _NOT_UNIT.intersection(suffix)):
            return None
        unit = suffix
    else:
        m = _UNIT_AFTER.match(suffix)
        unit = m[1] if m else ""
    return "%" + unit[3:] if unit.startswith("百分比") else unit


def _ops(s: str) -> tuple[set[str], str]:
    """The comparison ops written (signs and words), and ``s`` with the words blanked out."""
    ops = {_SIGN_OP[_SPACE.sub("", sign)] for sign in _OP_SIGN.findall(s)}
    if not _OP_WORD.search(s):
        return ops, s
    ops.update(_WORD_OP[w] for w in _OP_WORD.findall(s))
    return ops, _OP_WORD.sub(" ", s)


@lru_cache(maxsize=_CACHE)
def read_value(text: str) -> Value:
    """A 预期指标值 or 实际完成值: a number with op and unit, a qualitative answer, or text.

    A number is either the whole cell (``≥95%``, ``100人``, ``1500元/学期``,
    ``达到80%以上``) or the one figure of a phrase that also says how to
    compare (``每月至少3次``, ``基地管理办法执行率≥90%``).  Signs with no
    figure, contradictory ops and figure-only junk (``1.2.3``) are unreadable.
    """
    s = _normalise(text)
    if _is_nothing(s):
        return Value(text, "blank")
    outcome = _outcome(s)
    if outcome:
        return Value(text, "qualitative", outcome=outcome)
    ops, rest = _ops(s)
    rest = _trim(rest)
    figures = list(_FIGURES.finditer(rest))
    wordy = "text" if _LETTER.search(s) else "unreadable"
    if len(figures) != 1:
        return Value(text, wordy)
    if len(ops) > 1:  # ≥80%以下
        return Value(text, "unreadable")
    fig = figures[0]
    op = next(iter(ops), "")
    suffix = rest[fig.end():]
    unit = None if _OP_SIGN.sub("", rest[: fig.start()]).strip() else _unit(suffix, whole=True)
    if unit is None and op:
        unit = _unit(suffix, whole=False)
    exact, decimals = _figure(fig["sign"], fig["num"])
    value = _float(exact)
    if unit is None or value is None:
        return Value(text, wordy)
    return Value(text, "number", op, value, decimals, unit)


# ---- precision -------------------------------------------------------------------


def matches_at_precision(reported: float, decimals: int, computed: float) -> bool:
    """Does a typed figure equal ``computed`` rounded (half up) or truncated at its precision?

    ``99`` matches 99.49, ``81.72`` matches 81.7252, ``100.00`` does not match 99.93.
    """
    try:
        places = min(max(int(decimals), 0), 12)
        scale = 10.0**places
        sign = -1.0 if computed < 0 else 1.0
        target = abs(computed) * scale
        typed = reported * scale * sign
        slack = 1e-7 + 1e-12 * target  # float noise, in units of the last typed digit
        candidates = (math.floor(target + 0.5 + slack), math.floor(target + slack))
    except (TypeError, ValueError, OverflowError):  # nan, inf, not numbers
        return False
    return any(abs(typed - c) <= slack + 1e-12 * abs(typed) for c in candidates)
