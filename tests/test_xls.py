"""Old binary workbooks (.xls): read like .xlsx, refused with the reason when broken or hostile."""

from __future__ import annotations

import pytest
from corpus_builder import corpus, xls, xlsx

from perfdesk import safety, sources
from perfdesk.errors import PerfdeskError
from perfdesk.excel import xls as xls_reader

FORMS = {f.name: f for f in corpus()}


def _refused(path, *fragments):
    with pytest.raises(PerfdeskError) as err:
        sources.import_files([path])
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)


def test_a_form_reads_from_xls_as_from_xlsx(tmp_path):
    real = FORMS["hebei-langfang-2019-heating"]
    from_xls = sources.import_files([xls(real, tmp_path / "廊坊.xls")])
    from_xlsx = sources.import_files([xlsx(real, tmp_path / "廊坊.xlsx")])
    a, b = from_xls.forms[0].to_dict(), from_xlsx.forms[0].to_dict()
    a.pop("uid"), b.pop("uid")
    assert a == b
    assert from_xls.forms[0].money.progress == "86%"  # 0.86 in a 0% format reads as Excel shows it


def test_an_xlsx_named_xls_is_read(tmp_path):
    real = FORMS["anhui-chizhou-2022-commission"]
    path = xlsx(real, tmp_path / "池州.xls")
    assert sources.import_files([path]).forms[0].project == "委托业务项目"


def test_not_a_workbook(tmp_path):
    path = tmp_path / "图片.xls"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    _refused(path, "不是Excel 97-2003 工作簿（.xls）", "PNG 图片")


def test_a_damaged_xls_says_save_as_xlsx(tmp_path):
    path = tmp_path / "坏表.xls"
    path.write_bytes(safety.OLE_MAGIC + b"\0" * 600)
    _refused(path, "已损坏", "另存为 .xlsx")


def test_empty_and_huge_files(tmp_path, monkeypatch):
    empty = tmp_path / "空.xls"
    empty.write_bytes(b"")
    _refused(empty, "文件是空的")
    real = FORMS["hebei-langfang-2019-heating"]
    path = xls(real, tmp_path / "大.xls")
    monkeypatch.setattr(xls_reader, "MAX_XLS_BYTES", path.stat().st_size - 1)
    _refused(path, "文件太大")


def test_a_sheet_past_the_row_limit_is_refused(tmp_path, monkeypatch):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("大表")
    for r in range(60):
        ws.write(r, 0, "项目名称" if r == 0 else r)
    path = tmp_path / "行多.xls"
    wb.save(str(path))
    monkeypatch.setattr(safety, "MAX_ROWS", 50)
    _refused(path, "行数超过 50 行")
    monkeypatch.setattr(safety, "MAX_ROWS", 5000)
    monkeypatch.setattr(safety, "MAX_CELLS", 40)
    _refused(path, "单元格超过 40 个")
