"""The drafted 自评报告 and the 汇总表: figures from the forms, clean by construction."""

from __future__ import annotations

import docx
import openpyxl
import pytest
from conftest import DEMO_FILE

from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile, Form, Money, MoneyLine
from perfdesk.reports import check_report, form_refs, render
from perfdesk.reports.draft import TODO, cn, paragraphs, write_docx
from perfdesk.reports.summary import rows, write_xlsx
from perfdesk.sources import load_any


def test_a_drafted_demo_report_checks_with_no_T_finding(tmp_path):
    dfile = load_any(DEMO_FILE)
    out = tmp_path / "自评报告.docx"
    assert main(["draft", str(DEMO_FILE), "-o", str(out)]) == 0
    checked = check_report(out, form_refs(dfile))
    assert [render(f) for f in checked.findings] == []
    texts = [p.text for p in checked.report.paragraphs]
    for heading in ("一、基本情况", "二、绩效自评工作组织开展情况", "三、预算执行情况", "四、绩效目标完成情况",
                    "五、存在问题及改进措施", "六、绩效自评结果拟应用和公开情况", "（二十二）提前下达2020省级财政城乡居民医保代办员补助资金"):
        assert heading in texts
    assert "1.预算执行情况：全年预算数 5 万元，全年执行数 4.9745 万元，执行率 99.49%。" in texts
    assert sum(t.startswith(TODO) for t in texts) == 4  # the parts only a person can write


def test_a_drafted_report_is_checked_against_its_forms(tmp_path):
    """Change a form after drafting: the draft now contradicts it (T02), with the cell named."""
    dfile = load_any(DEMO_FILE)
    out = tmp_path / "r.docx"
    write_docx(dfile, out)
    dfile.forms[0].money.budget.total = dfile.forms[0].money.budget.fiscal = "6"
    budget, rate = [f for f in check_report(out, form_refs(dfile)).findings if f.code == "T02"]
    assert budget.form == rate.form == "劳动监察专项资金"
    assert budget.cells == ("money.budget.total",) and "5万元" in render(budget) and "6万元" in render(budget)
    assert rate.cells == ("money.budget.total", "money.executed.total") and "82.91%" in render(rate)


def _form(project, budget, executed, total, grade) -> Form:
    return Form(project=project, money=Money(budget=MoneyLine(total=budget), executed=MoneyLine(total=executed)),
                total_score=total, grade=grade)


def test_a_grade_the_form_contradicts_is_left_to_the_clerk():
    dfile = DepartmentFile(department="某局", year="2021", forms=[_form("甲项目", "10", "9", "85", "优")])
    text = "\n".join(str(c) for _, c in paragraphs(dfile))
    assert "自评总分 85 分；【待填写：评价等级" in text and "评价等级为“优”" not in text


def test_amounts_in_yuan_stay_in_yuan(tmp_path):
    dfile = DepartmentFile(department="某局", year="2021", money_unit="元",
                           forms=[_form("甲项目", "24720", "12360", "", "")])
    out = tmp_path / "r.docx"
    write_docx(dfile, out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "1.预算执行情况：全年预算数 24720 元，全年执行数 12360 元，执行率 50.00%。" in texts
    assert check_report(out, form_refs(dfile)).findings == []


def test_the_summary_sheet(tmp_path):
    out = tmp_path / "汇总表.xlsx"
    assert main(["summary", str(DEMO_FILE), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["汇总表"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[2] == ["序号", "项目名称", "预算数", "执行数", "执行率", "总分", "评价等级", "错误", "警告"]
    first = rows(load_any(DEMO_FILE))[0]
    assert values[3][:7] == [1, "劳动监察专项资金", 5, 4.9745, "99.49%", 95, "优"]
    assert values[3][7:] == [first.errors, first.warnings]
    assert values[-1][0] == "合计" and values[-1][1] == "22 个项目"
    assert len(values) == 3 + 22 + 1


def test_draft_and_summary_refuse_to_overwrite_or_a_wrong_extension(tmp_path, capsys):
    out = tmp_path / "r.docx"
    out.write_bytes(b"mine")
    assert main(["draft", str(DEMO_FILE), "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err and out.read_bytes() == b"mine"
    assert main(["summary", str(DEMO_FILE), "-o", str(tmp_path / "s.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    with pytest.raises(PerfdeskError, match=r"\.xlsx"):
        write_xlsx(load_any(DEMO_FILE), tmp_path / "s.txt")


def test_section_numbers():
    assert [cn(n) for n in (1, 9, 10, 11, 20, 22)] == ["一", "九", "十", "十一", "二十", "二十二"]
