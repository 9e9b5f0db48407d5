"""Hostile or mislabelled files are refused quickly, in bounded memory, in Chinese.

Every file here is built on the fly and is small on disk; the bombs only
become big if something unpacks or parses them.
"""

import io
import time
import tracemalloc
import zipfile

import docx
import openpyxl
import pytest
from conftest import DEMO_FILE

from perfdesk import excel, report, safety, word
from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.sources import load_any

MB = 1024 * 1024


def _refused(path, *fragments, reader=load_any):
    """Reading ``path`` fails with a PerfdeskError naming ``fragments``, fast and small."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(PerfdeskError) as err:
            reader(path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, message
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert peak < 64 * MB, f"peak {peak / MB:.0f} MB"
    assert not isinstance(err.value, MemoryError)
    return message


def _xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(source: bytes, path, replace: dict[str, bytes], add: dict[str, bytes] | None = None):
    """Copy a zip, replacing some members' contents (and adding others)."""
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)


# ---- not what the extension says --------------------------------------------------


def test_a_png_renamed_xlsx(tmp_path):
    path = tmp_path / "照片.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    _refused(path, "不是Excel 工作簿（.xlsx）", "PNG 图片", "照片.xlsx")


def test_a_docx_that_is_really_an_xlsx(tmp_path):
    path = tmp_path / "表.docx"
    path.write_bytes(_xlsx_bytes())
    _refused(path, "文件扩展名是 .docx，内容却是Excel 工作簿（.xlsx）", "改为 .xlsx")


def test_an_xlsx_that_is_really_a_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目名称")
    path = tmp_path / "表.xlsx"
    document.save(str(path))
    _refused(path, "文件扩展名是 .xlsx，内容却是Word 文档（.docx）")


def test_a_perfdesk_file_renamed_xlsx(tmp_path):
    path = tmp_path / "demo.xlsx"
    path.write_bytes(DEMO_FILE.read_bytes())
    _refused(path, "不是Excel 工作簿", "数据库文件")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "文件是空的"),
        (b"PK\x03\x04" + b"\x00" * 100, "文件已损坏"),
        ("<html><table><tr><td>项目名称</td></tr></table></html>".encode(), "网页"),
        (b"\xe9\xa1\xb9\xe7\x9b\xae\xe5\x90\x8d\xe7\xa7\xb0,x\n", "内容无法识别"),
    ],
)
def test_empty_truncated_or_text_files(tmp_path, content, fragment):
    path = tmp_path / "a.xlsx"
    path.write_bytes(content)
    _refused(path, fragment)


