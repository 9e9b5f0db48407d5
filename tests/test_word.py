"""Word: forms typed as tables in .docx, read by labels like the Excel ones."""

import docx
import pytest
from office_builders import C, Row, layout_a, layout_b, national_b, same_forms, write_docx

from perfdesk import report, storage, word
from perfdesk.checks import evaluate
from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile
from perfdesk.sources import load_any


def _rows(demo, **kw):
    return [layout_a(f, demo.year, definition=any(i.definition for i in f.indicators), **kw)
            for f in demo.forms]


def _findings(forms, dfile):
    return [[(f.code, f.cells) for f in evaluate(form, dfile).findings] for form in forms]


def _report_findings(path):
    [r] = report.check_files([path])
    assert r.error is None, r.error
    return [[(f.code, f.cells) for f in ev.findings] for _, ev in r.results]


def test_a_document_of_22_forms_reads_value_for_value(tmp_path, demo):
    path = tmp_path / "自评表.docx"
    write_docx(path, _rows(demo))
    back = word.read_file(path)
    same_forms(back, demo.forms)
    assert (back.year, back.money_unit) == ("2020", "万元")
    assert _report_findings(path) == _findings(demo.forms, demo)


def test_forms_typed_wholly_inside_tables_without_merges(tmp_path, demo):
    path = tmp_path / "in-table.docx"
    write_docx(path, _rows(demo, merge=False)[:6], table_outside=False)
    same_forms(word.read_file(path), demo.forms[:6])


def test_definition_column_on_every_form(tmp_path, demo):
    path = tmp_path / "def.docx"
    write_docx(path, [layout_a(f, demo.year, definition=True) for f in demo.forms[:4]])
    same_forms(word.read_file(path), demo.forms[:4])


def test_national_layout_b_document(tmp_path, demo):
    forms = [national_b(f) for f in demo.forms]
    path = tmp_path / "b.docx"
    write_docx(path, [layout_b(f, demo.year) for f in forms])
    back = word.read_file(path)
    same_forms(back, forms)
    assert _report_findings(path) == _findings(forms, DepartmentFile(year="2020", forms=forms))


def test_merged_cells_are_read_once(tmp_path, demo):
    """python-docx repeats a merged cell in row.cells; the reader must not."""
    path = tmp_path / "merged.docx"
    write_docx(path, _rows(demo)[:1])
    table = docx.Document(str(path)).tables[0]
    project_row = next(r for r in table.rows if r.cells[1].text == "项目名称")
    assert [c.text for c in project_row.cells].count(demo.forms[0].project) == 3  # repeated
    assert word.read_file(path).forms[0].project == demo.forms[0].project  # once


def test_check_and_load_any_read_docx(tmp_path, demo, capsys):
    path = tmp_path / "a.docx"
    write_docx(path, _rows(demo)[:3])
    same_forms(load_any(path), demo.forms[:3])
    assert main(["check", str(path)]) == 1
    assert "就业专项资金" in capsys.readouterr().out
    out = tmp_path / "a.perfdesk"
    assert main(["import", str(path), "-o", str(out)]) == 0
    same_forms(storage.load(out), demo.forms[:3])


def test_what_cannot_be_read_is_named_by_table_row_and_column(tmp_path, demo):
    rows = _rows(demo)[:2]
    goals = next(r for r in rows[1] if any(c.text == "年度预期目标" for c in r.cells))
    rows[1].insert(rows[1].index(goals), Row([C(1, "备注：资金已拨付", 7)]))
    path = tmp_path / "bad.docx"
    write_docx(path, rows)
    with pytest.raises(PerfdeskError) as err:
        word.read_file(path)
    text = str(err.value)
    assert text.startswith("无法导入，以下内容读不出来（没有保存任何内容）：")
    assert (
        "文件 bad.docx，第 2 张表「就业专项资金」：表格 2 第 6 行第 2 列「备注：资金已拨付」"
        "不在表中任何一栏之下" in text
    )
    assert "第 1 张表" not in text


def test_a_document_without_forms_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("2020年度绩效自评报告：项目名称见附件。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    with pytest.raises(PerfdeskError, match="没有找到绩效自评表"):
        word.read_file(path)


def test_text_in_a_cell_keeps_its_lines_and_skips_deleted_revisions(tmp_path, demo):
    form = demo.forms[10]  # its goals hold line breaks
    path = tmp_path / "lines.docx"
    write_docx(path, [layout_a(form, "2020", definition=False)])
    document = docx.Document(str(path))
    # a tracked deletion inside the 实施预算单位 value must not be read
    cell = next(c for r in document.tables[0].rows for c in r.cells if c.text == form.unit)
    from docx.oxml import parse_xml

    p = cell.paragraphs[0]._p
    p.append(parse_xml(
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:id="1" w:author="x"><w:r><w:delText>删掉的字</w:delText></w:r></w:del>'
    ))
    document.save(str(path))
    back = word.read_file(path).forms[0]
    assert back.goals == form.goals
    assert back.unit == form.unit
