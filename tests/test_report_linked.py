"""The 自评报告 kept with a department file: remembered across saves, checked against its forms,
told apart from a Word form when dropped."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import DEMO_FILE
from office_builders import layout_a, write_docx

from perfdesk import excel, storage
from perfdesk.document import Document
from perfdesk.errors import PerfdeskError
from perfdesk.newyear import new_year
from perfdesk.reports import render
from perfdesk.reports.draft import write_docx as draft_docx
from perfdesk.reports.linked import block_of, blocks, check_with_forms, looks_like_report
from perfdesk.sources import load_any

REPORT = "人社局2020年度自评报告.txt"
TEXT = (
    "一、预算执行情况\n"
    "（一）劳动监察专项资金\n"
    "年初预算5万元，全年支出4.9745万元，执行率99.49%。\n"
    "\t项目名称\t预算数\n"
    "（二）就业专项资金\n"
    "全年预算数1039万元，全年执行数140万元，执行率13.47%。\n"
)


@pytest.fixture
def saved(tmp_path, demo):
    path = tmp_path / "人社局2020.perfdesk"
    storage.save(copy.deepcopy(demo), path)
    report = tmp_path / REPORT
    report.write_text(TEXT, encoding="utf-8")
    return path, report


def test_the_report_path_is_saved_with_the_file_and_read_back(saved):
    path, report = saved
    doc = Document.open(path)
    assert doc.report_file == "" and doc.report_path() is None
    generation = doc.generation
    assert doc.set_report_file(str(report)).undo == ""
    assert doc.dirty and doc.generation > generation
    doc.save()
    again = Document.open(path)
    assert again.report_file == str(report) and again.report_path() == report
    assert again.set_report_file("").undo == str(report)  # undo
    assert again.set_report_file("").undo == "" and again.report_path() is None


def test_a_relative_report_setting_is_taken_from_the_files_folder(saved):
    path, report = saved
    doc = Document.open(path)
    doc.set_report_file(REPORT)
    assert doc.report_path() == report


def test_setting_the_report_does_not_touch_the_forms_findings(saved):
    path, report = saved
    doc = Document.open(path)
    before = [[f.code for f in doc.evaluation(i).findings] for i in range(len(doc.forms))]
    doc.set_report_file(str(report))
    assert [[f.code for f in doc.evaluation(i).findings] for i in range(len(doc.forms))] == before


def test_a_new_year_and_an_excel_copy_do_not_carry_this_pcs_report_path(demo, tmp_path):
    demo.settings.report_file = "/home/clerk/2020自评报告.docx"
    assert new_year(demo).settings.report_file == ""
    out = tmp_path / "out.xlsx"
    excel.export_file(demo, out)
    assert excel.read_file(out).settings.report_file == ""


def test_checked_against_the_files_forms_each_finding_in_its_paragraph(saved):
    path, report = saved
    checked = check_with_forms(report, load_any(path), str(path))
    got = [(f.code, f.line, f.quote, f.cells) for f in checked.findings]
    assert got == [("T02", 6, "140万元", ("money.executed.total",)),  # 5, 4.9745, 99.49 % and 1039 agree
                   ("T02", 6, "13.47%", ("money.budget.total", "money.executed.total"))]
    assert "自评表中为 139万元" in render(checked.findings[0])
    shown = blocks(checked)
    assert shown[3].paragraph.text == "项目名称\t预算数" and shown[3].paragraph.table  # shown, not checked
    assert [len(b.findings) for b in shown] == [0, 0, 0, 0, 0, 2]
    assert [block_of(checked, f) for f in checked.findings] == [5, 5]
    f = checked.findings[0]
    assert shown[5].paragraph.text[f.start:f.end] == "140万元"


def test_an_unreadable_report_says_why_in_chinese(tmp_path, demo):
    bad = tmp_path / "报告.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(PerfdeskError, match="不是文本文件"):
        check_with_forms(bad, demo)
    with pytest.raises(PerfdeskError, match="找不到报告文件"):
        check_with_forms(tmp_path / "没有.txt", demo)


def test_a_word_report_is_told_apart_from_a_word_form(tmp_path, demo):
    drafted = tmp_path / "自评报告.docx"
    draft_docx(load_any(DEMO_FILE), drafted)
    forms = tmp_path / "自评表.docx"
    write_docx(forms, [layout_a(f, demo.year, definition=False) for f in demo.forms[:3]])
    assert looks_like_report(drafted)
    assert not looks_like_report(forms)
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert not looks_like_report(broken)  # the import says what is wrong with it
    for name, expected in (("a.txt", True), ("a.pdf", True), ("a.xlsx", False), ("a.perfdesk", False)):
        assert looks_like_report(Path(tmp_path / name)) is expected
