"""Labels read by what they mean (form_reader.meaning), and money rows our forms lack."""

from __future__ import annotations

import json

import pytest
from corpus_builder import CORPUS, RealForm, load, xlsx

from perfdesk import sources
from perfdesk.errors import PerfdeskError
from perfdesk.form_reader.meaning import extra_money_row
from perfdesk.form_reader.tables import joined_target
from perfdesk.form_reader.vocabulary import b_column, indicator_column, learn_layouts, money_row


@pytest.mark.parametrize("text, part", [
    ("其中:本年财政拨款", "fiscal"),
    ("其中：当年一般公共预算拨款", "fiscal"),
    ("其中：本年一般公共预算拨款", "fiscal"),
    ("财政性资金", "fiscal"),
    ("年度财政资金总额", "total"),
    ("年度财政 资金总额", "total"),
    ("年度资金总额：", "total"),
    ("总计", "total"),
    ("上年结转结余资金", "carryover"),
    ("以前年度结转", "carryover"),
    ("其他来源资金", "other"),
])
def test_money_rows_by_meaning(text, part):
    learn_layouts()
    assert money_row(text) == part


@pytest.mark.parametrize("text", ["项目名称", "财政专户管理资金", "单位资金", "资金使用合规", "其中:中央、省、市补助县级资金"])
def test_not_a_money_row(text):
    learn_layouts()
    assert money_row(text) is None


def test_extra_rows_named():
    assert extra_money_row("财政专户管理资金") == "财政专户管理资金"
    assert extra_money_row("其中：单位自有资金") == "单位资金"
    assert extra_money_row("其他资金") is None


@pytest.mark.parametrize("got, target", [
    ({"target_sign": "=", "target": "100", "target_unit": "%"}, "=100%"),
    ({"target_sign": "≤", "target": "30", "target_unit": "万元"}, "≤30万元"),
    ({"target_sign": "定性", "target": "", "target_unit": ""}, ""),
    ({"target": "≥95%"}, "≥95%"),
])
def test_sichuan_target_joined(got, target):
    assert joined_target(got) == target


def _sichuan_with(row_label: str, amounts: list[str], tmp_path) -> RealForm:
    data = json.loads((CORPUS / "sichuan-qingshen-2023-wages.json").read_text(encoding="utf-8"))
    for row in data["rows"]:
        if isinstance(row, list) and isinstance(row[0], dict) and row[0]["t"] == row_label:
            row[1:5] = amounts
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load(path)


def test_extra_row_with_money_is_refused_with_the_reason(tmp_path):
    real = _sichuan_with("单位资金", ["5.00", "5.00", "5.00", "100.00%"], tmp_path)
    with pytest.raises(PerfdeskError) as err:
        sources.import_files([xlsx(real, tmp_path / "form.xlsx")])
    assert "「单位资金」一行有金额" in str(err.value) and "并入「其他资金」" in str(err.value)


def test_extra_row_without_money_is_listed(tmp_path):
    real = _sichuan_with("单位资金", ["", "0", "", ""], tmp_path)
    notes: list[str] = []
    dfile = sources.import_files([xlsx(real, tmp_path / "form.xlsx")], notes=notes)
    assert dfile.forms[0].money.budget.total == "251.89"
    assert [n for n in notes if "「单位资金」一行没有金额" in n]


def test_money_unit_read_from_the_money_block(tmp_path):
    """``项目资金（元）`` makes the file's amounts 元."""
    data = json.loads((CORPUS / "hebei-langfang-2019-heating.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False).replace("项目资金\\n(万元)", "项目资金（元）")
    for old, new in (("\"43.2\"", "\"432000\""), ("\"37.24\"", "\"372400\"")):
        text = text.replace(old, new)
    path = tmp_path / "form.json"
    path.write_text(text, encoding="utf-8")
    dfile = sources.import_files([xlsx(load(path), tmp_path / "form.xlsx")])
    assert dfile.money_unit == "元"
    assert dfile.forms[0].money.budget.total == "432000"


@pytest.mark.parametrize("text, column", [
    ("本年预算数", "budget"), ("当年执行数", "executed"), ("全年实际执行数", "executed"),
    ("年初预算数", "budget_initial"), ("本年到位数", "arrived"), ("项目名称", None), ("本年", None),
])
def test_money_columns_by_meaning(text, column):
    learn_layouts()
    assert b_column(text) == column


@pytest.mark.parametrize("text, column", [
    ("指标解释（计算公式）", "definition"), ("指标说明及计算方法", "definition"),
    ("三 级 指 标", "level3"), ("评分标准", None), ("未完成原因分析", "deviation"),
])
def test_indicator_columns_by_meaning(text, column):
    learn_layouts()
    assert indicator_column(text) == column
