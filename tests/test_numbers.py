"""perfdesk.numbers: reading what clerks type (form.md, "Numbers as clerks type them").

Examples come from form.md and from the filled forms in
shared/seeds/001_da47dba02cfd0856.txt (sections 二 and 四).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.numbers import (
    Number,
    Value,
    matches_at_precision,
    parse_weight,
    read_amount,
    read_percent,
    read_score,
    read_value,
)

BLANKS = ["", " ", "　", "\t", " 　 ", "-", "—", "——", "/", "无", " 无 ", "－", "／"]

# ---- amounts -------------------------------------------------------------------

AMOUNTS = [
    # text, value in 万元, decimals, unit written
    ("5", 5.0, 0, ""),
    ("4.9745", 4.9745, 4, ""),
    ("1,039", 1039.0, 0, ""),
    ("１０３９", 1039.0, 0, ""),
    ("10.00", 10.0, 2, ""),
    ("2.96478万元", 2.96478, 5, "万元"),
    ("24720元", 2.472, 0, "元"),
    (" 5 ", 5.0, 0, ""),
    ("－3", -3.0, 0, ""),
    ("-3", -3.0, 0, ""),
    ("0", 0.0, 0, ""),
    ("15.00", 15.0, 2, ""),
    ("1837.59", 1837.59, 2, ""),
    ("49.85", 49.85, 2, ""),
    ("10839", 10839.0, 0, ""),
    ("１，０３９．５", 1039.5, 1, ""),
    ("5万", 5.0, 0, "万元"),
    ("5 万元", 5.0, 0, "万元"),
    ("１０万元", 10.0, 0, "万元"),
    ("1,234,567元", 123.4567, 0, "元"),
    ("５.", 5.0, 0, ""),
    (".5", 0.5, 1, ""),
    ("4。9745", 4.9745, 4, ""),
]


@pytest.mark.parametrize(("text", "value", "decimals", "unit"), AMOUNTS)
def test_read_amount(text, value, decimals, unit):
    n = read_amount(text)
    assert n == Number(text, "ok", pytest.approx(value), decimals, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("24720", 24720.0, ""),
        ("24720元", 24720.0, "元"),
        ("2.96478万元", 29647.8, "万元"),
        ("1万", 10000.0, "万元"),
        ("0.5万元", 5000.0, "万元"),
    ],
)
def test_read_amount_in_a_yuan_file(text, value, unit):
    n = read_amount(text, "元")
    assert (n.status, n.unit) == ("ok", unit)
    assert n.value == pytest.approx(value)


def test_read_amount_converts_exactly():
    assert read_amount("24720元").value == 2.472
    assert read_amount("2.96478万元", "元").value == 29647.8


@pytest.mark.parametrize("text", BLANKS)
def test_read_amount_blank(text):
    assert read_amount(text) == Number(text, "blank", None)


@pytest.mark.parametrize(
    "text",
    ["约5", "5万多", "abc", "5%", "1,03", "1,0390", "5 6", "1.2.3", "+", "5元5", "五万", "≥5", "5美元", "（5）"],
)
def test_read_amount_unreadable(text):
    assert read_amount(text) == Number(text, "unreadable", None)


def test_read_amount_unknown_money_unit():
    assert read_amount("5", "美元").value == 5.0
    assert read_amount("5元", "美元").status == "unreadable"


# ---- percents ------------------------------------------------------------------

PERCENTS = [
    ("22.4%", 22.4, 1, "%"),
    ("22.4％", 22.4, 1, "%"),
    ("100.00%", 100.0, 2, "%"),
    ("99", 99.0, 0, ""),
    ("0.00%", 0.0, 2, "%"),
    ("99%", 99.0, 0, "%"),
    ("100%", 100.0, 0, "%"),
    ("81.72%", 81.72, 2, "%"),
    ("99.96%", 99.96, 2, "%"),
    ("98.20%", 98.2, 2, "%"),
    ("１００％", 100.0, 0, "%"),
    ("100 %", 100.0, 0, "%"),
    (" 86.96% ", 86.96, 2, "%"),
    ("百分之95", 95.0, 0, "%"),
    ("-5%", -5.0, 0, "%"),
]


@pytest.mark.parametrize(("text", "value", "decimals", "unit"), PERCENTS)
def test_read_percent(text, value, decimals, unit):
    assert read_percent(text) == Number(text, "ok", pytest.approx(value), decimals, unit)


@pytest.mark.parametrize("text", BLANKS)
def test_read_percent_blank(text):
    assert read_percent(text).status == "blank"


@pytest.mark.parametrize("text", ["百分之九十", "%", "约99%", "100%以上", "99%%", "99元", "abc", "≥90%"])
def test_read_percent_unreadable(text):
    assert read_percent(text) == Number(text, "unreadable", None)


# ---- scores --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "decimals", "unit"),
    [
        ("12.5", 12.5, 1, ""),
        ("１０", 10.0, 0, ""),
        ("10分", 10.0, 0, "分"),
        ("10 分", 10.0, 0, "分"),
        ("95", 95.0, 0, ""),
        ("0", 0.0, 0, ""),
        ("-2", -2.0, 0, ""),
        ("8.00", 8.0, 2, ""),
    ],
)
def test_read_score(text, value, decimals, unit):
    assert read_score(text) == Number(text, "ok", value, decimals, unit)


@pytest.mark.parametrize(("text", "status"), [("优", "unreadable"), ("良", "unreadable"), ("十分", "unreadable"),
                                              ("10%", "unreadable"), ("", "blank"), ("　", "blank"), ("-", "blank")])
def test_read_score_not_ok(text, status):
    assert read_score(text) == Number(text, status, None)


# ---- weights -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "status", "value"),
    [
        ("产出指标（50）", "产出指标", "ok", 50.0),
        ("效益指标（30)", "效益指标", "ok", 30.0),
        ("满意度指标(10)", "满意度指标", "ok", 10.0),
        ("预算执行率（10分）", "预算执行率", "ok", 10.0),
        ("产出指标(50)", "产出指标", "ok", 50.0),
        ("产出指标（５０）", "产出指标", "ok", 50.0),
        (" 产出 指标　（ 40 ）", "产出指标", "ok", 40.0),
        ("产出指标（50", "产出指标", "ok", 50.0),
        ("产出指标", "产出指标", "blank", None),
        ("产出指标（）", "产出指标", "blank", None),
        ("产出指标（五十）", "产出指标", "unreadable", None),
        ("", "", "blank", None),
        ("满意度指标（服务对象）", "满意度指标（服务对象）", "blank", None),
    ],
)
def test_parse_weight(text, name, status, value):
    got_name, weight = parse_weight(text)
    assert got_name == name
    assert (weight.status, weight.value) == (status, value)


def test_parse_weight_keeps_the_weight_as_typed():
    assert parse_weight("预算执行率（10分）")[1] == Number("10分", "ok", 10.0, 0, "分")
    assert parse_weight("产出指标")[1] == Number("", "blank", None)


# ---- targets and actuals ---------------------------------------------------------

NUMBERS = [
    # text, op, value, decimals, unit
    ("≥95%", ">=", 95.0, 0, "%"),
    (">=80%", ">=", 80.0, 0, "%"),
    ("＞＝80%", ">=", 80.0, 0, "%"),
    ("≧80%", ">=", 80.0, 0, "%"),
    ("大于等于80%", ">=", 80.0, 0, "%"),
    ("≤4%", "<=", 4.0, 0, "%"),
    ("<=10", "<=", 10.0, 0, ""),
    ("=100%", "=", 100.0, 0, "%"),
    ("100人", "", 100.0, 0, "人"),
    ("≥10人", ">=", 10.0, 0, "人"),
    ("1500元/学期", "", 1500.0, 0, "元/学期"),
    ("≤20800", "<=", 20800.0, 0, ""),
    ("100.00", "", 100.0, 2, ""),
    ("2.40%", "", 2.4, 2, "%"),
    ("23人次", "", 23.0, 0, "人次"),
    ("1,039", "", 1039.0, 0, ""),
    # comparisons in words
    ("达到80%以上", ">=", 80.0, 0, "%"),
    ("80%以上", ">=", 80.0, 0, "%"),
    ("不低于95%", ">=", 95.0, 0, "%"),
    ("不少于10人", ">=", 10.0, 0, "人"),
    ("至少3次", ">=", 3.0, 0, "次"),
    ("不超过5万元", "<=", 5.0, 0, "万元"),
    ("不高于5%", "<=", 5.0, 0, "%"),
    ("5%以下", "<=", 5.0, 0, "%"),
    ("3天以内", "<=", 3.0, 0, "天"),
    ("每月至少3次", ">=", 3.0, 0, "次"),
    ("基地管理办法执行率≥90%", ">=", 90.0, 0, "%"),
    ("大于90%", ">", 90.0, 0, "%"),
    ("低于5%", "<", 5.0, 0, "%"),
    # seed: targets and actuals of section 四
    ("≥100%", ">=", 100.0, 0, "%"),
    ("72.00", "", 72.0, 2, ""),
    ("117", "", 117.0, 0, ""),
    ("127人", "", 127.0, 0, "人"),
    ("≥97%", ">=", 97.0, 0, "%"),
    ("100%", "", 100.0, 0, "%"),
    ("≥90", ">=", 90.0, 0, ""),
    (">=100%", ">=", 100.0, 0, "%"),
    ("65人", "", 65.0, 0, "人"),
    ("≥1", ">=", 1.0, 0, ""),
    (">=20人次", ">=", 20.0, 0, "人次"),
    ("300人次", "", 300.0, 0, "人次"),
    ("2000册", "", 2000.0, 0, "册"),
    ("≥3次/月/家", ">=", 3.0, 0, "次/月/家"),
    ("≥2人/家", ">=", 2.0, 0, "人/家"),
    ("≤52", "<=", 52.0, 0, ""),
    (">=600元/人/月", ">=", 600.0, 0, "元/人/月"),
    ("66.55%", "", 66.55, 2, "%"),
    ("18398.8", "", 18398.8, 1, ""),
    ("1650元", "", 1650.0, 0, "元"),
    ("2115人", "", 2115.0, 0, "人"),
    ("12.5", "", 12.5, 1, ""),
    ("每月至少3次，并提前报备。", ">=", 3.0, 0, "次"),
    ("入孵企业能够切实享受政策支持达到80%以上", ">=", 80.0, 0, "%"),
    ("各基地考核85分以上", ">=", 85.0, 0, "分"),
    ("各孵化企业带动就业≥2人", ">=", 2.0, 0, "人"),
    ("企业满意度达90%以上", ">=", 90.0, 0, "%"),
    # full-width and spacing
    ("＞＝　８０％", ">=", 80.0, 0, "%"),
    ("≥ 95 %", ">=", 95.0, 0, "%"),
    ("＜＝１０", "<=", 10.0, 0, ""),
    ("≦4%", "<=", 4.0, 0, "%"),
    ("１，０３９人", "", 1039.0, 0, "人"),
    ("９５．５％", "", 95.5, 1, "%"),
    ("100 人", "", 100.0, 0, "人"),
    ("95百分比", "", 95.0, 0, "%"),
    ("≥95%。", ">=", 95.0, 0, "%"),
    ("≥90%（含）", ">=", 90.0, 0, "%"),
    ("≥-5%", ">=", -5.0, 0, "%"),
]


@pytest.mark.parametrize(("text", "op", "value", "decimals", "unit"), NUMBERS)
def test_read_value_number(text, op, value, decimals, unit):
    assert read_value(text) == Value(text, "number", op, pytest.approx(value), decimals, unit)


QUALITATIVE = [
    ("是", "达成"),
    ("完成", "达成"),
    ("已完成", "达成"),
    ("达成预期指标", "达成"),
    ("达到预期", "达成"),
    ("效果明显", "达成"),
    ("显著", "达成"),
    ("达标", "达成"),
    ("合格", "达成"),
    ("按时", "达成"),
    ("及时", "达成"),
    ("良好", "达成"),
    ("满意", "达成"),
    ("全部完成", "达成"),
    ("是否完成", "达成"),
    ("按时完成", "达成"),
    ("是否及时拨付", "达成"),  # seed: yes/no questions as targets
    ("是否符合要求", "达成"),
    ("是否符合文件规定", "达成"),
    ("已及时足额拨付", "达成"),
    ("按时发放", "达成"),
    ("部分拨付", "部分达成"),
    ("未按时发放", "未达成"),
    (" 完成。", "达成"),
    ("部分达成", "部分达成"),
    ("基本完成", "部分达成"),
    ("基本达成", "部分达成"),
    ("较好", "部分达成"),
    ("部分完成", "部分达成"),
    ("否", "未达成"),
    ("未完成", "未达成"),
    ("未达成", "未达成"),
    ("未达到", "未达成"),
    ("不合格", "未达成"),
    ("无效果", "未达成"),
]


@pytest.mark.parametrize(("text", "outcome"), QUALITATIVE)
def test_read_value_qualitative(text, outcome):
    assert read_value(text) == Value(text, "qualitative", outcome=outcome)


@pytest.mark.parametrize("text", BLANKS)
def test_read_value_blank(text):
    assert read_value(text) == Value(text, "blank")


@pytest.mark.parametrize(
    "text",
    ["≥", ">=", "≥%", "≤", "＞＝", "%", "1.2.3", "80-90%", "≥80%以下", "90%%", "%90", "1,03", "?"],
)
def test_read_value_unreadable(text):
    assert read_value(text) == Value(text, "unreadable")


@pytest.mark.parametrize(
    "text",
    [
        "原则上不超过社会保险费实际缴费额的2/3",
        "社会保险费实际缴费额的2/3",
        "专岗：600元/人/月       公益岗：1650元/人/月",
        "参照当地最低工资标准执行",
        "每半年一次",
        "按相关规定拨付使用补助资金",
        "产生一定激励效果",
        "已按文件要求全部上划",
        "及时上划，确保受益群众满意",
        "受益群众满意",
        "2020年度共支出2.96478万元",
        "100人参加培训",
        "12月底前",
        "以上均已完成",
        "≥上年",
        "不低于80%，不超过100%",
        "不适用",
        "学习是否有成效",
        "是否存在截留、滞留、挪用资金情况",
        "资金专款专用",
    ],
)
def test_read_value_text(text):
    assert read_value(text) == Value(text, "text")


def test_read_value_reads_full_width_like_ascii():
    assert read_value("≥９５％").value == read_value(">=95%").value == 95.0


# ---- precision -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "decimals", "computed", "expected"),
    [
        (99, 0, 99.49, True),
        (81.72, 2, 81.7252, True),
        (100.00, 2, 99.93, False),
        (90.86, 2, 90.38, False),
        (13.38, 2, 139 / 1039 * 100, True),
        (100, 0, 13.38, False),
        (86.96, 2, 3 / 3.45 * 100, True),
        (81.73, 2, 81.7252, True),  # rounded
        (81.71, 2, 81.7252, False),
        (99.5, 1, 99.45, True),  # half up despite 99.45 being 99.4499.. in binary
        (100, 0, 99.5, True),
        (99, 0, 99.5, True),  # truncated
        (98, 0, 99.5, False),
        (99.96, 2, 4.9745 / 5 * 100 + 0.0001, False),
        (99.49, 2, 4.9745 / 5 * 100, True),
        (0.0, 2, 0.0, True),
        (-3.5, 1, -3.54, True),
        (float("nan"), 0, 1.0, False),
        (1.0, 0, float("inf"), False),
    ],
)
def test_matches_at_precision(reported, decimals, computed, expected):
    assert matches_at_precision(reported, decimals, computed) is expected


def test_matches_at_precision_with_a_typed_percent():
    typed = read_percent("13.38%")
    assert matches_at_precision(typed.value, typed.decimals, 139 / 1039 * 100)
    typed = read_percent("100%")
    assert not matches_at_precision(typed.value, typed.decimals, 139 / 1039 * 100)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_a_figure_rounded_from_the_computed_value_matches(computed, decimals):
    rounded = read_percent(f"{computed:.{decimals}f}%")
    assert rounded.decimals == decimals
    assert matches_at_precision(rounded.value, rounded.decimals, computed)


# ---- never raise, keep the text ---------------------------------------------------

ALPHABET = "0123456789０１２３４５６７８９%％≥≤<>=＝＞＜≧≦,.，．万元人次分/ 　-－+是否完成以上不低于（）()"


def _check_number(n: Number, text: str) -> None:
    assert isinstance(n, Number)
    assert n.text == text
    assert n.status in ("blank", "ok", "unreadable")
    if n.status == "ok":
        assert isinstance(n.value, float) and math.isfinite(n.value)
    else:
        assert n.value is None


def _check_value(v: Value, text: str) -> None:
    assert isinstance(v, Value)
    assert v.text == text
    assert v.kind in ("blank", "number", "qualitative", "text", "unreadable")
    assert v.op in ("", ">=", "<=", ">", "<", "=")
    if v.kind == "number":
        assert isinstance(v.value, float) and math.isfinite(v.value)
    else:
        assert v.value is None and v.op == "" and v.unit == ""
    assert (v.outcome in ("达成", "部分达成", "未达成")) == (v.kind == "qualitative")


def _check_all(text: str) -> None:
    for money_unit in ("万元", "元", "美元"):
        _check_number(read_amount(text, money_unit), text)
    _check_number(read_percent(text), text)
    _check_number(read_score(text), text)
    _check_value(read_value(text), text)
    name, weight = parse_weight(text)
    assert isinstance(name, str) and not any(c.isspace() for c in name)
    _check_number(weight, weight.text)
    assert weight.text in text


@given(st.text())
def test_readers_never_raise_on_any_text(text):
    _check_all(text)


@given(st.text(alphabet=ALPHABET, max_size=24))
def test_readers_never_raise_on_number_like_text(text):
    _check_all(text)


@given(st.text(alphabet=ALPHABET, max_size=24))
def test_readers_are_memoised_and_stable(text):
    assert read_value(text) is read_value(text)
    assert read_value(text) == read_value.__wrapped__(text)
    assert read_amount(text) == read_amount.__wrapped__(text)


@given(
    st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "%", "人", "人次", "元/学期"]),
)
def test_a_plain_figure_with_a_unit_reads_back(number, unit):
    text = f"{number}{unit}"
    v = read_value(text)
    assert (v.kind, v.op, v.unit) == ("number", "", unit)
    assert v.value == pytest.approx(float(number))
    full_width = text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))
    assert read_value(full_width).value == v.value
