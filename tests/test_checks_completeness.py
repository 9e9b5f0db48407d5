"""C — 完整性 (checks.md): C01–C03, table-driven."""

from __future__ import annotations

import pytest
from forms import at_rate, build, findings, found, one, row, run, wrong_severities

from perfdesk.checks import ERROR, HINT, WARNING
from perfdesk.messages import render


def test_baseline_has_no_findings_at_all():
    for options in ({}, {"finalising": True}, {"score_cap_by_rate": True}):
        _, fs = findings(options)
        assert fs == [], options


CASES = [
    # ---- C01 required cells blank
    ("C01 项目名称 blank", {"project": ""}, {("C01", ("project",))}),
    ("C01 年度 blank (the file's)", {"year": ""}, {("C01", ("year",))}),
    ("C01 实施预算单位 blank", {"unit": ""}, {("C01", ("unit",))}),
    ("C01 填报人 blank", {"filler": ""}, {("C01", ("filler",))}),
    ("C01 联系电话 blank", {"phone": ""}, {("C01", ("phone",))}),
    ("C01 spaces are blank", {"filler": " \u3000 "}, {("C01", ("filler",))}),
    ("C01 all five", {"project": "", "year": "", "unit": "", "filler": "", "phone": ""},
     {("C01", ("project",)), ("C01", ("year",)), ("C01", ("unit",)), ("C01", ("filler",)),
      ("C01", ("phone",))}),
    ("C01 finalising changes severity, not what fires", {"filler": "", "finalising": True},
     {("C01", ("filler",))}),
    # ---- C02 problems blank while 执行率 < 90 % or an indicator missed
    ("C02 执行率 85 %", at_rate("85"), {("C02", ("problems",))}),
    ("C02 执行率 90 % is enough", at_rate("90"), set()),
    ("C02 执行率 89.99 %", at_rate("89.99"), {("C02", ("problems",))}),
    ("C02 a missed indicator", row(0, actual="90人"), {("C02", ("problems",))}),
    ("C02 a qualitative miss", row(2, target="是", actual="否", score="10"),
     {("C02", ("problems",))}),
    ("C02 problems explained", {**at_rate("85"), **row(0, actual="90人"),
                                "problems": "年底部分资金未支付，下一步加快进度。"},
     set()),
    ("C02 no rate, nothing missed", {"budget": "", "arrived": "", "executed": "", "progress": "",
                                     "goals": (), **row(4, actual="")},
     set()),
    # ---- C03 联系电话 neither landline nor mobile
    ("C03 landline with area code", {"phone": "0851-86812345"}, set()),
    ("C03 landline, 7 digits", {"phone": "8681234"}, set()),
    ("C03 area code in parentheses", {"phone": "(0851)86812345"}, set()),
    ("C03 area code in full-width parentheses with spaces", {"phone": "（0851） 8681 2345"}, set()),
    ("C03 mobile", {"phone": "13812345678"}, set()),
    ("C03 mobile with dashes", {"phone": "138-1234-5678"}, set()),
    ("C03 mobile one digit short", {"phone": "1381234567"}, {("C03", ("phone",))}),
    ("C03 mobile one digit long", {"phone": "138123456789"}, {("C03", ("phone",))}),
    ("C03 too short for a landline", {"phone": "12345"}, {("C03", ("phone",))}),
    ("C03 9 local digits", {"phone": "0851-868123456"}, {("C03", ("phone",))}),
    ("C03 words", {"phone": "见附件"}, {("C03", ("phone",))}),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_completeness_checks(changes, expected):
    _, fs = findings(changes)
    assert found(fs, "C") == expected


@pytest.mark.parametrize("finalising, severity", [(False, WARNING), (True, ERROR)])
def test_c01_is_an_error_when_finalising(finalising, severity):
    _, fs = findings({"phone": "", "finalising": finalising})
    assert one(fs, "C01").severity == severity


def test_c01_explained_only_while_a_warning():
    form, _ = build({"filler": ""})
    form.explain("C01", ("filler",), "填报人调离，待补")
    draft = one(run(form), "C01")
    assert (draft.severity, draft.explained) == (WARNING, "填报人调离，待补")
    final = one(run(form, finalising=True), "C01")
    assert (final.severity, final.explained) == (ERROR, None)


def test_errors_come_first():
    _, fs = findings({"filler": "", "phone": "见附件", "finalising": True,
                      **row(1, level2="社会效益指标")})
    severities = [f.severity for f in fs]
    assert severities == sorted(severities, key=[ERROR, WARNING, HINT].index)
    assert {f.code for f in fs if f.severity == ERROR} == {"C01", "I01"}


SEVERITIES = {"C02": WARNING, "C03": HINT}


@pytest.mark.parametrize("changes", [c[1] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_severities(changes):
    assert not wrong_severities(changes, SEVERITIES)


MESSAGES = [
    ("C01", {"filler": ""}, ["填报人"]),
    ("C01", {"year": ""}, ["年度"]),
    ("C02", at_rate("85"), ["85.00%", "90%", "存在问题"]),
    ("C02", row(0, actual="90人"), ["有指标未达到目标"]),
    ("C03", {"phone": "1381234567"}, ["「1381234567」", "11 位手机号"]),
]


@pytest.mark.parametrize("code, changes, parts", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages_name_the_cells_and_figures(code, changes, parts):
    form, fs = findings(changes)
    text = render(one(fs, code), form)
    for part in parts:
        assert part in text, (part, text)


def test_hint_explained():
    form, options = build({"phone": "见附件"})
    form.explain("C03", ("phone",), "办公室总机转分机")
    c03 = one(run(form, **options), "C03")
    assert (c03.severity, c03.explained) == (HINT, "办公室总机转分机")
