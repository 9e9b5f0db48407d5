"""Reading a 自评报告: .txt in UTF-8 and GB18030, .docx paragraphs and tables, text-layer .pdf;
wrapped sentences joined; hostile or unreadable files refused with the reason in Chinese."""

from __future__ import annotations

import pytest

from perfdesk.errors import PerfdeskError
from perfdesk.reports import check_report
from perfdesk.reports.quantities import quantities
from perfdesk.reports.reading import read_report

TEXT = (
    "一、基本情况\n"
    "（一）“三户一孤”资金\n"
    "1.项目支出预算执行情况：年初财政预算资金15万元，\n"
    "全年支出8.5万元，执行率56.91%。\n"
    "\n"
    "\t合计\n"
    "\t15\n"
)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_txt_in_each_encoding_reads_the_same(tmp_path, codec):
    path = tmp_path / "报告.txt"
    path.write_bytes(TEXT.encode(codec))
    paras = read_report(path).paragraphs
    assert [(p.line, p.heading, p.table) for p in paras] == [
        (1, True, False), (2, True, False), (3, False, False), (6, False, True), (7, False, True)]
    assert paras[2].text == "1.项目支出预算执行情况：年初财政预算资金15万元，全年支出8.5万元，执行率56.91%。"


def test_a_wrapped_sentence_is_checked_whole(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="gb18030")
    [f] = check_report(path).findings
    assert (f.code, f.line) == ("T01", 3)
    assert f.quote == "15万元，全年支出8.5万元，执行率56.91%"


def test_a_line_that_ends_a_sentence_is_not_joined_to_the_next(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("综上所述，执行情况良好。\n全年支出8.5万元。\n(二) 下一节\n", encoding="utf-8")
    assert [p.text for p in read_report(path).paragraphs] == ["综上所述，执行情况良好。", "全年支出8.5万元。", "(二) 下一节"]


def test_numbers_as_printed():
    qs = quantities("共计２６０６万元，其中中央2,238万元、省级368万元；24720元；1.25亿元；执行率55.3 %；"
                    "电话5776425；（甘财社〔2020〕143号）；2021年5月11日；1.项目")
    assert [(q.printed, q.unit, q.value) for q in qs] == [
        (2606, "万元", 2606), (2238, "万元", 2238), (368, "万元", 368), (24720, "万元", 2.472),
        (1.25, "万元", 12500), (55.3, "%", 55.3)]
    assert [q.role for q in qs][:1] == ["total"]


def test_roles_from_the_words_before():
    qs = quantities("年初预算120万元，全年支出95.22万元，执行率79.35%，得 5.74 分，支出330.3")
    assert [q.role for q in qs] == ["budget_initial", "spent", "rate", "score", "spent"]
    assert qs[-1].unit == "万元"  # a bare figure after 支出 beside 万元 figures


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("（一）项目")
    doc.add_paragraph("年初预算15万元，全年支出8.5万元，执行率56.91%。")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "预算", "15"
    path = tmp_path / "报告.docx"
    doc.save(path)
    paras = read_report(path).paragraphs
    assert [(p.line, p.table) for p in paras] == [(1, False), (2, False), (3, True)]
    assert paras[2].text == "预算　|　15"
    [f] = check_report(path).findings
    assert (f.code, f.line) == ("T01", 2)


def test_text_layer_pdf(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from perfdesk.resources import font_path

    pdfmetrics.registerFont(TTFont("Report", str(font_path())))
    path = tmp_path / "报告.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Report", 11)
    c.drawString(60, 760, "（一）“三户一孤”资金")
    c.drawString(60, 740, "1.项目支出预算执行情况。年初预算15万元，全年支出8.5万元，")
    c.drawString(60, 725, "执行率56.91%。")
    c.save()
    paras = read_report(path).paragraphs
    assert [p.line for p in paras] == [1, 2]
    assert paras[1].text.endswith("全年支出8.5万元，执行率56.91%。")
    assert [f.code for f in check_report(path).findings] == ["T01"]


def test_a_pdf_without_text_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(10, 10, 100, 100)
    c.save()
    with pytest.raises(PerfdeskError, match="没有文字层"):
        read_report(path)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("r.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "二进制"),
    ("r.txt", bytes(range(0x80, 0x100)) * 3, "编码"),
    ("r.pdf", b"%PDF-1.4 not really", "PDF"),
    ("r.docx", b"PK\x03\x04 not a zip", "docx|Word|损坏"),
    ("r.rtf", b"{\\rtf1}", "不支持"),
])
def test_unreadable_reports_are_refused_with_the_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PerfdeskError, match=reason):
        read_report(path)