def test_a_plain_zip_named_xlsx(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _refused(path, "是一个普通的压缩包")


# ---- old binary and encrypted Office files -------------------------------------------


def _ole(*streams: str) -> bytes:
    """A compound-file header and one directory sector naming ``streams``."""
    header = safety.OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    entries = b""
    for name in ("Root Entry", *streams):
        raw = name.encode("utf-16-le")
        entry = raw.ljust(64, b"\x00") + (len(raw) + 2).to_bytes(2, "little")
        entries += entry.ljust(128, b"\x00")
    return header + entries.ljust(512 * ((len(entries) + 511) // 512), b"\x00")


def test_a_password_protected_workbook(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(_ole("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"))
    _refused(path, "设有打开密码", "取消密码")


def test_a_password_protected_document(tmp_path):
    path = tmp_path / "加密.docx"
    path.write_bytes(_ole("EncryptionInfo", "EncryptedPackage"))
    _refused(path, "设有打开密码")


def test_an_old_xls_says_save_as_xlsx(tmp_path):
    data = _ole("Workbook", "\x05SummaryInformation")
    named_xls = tmp_path / "旧表.xls"
    named_xls.write_bytes(data)
    _refused(named_xls, "另存为 .xlsx")
    named_xlsx = tmp_path / "旧表.xlsx"
    named_xlsx.write_bytes(data)
    _refused(named_xlsx, "Excel 97-2003 工作簿（.xls）", "另存为 .xlsx")


def test_an_old_doc_says_save_as_docx(tmp_path):
    path = tmp_path / "旧表.docx"
    path.write_bytes(_ole("WordDocument", "1Table"))
    _refused(path, "Word 97-2003 文档（.doc）", "另存为 .docx")
    doc = tmp_path / "旧表.doc"
    doc.write_bytes(_ole("WordDocument"))
    _refused(doc, "另存为 .docx")


# ---- bombs --------------------------------------------------------------------------


def _bomb(path, member: str, size: int, extra: dict[str, bytes] | None = None):
    """A zip with ``member`` holding ``size`` zero bytes (about size/1000 on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
        with zf.open(member, "w", force_zip64=True) as f:
            chunk = b"\x00" * MB
            for _ in range(size // MB):
                f.write(chunk)


def test_a_zip_bomb_over_the_size_cap(tmp_path):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, "xl/worksheets/sheet1.xml", 100 * MB)
    assert path.stat().st_size < 1 * MB
    _refused(path, "解压后超过 50 MB", "压缩炸弹")


def test_a_zip_bomb_under_the_size_cap_by_its_ratio(tmp_path):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, "xl/media/image1.png", 20 * MB)
    _refused(path, "压缩比异常", "压缩炸弹")


def test_a_zip_of_too_many_members(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for n in range(safety.MAX_MEMBERS + 1):
            zf.writestr(f"xl/p{n}.bin", b"")
    _refused(path, "组成部分过多")


def test_a_zip_whose_headers_lie_about_sizes_cannot_blow_up(tmp_path):
    """Python's zipfile never unpacks past a member's declared size; a lying
    header makes the member unreadable (bad CRC), never big."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<a/>" + b" " * (30 * MB))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        while data[at + (46 if signature == b"PK\x01\x02" else 30):].find(name) != 0:
            at = data.find(signature, at + 4)
        data[at + size_at: at + size_at + 4] = (1024).to_bytes(4, "little")  # claims 1 KB
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 1024
    _refused(path, "文件已损坏")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def test_an_xml_entity_bomb_in_a_sheet(tmp_path):
    path = tmp_path / "lol.xlsx"
    _rezip(_xlsx_bytes(), path, {"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    _refused(path, "XML 实体声明", "sheet1.xml")


def test_an_xml_entity_bomb_in_utf16(tmp_path):
    path = tmp_path / "lol16.xlsx"
    bomb = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    _rezip(_xlsx_bytes(), path, {"xl/worksheets/sheet1.xml": b"\xff\xfe" + bomb.encode("utf-16-le")})
    _refused(path, "XML 实体声明")


def test_an_external_entity_in_a_document(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目名称")
    buf = io.BytesIO()
    document.save(buf)
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "xxe.docx"
    _rezip(buf.getvalue(), path, {"word/document.xml": xxe})
    _refused(path, "XML 实体声明", reader=word.read_file)


def _big_sheet(path, rows: int):
    """A real workbook whose first sheet has ``rows`` rows, written row by row."""
    source = _xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<dimension ref="A1:A%d"/><sheetData>' % rows)
            for start in range(1, rows + 1, 10000):
                f.write(b"".join(b'<row r="%d"/>' % r for r in range(start, min(start + 10000, rows + 1))))
            f.write(b"</sheetData></worksheet>")


def test_a_sheet_of_a_million_rows(tmp_path):
    path = tmp_path / "rows.xlsx"
    _big_sheet(path, 1_000_000)
    assert path.stat().st_size < 5 * MB
    _refused(path, "行数超过 5000 行", "sheet1.xml")


def test_a_merged_range_over_the_whole_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    wb.active.merge_cells("B1:C1")
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b'ref="B1:C1"', b'ref="A2:XFD1048576"')
    path = tmp_path / "merge.xlsx"
    _rezip(buf.getvalue(), path, {"xl/worksheets/sheet1.xml": sheet})
    _refused(path, "合并单元格", "范围过大")


def test_a_document_of_too_many_table_rows(tmp_path):
    document = docx.Document()
    document.add_table(rows=1, cols=1)
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        body = zf.read("word/document.xml")
    row = b"<w:tr><w:tc><w:p/></w:tc></w:tr>"
    start = body.index(b"<w:tr")
    end = body.index(b"</w:tr>") + len(b"</w:tr>")
    body = body[:start] + row * 6000 + body[end:]
    path = tmp_path / "rows.docx"
    _rezip(buf.getvalue(), path, {"word/document.xml": body})
    _refused(path, "行数超过 5000 行", reader=word.read_file)


# ---- the refusals reach the user ----------------------------------------------------


def test_import_and_check_report_the_refusal(tmp_path, capsys):
    png = tmp_path / "a.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "out.perfdesk"
    assert main(["import", str(png), "-o", str(out)]) == 2
    assert "PNG 图片" in capsys.readouterr().err
    assert not out.exists()
    [r] = report.check_files([png])
    assert "PNG 图片" in r.error
    assert main(["check", str(png)]) == 2


def test_normal_files_pass_the_guards(tmp_path, demo):
    path = tmp_path / "ok.xlsx"
    excel.export_file(demo, path)
    safety.check_office_file(path, "xlsx")
    document = docx.Document()
    document.add_paragraph("x")
    doc_path = tmp_path / "ok.docx"
    document.save(str(doc_path))
    safety.check_office_file(doc_path, "docx")
